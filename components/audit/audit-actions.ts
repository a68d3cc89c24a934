// Human labels for the audit actions the services record. An action missing here still shows,
// by its raw name, so new actions never disappear from the log.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "workspace.created": "Workspace created",
  "workspace.updated": "Workspace updated",
  "member.role_changed": "Member role changed",
  "member.removed": "Member removed",
  "member.left": "Member left",
  "member.ownership_transferred": "Ownership transferred",
  "invitation.created": "Invitation sent",
  "invitation.resent": "Invitation resent",
  "invitation.revoked": "Invitation revoked",
  "invitation.accepted": "Invitation accepted",
  "job.retried": "Job retried",
  "connection.paused": "Connection paused",
  "connection.resumed": "Connection resumed",
  "connection.sync_frequency_changed": "Sync frequency changed",
  "connection.sync_requested": "Sync requested",
  "connection.disconnected": "Connection disconnected",
  "connection.uninstalled": "App uninstalled at the provider",
  "connection.customer_data_requested": "Customer data requested (privacy request)",
  "connection.customer_redacted": "Customer data erased (privacy request)",
  "connection.account_redacted": "Account data erased (privacy request)",
  "connection.created": "Connection added",
  "connection.reconnected": "Connection reconnected",
  "connection.needs_reauth": "Connection needs re-authorization",
  "retention.updated": "Retention settings changed",
  "retention.run_requested": "Retention run started",
  "payouts.setup.updated": "Payout reconciliation settings changed",
  "payouts.reconciliation.requested": "Payout reconciliation started",
  "payouts.explanation.posted": "Payout explained in the books",
  "payouts.explanation.undone": "Payout explanation undone",
  "reconciliation.recompute.requested": "Analytics reconciliation recomputed",
  "reconciliation.pair.tolerance.updated": "Reconciliation tolerance changed",
  "reconciliation.settings.updated": "Match-rate threshold changed",
  "export.requested": "Export started",
  "export.downloaded": "Export downloaded",
  "saved_view.created": "Saved view created",
  "saved_view.renamed": "Saved view renamed",
  "saved_view.deleted": "Saved view deleted",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

// A short description of what the entry touched, from the metadata the services record: emails,
// roles and names say more to a reader than row ids.
export function auditTargetLabel(entry: { targetType: string | null; targetId: string | null; metadata: unknown }): string {
  const meta = asRecord(entry.metadata);
  const parts: string[] = [];
  const email = str(meta.email);
  if (email) parts.push(email);
  const from = str(meta.from);
  const to = str(meta.to);
  const role = str(meta.role);
  if (from && to) parts.push(`${from.toLowerCase()} → ${to.toLowerCase()}`);
  else if (role) parts.push(role.toLowerCase());
  const renamedTo = str(asRecord(meta.name).to);
  const name = str(meta.name);
  if (renamedTo) parts.push(`renamed to “${renamedTo}”`);
  else if (name) parts.push(name);
  if (parts.length > 0) return parts.join(" · ");
  if (entry.targetType) return entry.targetId ? `${entry.targetType} …${entry.targetId.slice(-6)}` : entry.targetType;
  return "—";
}
