// The workspace a user last opened, remembered in a cookie so "/" can return them to it.
export const LAST_WORKSPACE_COOKIE = "meridian-last-workspace";

export function pickWorkspace<T extends { slug: string }>(workspaces: T[], lastSlug: string | undefined): T | undefined {
  return workspaces.find((w) => w.slug === lastSlug) ?? workspaces[0];
}
