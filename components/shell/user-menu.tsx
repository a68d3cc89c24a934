"use client";

import { THEMES, type Theme } from "@/components/theme/theme";
import { useTheme } from "@/components/theme/theme-provider";
import { DropdownMenu, DropdownMenuItem, DropdownMenuLabel, DropdownMenuLink, DropdownMenuRadioItem, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";
import { useCurrentUser } from "@/components/workspace/workspace-context";

const THEME_LABELS: Record<Theme, string> = { system: "System theme", light: "Light", dark: "Dark" };

export function UserMenu({ signOutAction }: { signOutAction: () => Promise<void> }) {
  const user = useCurrentUser();
  const display = user.name || user.email;
  const { theme, setTheme } = useTheme();

  return (
    <DropdownMenu
      data-testid="user-menu"
      side="top"
      className="w-full"
      triggerClassName="flex w-full items-center gap-2.5 rounded-lg px-2 py-1.5 text-left hover:bg-muted"
      trigger={
        <>
          <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-semibold">
            {display.charAt(0).toUpperCase()}
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium">{user.name ?? "Your account"}</span>
            <span className="block truncate text-xs text-muted-foreground">{user.email}</span>
          </span>
          <span className="sr-only">: account menu</span>
        </>
      }
    >
      <DropdownMenuLabel>
        Signed in as <span className="font-medium text-foreground">{user.email}</span>
      </DropdownMenuLabel>
      <DropdownMenuSeparator />
      <DropdownMenuLink href="/account/notifications">Notification settings</DropdownMenuLink>
      <DropdownMenuSeparator />
      <div role="group" aria-label="Theme" data-testid="theme-choices">
        {THEMES.map((choice) => (
          <DropdownMenuRadioItem key={choice} checked={theme === choice} onSelect={() => setTheme(choice)}>
            {THEME_LABELS[choice]}
          </DropdownMenuRadioItem>
        ))}
      </div>
      <DropdownMenuSeparator />
      <form action={signOutAction} role="none">
        <DropdownMenuItem type="submit" data-testid="sign-out">
          Sign out
        </DropdownMenuItem>
      </form>
    </DropdownMenu>
  );
}
