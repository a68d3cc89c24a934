import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { LAST_WORKSPACE_COOKIE, pickWorkspace } from "@/components/workspace/last-workspace";
import { api } from "@/server/api/caller";
import { requireUser } from "@/server/auth";

// "/" has no page of its own: it sends people to the workspace they used last, to onboarding
// when they have none, or to sign-in.
export default async function Home() {
  await requireUser();
  const caller = await api();
  const workspaces = await caller.workspace.list();
  const lastSlug = (await cookies()).get(LAST_WORKSPACE_COOKIE)?.value;
  const workspace = pickWorkspace(workspaces, lastSlug);
  redirect(workspace ? `/w/${workspace.slug}` : "/onboarding");
}
