-- Provider columns become text: the list of providers lives with the connectors
-- (server/connectors/providers.ts), so adding one needs no migration. Converted in place, so
-- existing rows, the unique indexes on (provider, ...) and the column order are kept.
ALTER TABLE "Connection" ALTER COLUMN "provider" TYPE TEXT USING "provider"::text;

ALTER TABLE "WebhookEvent" ALTER COLUMN "provider" TYPE TEXT USING "provider"::text;

DROP TYPE "Provider";
