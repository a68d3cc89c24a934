"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { routeTo } from "./route-to";

// The body of the not-found.tsx files inside a workspace: they get no props, so the way back is
// written as a route ("/w/[slug]/orders") and filled in from the URL's params here.
export function NotFoundPanel({ title, description, back }: { title: string; description: string; back: { label: string; route: string } }) {
  const params = useParams<Record<string, string>>();
  return (
    <Card className="flex flex-col items-center gap-3 px-6 py-12 text-center">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">{title}</h1>
      <p className="max-w-md text-sm text-muted-foreground">{description}</p>
      <Link href={routeTo(back.route, params)} className={buttonVariants({ variant: "outline", className: "mt-2" })}>
        {back.label}
      </Link>
    </Card>
  );
}
