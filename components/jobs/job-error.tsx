"use client";

import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

export function JobError({ error }: { error: string }) {
  const toast = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(error);
      toast("Error copied");
    } catch {
      toast("Could not copy: select the text and copy it instead.", "error");
    }
  };
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-medium text-destructive">Error</h2>
        <Button variant="outline" size="sm" onClick={copy} data-testid="job-error-copy">
          Copy
        </Button>
      </div>
      <pre
        data-testid="job-error"
        tabIndex={0}
        aria-label="Error message"
        className="max-h-72 overflow-auto rounded-md border border-destructive/30 bg-destructive-soft px-3 py-2 font-mono text-xs whitespace-pre-wrap break-words text-destructive focus-visible:outline-2 focus-visible:outline-ring"
      >
        {error}
      </pre>
    </div>
  );
}
