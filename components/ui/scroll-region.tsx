"use client";

import { useEffect, useRef, useState, type ComponentProps } from "react";
import { cn } from "./cn";

/**
 * A box that scrolls sideways when what it holds is wider than the space it gets (a wide table).
 * While it scrolls it is a named region in the tab order, so keyboard users can reach it and scroll
 * it with the arrow keys (WCAG 2.1.1); when everything fits it stays a plain box, without a tab stop
 * that does nothing. Named by `label`, or by the caption of the table inside.
 */
export function ScrollRegion({ label, className, children, ...props }: ComponentProps<"div"> & { label?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [name, setName] = useState<string | null>(null);

  useEffect(() => {
    const box = ref.current!;
    const measure = () => {
      const scrolls = box.scrollWidth > box.clientWidth;
      setName(scrolls ? (label ?? box.querySelector("caption")?.textContent ?? "Scrollable content") : null);
    };
    // The box narrows with the window; what it holds widens as rows arrive.
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    measure();
    return () => observer.disconnect();
  }, [label]);

  return (
    <div
      ref={ref}
      className={cn("overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring", className)}
      {...(name ? { tabIndex: 0, role: "region", "aria-label": name } : {})}
      {...props}
    >
      {children}
    </div>
  );
}
