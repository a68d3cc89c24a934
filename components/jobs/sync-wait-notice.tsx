"use client";

import { useFormats } from "@/components/ui/formats";
import { JobProgress } from "./job-progress";
import { syncWaitSentence, type SyncWaitFacts } from "./sync-wait";
import { useNow } from "@/components/ui/use-now";

/** A sync sleeping for its provider's request allowance: when it resumes, its progress and when it should finish. */
export function SyncWaitNotice({ wait }: { wait: SyncWaitFacts }) {
  const now = useNow(false);
  const formats = useFormats();
  if (!now || wait.until.getTime() <= now.getTime()) return null;
  return (
    <div className="grid gap-2" data-testid="sync-wait">
      <p className="text-sm">{syncWaitSentence(wait, now, formats)}</p>
      <JobProgress done={wait.progressDone} total={wait.progressTotal} />
    </div>
  );
}
