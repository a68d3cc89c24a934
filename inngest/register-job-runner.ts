// Imported once by every process that runs services: the app (instrumentation.ts), and the scripts
// and drill processes that call services outside it. Services send events and ask about runs
// through the port (server/services/jobs/job-runner.ts); this makes Inngest the runner behind it.
import { inngestJobRunner } from "@/inngest/job-runner";
import { registerJobRunner } from "@/server/services/jobs/job-runner";

registerJobRunner(inngestJobRunner);
