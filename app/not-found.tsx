import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="max-w-sm text-sm text-muted-foreground">
        This page does not exist, or it belongs to a workspace you are not a member of.
      </p>
      <Link href="/" className={buttonVariants({ variant: "outline", className: "mt-2" })}>
        Go to Meridian
      </Link>
    </main>
  );
}
