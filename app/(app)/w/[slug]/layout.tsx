import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { FormatsProvider } from "@/components/ui/formats";
import { RememberWorkspace } from "@/components/workspace/remember-workspace";
import { WorkspaceProvider } from "@/components/workspace/workspace-context";
import { api } from "@/server/api/caller";
import { requireUser } from "@/server/auth";
import { signOutAction } from "@/server/auth/actions";
import { requestLocale } from "@/server/locale/request-locale";
import { loadWorkspace } from "./load-workspace";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/w/${slug}`);
  const [workspace, workspaces, locale] = await Promise.all([loadWorkspace(slug), (await api()).workspace.list(), requestLocale()]);

  return (
    <WorkspaceProvider workspace={workspace} user={{ id: user.id, name: user.name ?? null, email: user.email }}>
      <FormatsProvider formats={{ locale, timeZone: workspace.timeZone }}>
        <RememberWorkspace slug={workspace.slug} />
        <AppShell workspaces={workspaces} signOutAction={signOutAction}>
          {children}
        </AppShell>
      </FormatsProvider>
    </WorkspaceProvider>
  );
}
