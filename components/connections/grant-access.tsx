import { Alert } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";

// Streams were skipped for scopes the account never granted (an install from before the app asked
// for them): the admin goes through the provider's sign-in for this account again, where the
// added scopes are asked, and comes back to a connection that reads those streams from its next
// sync. A plain link: the install route redirects to the provider's consent screen.
export function GrantAccess({ providerName, grant }: { providerName: string; grant: { scopes: string[]; path: string } }) {
  return (
    <Alert variant="warning" data-testid="connection-grant-access">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p>
          Some data is not synced: {providerName} has not granted <span className="font-mono">{grant.scopes.join(", ")}</span>.
        </p>
        <a href={grant.path} className={buttonVariants({ size: "sm" })} data-testid="connection-grant-access-link">
          Grant access
        </a>
      </div>
    </Alert>
  );
}
