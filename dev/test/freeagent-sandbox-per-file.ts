import { afterAll, beforeAll, beforeEach } from "vitest";
import { startFreeAgentSandbox, type FreeAgentSandbox, type FreeAgentSandboxOptions, type ManualClock } from "@/dev/sandbox/freeagent";

/** An hour: a test starts with the sandbox's rate-limit windows of the tests before it empty. */
const BETWEEN_TESTS_MS = 3_600_000;

/**
 * The sandbox FreeAgent of a test file (on the port its vi.hoisted reserved:
 * freeagent-sandbox-env.ts), started before its tests and stopped after them; before each test its
 * faults are cleared and its manual clock moves on an hour.
 */
export function freeAgentSandboxPerFile(options: FreeAgentSandboxOptions & { clock: ManualClock }): () => FreeAgentSandbox {
  let sandbox: FreeAgentSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startFreeAgentSandbox(options);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  beforeEach(() => {
    sandbox?.faults.clear();
    options.clock.advance(BETWEEN_TESTS_MS);
  });
  return () => {
    if (!sandbox) throw new Error("The sandbox FreeAgent is started before the file's tests");
    return sandbox;
  };
}
