import "server-only";
import type { BodyPath, ConnectorWebhooks } from "@/server/connectors/_core/webhooks";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { deleteShopData, redactCustomer as redactStoredCustomer, type ShopDataDeleted } from "@/server/ingest";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { AccountScope } from "./account-scope";

// The privacy requests a provider forwards (erase a customer, erase the whole account), the same
// for every provider. Audited as the system's, with ids only.

type PersonalData = NonNullable<ConnectorWebhooks["personalData"]>;

const system = { actorId: null, ip: null, userAgent: null } as const;

/** Stored bodies of the topics under `paths` whose id at one of them is among `ids`. */
function bodiesNaming(paths: readonly BodyPath[], ids: readonly string[]): Prisma.Sql[] {
  return paths.map(({ topicPrefix, path }) => Prisma.sql`(starts_with("topic", ${topicPrefix}) AND "payload" #>> ${[...path]}::text[] = ANY(${[...ids]}::text[]))`);
}

/**
 * A customer's personal fields erased from their customer row and orders (those the provider
 * listed and any other stored under them), and from the stored deliveries about them or their
 * orders (the connector's `personalData` says where bodies hold those ids), which hold the same
 * data. The request's own delivery keeps its ids, for the record of what was redacted, without
 * the fields that identify the person.
 */
export async function redactCustomer(
  scope: AccountScope,
  webhookEventId: string,
  request: { customerExternalId: string; orderExternalIds: string[] },
  personalData: PersonalData | undefined,
): Promise<{ customers: number; orders: number; webhookPayloads: number }> {
  const { customerExternalId, orderExternalIds } = request;
  const redacted = await redactStoredCustomer(scope, customerExternalId, orderExternalIds);
  const naming = [
    Prisma.sql`"id" = ${webhookEventId}`,
    ...bodiesNaming(personalData?.customerIds ?? [], [customerExternalId]),
    ...bodiesNaming(personalData?.orderIds ?? [], orderExternalIds),
  ];
  const ownBody = (personalData?.requestFields ?? []).reduce((body, field) => Prisma.sql`${body} #- ${[...field]}::text[]`, Prisma.sql`"payload"`);
  const webhookPayloads = await db.$executeRaw`
    UPDATE "WebhookEvent" SET "payload" = CASE WHEN "id" = ${webhookEventId} THEN ${ownBody} ELSE jsonb_build_object('redacted', true) END
    WHERE "workspaceId" = ${scope.workspaceId} AND "connectionId" = ${scope.connectionId} AND (${Prisma.join(naming, " OR ")})`;
  await recordAudit(db, {
    ...system,
    workspaceId: scope.workspaceId,
    action: "connection.customer_redacted",
    targetType: "Connection",
    targetId: scope.connectionId,
    metadata: { provider: scope.provider, account: scope.account, customerId: customerExternalId, orderIds: orderExternalIds, ...redacted, webhookPayloads },
  });
  return { ...redacted, webhookPayloads };
}

/**
 * Every row of the account's data deleted, with the stored deliveries other than this one (their
 * bodies are that data). The connection row stays, disconnected, so its history (jobs, audit)
 * keeps its name.
 */
export async function redactAccount(scope: AccountScope, webhookEventId: string): Promise<ShopDataDeleted & { webhookEvents: number }> {
  const deleted = await deleteShopData(scope);
  const { count: webhookEvents } = await db.webhookEvent.deleteMany({
    where: { workspaceId: scope.workspaceId, connectionId: scope.connectionId, id: { not: webhookEventId } },
  });
  await recordAudit(db, {
    ...system,
    workspaceId: scope.workspaceId,
    action: "connection.account_redacted",
    targetType: "Connection",
    targetId: scope.connectionId,
    metadata: { provider: scope.provider, account: scope.account, ...deleted, webhookEvents },
  });
  return { ...deleted, webhookEvents };
}
