"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Button, buttonVariants } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuItem, DropdownMenuLabel, DropdownMenuRadioItem, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { SavedViewList } from "@/server/services/saved-views/schema";

type View = { id: string; name: string; query: string };

/**
 * The person's saved views of a list ("Paid + unfulfilled"): choose one to apply its filters and
 * sort, save the current ones under a name, rename or delete them. `current` is the list's URL
 * query without its page (useListUrl's viewQuery), `apply` shows a view's.
 */
export function SavedViewsMenu({ list, current, apply }: { list: SavedViewList; current: string; apply: (query: string) => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const views = useQuery(trpc.savedView.list.queryOptions({ workspaceSlug: slug, list }));
  const [dialog, setDialog] = useState<"save" | "manage" | null>(null);
  const close = () => setDialog(null);

  return (
    <>
      <DropdownMenu data-testid="saved-views-menu" triggerClassName={buttonVariants({ variant: "outline", size: "sm" })} trigger="Views">
        <DropdownMenuLabel>Saved views</DropdownMenuLabel>
        {views.data?.length === 0 && <p className="px-2 py-1.5 text-sm text-muted-foreground">None saved yet</p>}
        {views.data?.map((view) => (
          <DropdownMenuRadioItem key={view.id} checked={view.query === current} onSelect={() => apply(view.query)}>
            {view.name}
          </DropdownMenuRadioItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => setDialog("save")}>Save current view…</DropdownMenuItem>
        {Boolean(views.data?.length) && <DropdownMenuItem onSelect={() => setDialog("manage")}>Rename or delete views…</DropdownMenuItem>}
      </DropdownMenu>
      {dialog === "save" && <SaveViewDialog list={list} query={current} onClose={close} />}
      {dialog === "manage" && <ManageViewsDialog list={list} views={views.data ?? []} onClose={close} />}
    </>
  );
}

function useInvalidateViews(list: SavedViewList) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.savedView.list.queryKey({ workspaceSlug: slug, list }) });
}

function SaveViewDialog({ list, query, onClose }: { list: SavedViewList; query: string; onClose: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const invalidate = useInvalidateViews(list);
  const [name, setName] = useState("");
  const save = useMutation(trpc.savedView.create.mutationOptions({ onSuccess: async () => (await invalidate(), onClose()) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ workspaceSlug: slug, list, name, query });
  };
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title="Save this view"
      description="Its filters and sort, under a name only you see."
      dismissible={!save.isPending}
      data-testid="save-view-dialog"
    >
      <form onSubmit={submit} className="grid gap-4">
        <Field label="Name" error={save.error ? errorMessageOf(save.error) : undefined}>
          <Input value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-autofocus placeholder="Paid + unfulfilled" />
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            Save view
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ManageViewsDialog({ list, views, onClose }: { list: SavedViewList; views: View[]; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title="Your saved views" data-testid="manage-views-dialog">
      <ul className="grid gap-3">
        {views.map((view) => (
          <ManagedView key={view.id} list={list} view={view} />
        ))}
      </ul>
      <div className="mt-4 flex justify-end">
        <Button variant="outline" onClick={onClose}>
          Done
        </Button>
      </div>
    </Dialog>
  );
}

function ManagedView({ list, view }: { list: SavedViewList; view: View }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const invalidate = useInvalidateViews(list);
  const [name, setName] = useState(view.name);
  const rename = useMutation(trpc.savedView.rename.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.savedView.delete.mutationOptions({ onSuccess: invalidate }));
  const error = rename.error ?? remove.error;
  return (
    <li>
      <form
        className="flex items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          rename.mutate({ workspaceSlug: slug, savedViewId: view.id, name });
        }}
      >
        <Field label={`Name of “${view.name}”`} className="grow" error={error ? errorMessageOf(error) : undefined}>
          <Input value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} />
        </Field>
        <Button type="submit" variant="outline" size="sm" disabled={rename.isPending || name === view.name}>
          Rename
        </Button>
        <Button type="button" variant="ghost" size="sm" disabled={remove.isPending} onClick={() => remove.mutate({ workspaceSlug: slug, savedViewId: view.id })}>
          Delete
        </Button>
      </form>
    </li>
  );
}
