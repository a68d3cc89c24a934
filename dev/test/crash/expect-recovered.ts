// The crash tests' proof that a crashed stack recovered (issue 11), each part within
// RECOVERY_BOUND_MS once the pieces are back and the start-up recovery has run.
import { expect } from "vitest";
import { differencesFromShop } from "@/dev/test/sandbox-shopify";
import { finished, type Connected, type Drill } from "./drill";
import { isEmpty, runsWithCountsNotAddingUp, runsWithoutLiveRun, unsettledDeliveries, until } from "./recovery-checks";

export const RECOVERY_BOUND_MS = 60_000;

/** Every stored delivery final, and the database equal to the shop (before any new sync: the webhooks alone). */
export async function expectDeliveriesApplied(drill: Drill, connected: Connected) {
  expect(await until(() => unsettledDeliveries(connected.connectionId), isEmpty, "every delivery final", RECOVERY_BOUND_MS)).toEqual([]);
  expect(await until(() => differencesFromShop(connected.connectionId, drill.shop), isEmpty, "the database to equal the shop", RECOVERY_BOUND_MS)).toEqual([]);
}

/**
 * No QUEUED or RUNNING row without a live run in the runner; "Sync now" starts a real run (or
 * answers with a live one) and that run succeeds; every delivery final; the database equal to the
 * shop; every JobRun's counts adding up. Returns Sync now's answer.
 */
export async function expectRecovered(drill: Drill, connected: Connected) {
  expect(await until(() => runsWithoutLiveRun(), isEmpty, "no run in flight without a live run", RECOVERY_BOUND_MS)).toEqual([]);
  const answer = await connected.syncNow();
  expect((await finished(answer.jobRunId, RECOVERY_BOUND_MS)).status).toBe("SUCCEEDED");
  await expectDeliveriesApplied(drill, connected);
  expect(await runsWithCountsNotAddingUp(connected.connectionId)).toEqual([]);
  return answer;
}
