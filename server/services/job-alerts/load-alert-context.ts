import { appUrl } from "@/server/env";
import { workspaceDb } from "@/server/db";
import { isJobKind, JOB_KIND_LABEL } from "@/server/services/jobs/kinds";
import { providerName } from "@/server/connectors/registry";
import type { JobAlertInput } from "./schema";
import { notificationSettingsUrl } from "@/server/services/users/notification-settings-url";

export type AlertContext = {
  run: { id: string; error: string | null; finishedAt: Date | null };
  email: {
    workspaceName: string;
    timeZone: string;
    jobLabel: string;
    connection: { name: string; providerLabel: string } | null;
    runUrl: string;
    settingsUrl: string;
  };
};

// What an alert email says about the run, read in the run's workspace. Null when the run or its
// connection is gone (deleted workspace or connection): there is nothing left to alert about.
export async function loadAlertContext(input: JobAlertInput): Promise<AlertContext | null> {
  const wdb = workspaceDb(input.workspaceId);
  const [run, workspace, connection] = await Promise.all([
    wdb.jobRun.findFirst({ where: { id: input.jobRunId }, select: { id: true, error: true, finishedAt: true } }),
    wdb.workspace.findFirst({ select: { name: true, slug: true, timeZone: true } }),
    input.connectionId
      ? wdb.connection.findFirst({ where: { id: input.connectionId }, select: { displayName: true, provider: true } })
      : null,
  ]);
  if (!run || !workspace || (input.connectionId && !connection)) return null;

  const base = `${appUrl()}/w/${workspace.slug}`;
  return {
    run,
    email: {
      workspaceName: workspace.name,
      timeZone: workspace.timeZone,
      jobLabel: isJobKind(input.kind) ? JOB_KIND_LABEL[input.kind] : input.kind,
      connection: connection ? { name: connection.displayName, providerLabel: providerName(connection.provider) } : null,
      runUrl: `${base}/jobs/${run.id}`,
      settingsUrl: notificationSettingsUrl(),
    },
  };
}
