import Link from "next/link";
import type { ComponentProps } from "react";
import { cn } from "./cn";
import { ScrollRegion } from "./scroll-region";

// Under 640 px a `stacked` table becomes a list of cards: each row a block, each cell a line
// showing its column's name (TableCell's `label`) before its value, the header row a wrapping row
// of its (sort) buttons. Columns hidden at small widths show again in the cards, where there is
// room for them.
const STACKED = cn(
  "max-sm:block max-sm:[&_tbody]:block max-sm:[&_thead]:block max-sm:[&_thead_tr]:flex max-sm:[&_thead_tr]:flex-wrap max-sm:[&_th]:h-auto max-sm:[&_th]:px-2 max-sm:[&_th]:py-1",
  "max-sm:[&_tbody_tr]:block max-sm:[&_tbody_tr]:py-2",
  "max-sm:[&_td]:flex max-sm:[&_td]:max-w-none max-sm:[&_td]:items-center max-sm:[&_td]:justify-between max-sm:[&_td]:gap-4 max-sm:[&_td]:py-1 max-sm:[&_td]:text-right",
  "max-sm:[&_td[data-label]]:before:text-xs max-sm:[&_td[data-label]]:before:font-medium max-sm:[&_td[data-label]]:before:text-muted-foreground max-sm:[&_td[data-label]]:before:content-[attr(data-label)]",
  // A long value (an email, a reference) wraps inside the card instead of being cut off at its edge,
  // whatever the wide table truncates or keeps on one line.
  "max-sm:[&_td]:whitespace-normal max-sm:[&_td]:[overflow-wrap:anywhere] max-sm:[&_td>*]:min-w-0 max-sm:[&_td[data-label]]:before:shrink-0",
);

// The wrapper scrolls horizontally so wide tables stay usable on small screens (and keyboard users
// reach it while it does); `relative` keeps absolutely positioned content (sr-only labels) inside
// it instead of widening the page. A list that moves focus to its table after paging gives it
// tabIndex={-1} and a ref.
export function Table({ className, stacked = false, ...props }: ComponentProps<"table"> & { stacked?: boolean }) {
  return (
    <ScrollRegion className="relative w-full">
      <table className={cn("w-full caption-bottom text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring", stacked && STACKED, className)} {...props} />
    </ScrollRegion>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("border-b bg-muted/50", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("transition-colors hover:bg-muted/40", className)} {...props} />;
}

export function TableHead({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cn("h-10 px-4 text-left align-middle text-xs font-medium tracking-wide text-muted-foreground uppercase", className)}
      {...props}
    />
  );
}

/** `label`: the column's name, shown before the value when a stacked table is a card. */
export function TableCell({ className, label, ...props }: ComponentProps<"td"> & { label?: string }) {
  return <td className={cn("px-4 py-3 align-middle", className)} data-label={label} {...props} />;
}

export function TableCaption({ className, ...props }: ComponentProps<"caption">) {
  return <caption className={cn("sr-only", className)} {...props} />;
}

/** The link in a row that opens its record (an order's name, a product's title). */
export function RowLink({ className, ...props }: ComponentProps<typeof Link>) {
  // At least 24 px tall, a target a finger or a shaky hand can hit (WCAG 2.5.8).
  return <Link className={cn("inline-block min-h-6 rounded-sm leading-6 font-medium underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring", className)} {...props} />;
}
