-- How each connection was connected, now that a connector may offer OAuth and credentials both.
-- Until now each provider had one way: Shopify OAuth, ShipBob a personal access token (and no
-- other provider has a connector), so existing rows are backfilled by provider.

-- CreateEnum
CREATE TYPE "ConnectionAuthMethod" AS ENUM ('OAUTH', 'CREDENTIALS');

-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "authMethod" "ConnectionAuthMethod";
UPDATE "Connection" SET "authMethod" = CASE WHEN "provider" = 'SHOPIFY' THEN 'OAUTH'::"ConnectionAuthMethod" ELSE 'CREDENTIALS'::"ConnectionAuthMethod" END;
ALTER TABLE "Connection" ALTER COLUMN "authMethod" SET NOT NULL;
