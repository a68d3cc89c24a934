import "server-only";
import type { ConnectorAccounting } from "@/server/connectors/_core/accounting";
import type { ConnectionContext } from "@/server/connectors/_core/connector";
import { AllowanceExhaustedError, AuthExpiredError, RateLimitedError } from "@/server/connectors/_core/errors";
import { connectorFor } from "@/server/connectors/registry";
import { AppError } from "@/server/errors";
import { getConnectionAccess } from "@/server/services/connections/get-connection-access";

export type AccountingAccess = { ctx: ConnectionContext; accounting: ConnectorAccounting; providerName: string };

/** The accounting connection's context and its connector's accounting capability; refused when it has none. */
export async function accountingAccess(connectionId: string): Promise<AccountingAccess> {
  const ctx = await getConnectionAccess(connectionId);
  const connector = connectorFor(ctx.provider);
  if (!connector.accounting) throw new AppError("UNPROCESSABLE", `${connector.info.name} cannot explain bank transactions.`);
  return { ctx, accounting: connector.accounting, providerName: connector.info.name };
}

/** A provider's refusal a person can act on, as the error they see; anything else stays as it is. */
export function asAppError(error: unknown, providerName: string): unknown {
  if (error instanceof AllowanceExhaustedError || error instanceof RateLimitedError) {
    return new AppError("RATE_LIMITED", `${providerName}'s request limit is used up for now: try again in a few minutes.`, { cause: error });
  }
  if (error instanceof AuthExpiredError) return new AppError("CONFLICT", `The ${providerName} connection needs to be reconnected first.`, { cause: error });
  return error;
}
