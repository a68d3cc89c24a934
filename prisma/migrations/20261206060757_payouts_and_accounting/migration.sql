-- CreateEnum
CREATE TYPE "PayoutMatchState" AS ENUM ('MATCHED', 'UNMATCHED_PAYOUT', 'AMBIGUOUS', 'AMOUNT_DIFFERS');

-- AlterTable
ALTER TABLE "NotificationPreference" ADD COLUMN     "payoutSummaryEmails" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Payout" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "transactionType" TEXT NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "net" DECIMAL(18,4) NOT NULL,
    "gross" DECIMAL(18,4),
    "currency" TEXT NOT NULL,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Payout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutBalanceTransaction" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "payoutExternalId" TEXT,
    "type" TEXT NOT NULL,
    "amount" DECIMAL(18,4) NOT NULL,
    "fee" DECIMAL(18,4) NOT NULL,
    "net" DECIMAL(18,4) NOT NULL,
    "currency" TEXT NOT NULL,
    "transactionDate" TIMESTAMPTZ(3) NOT NULL,
    "orderExternalId" TEXT,
    "orderName" TEXT,
    "orderTransactionExternalId" TEXT,
    "sourceType" TEXT,
    "sourceId" TEXT,
    "adjustmentReason" TEXT,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PayoutBalanceTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountingCompany" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "companyType" TEXT,
    "currency" TEXT NOT NULL,
    "salesTaxRegistrationStatus" TEXT,
    "yearEnd" TEXT,
    "sourceCreatedAt" TIMESTAMPTZ(3),
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AccountingCompany_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountingUser" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "email" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "role" TEXT,
    "permissionLevel" INTEGER,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AccountingUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountingContact" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "organisationName" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "displayName" TEXT NOT NULL,
    "displayNameLower" TEXT NOT NULL,
    "email" TEXT,
    "emailLower" TEXT,
    "status" TEXT,
    "town" TEXT,
    "postcode" TEXT,
    "country" TEXT,
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AccountingContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountingCategory" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "nominalCode" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "allowableForTax" BOOLEAN,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AccountingCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "contactExternalId" TEXT,
    "reference" TEXT NOT NULL,
    "referenceLower" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "datedOn" DATE NOT NULL,
    "dueOn" DATE,
    "currency" TEXT NOT NULL,
    "netValue" DECIMAL(18,4) NOT NULL,
    "salesTaxValue" DECIMAL(18,4),
    "totalValue" DECIMAL(18,4) NOT NULL,
    "paidValue" DECIMAL(18,4),
    "dueValue" DECIMAL(18,4),
    "items" JSONB NOT NULL DEFAULT '[]',
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bill" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "contactExternalId" TEXT,
    "reference" TEXT,
    "referenceLower" TEXT,
    "status" TEXT NOT NULL,
    "datedOn" DATE NOT NULL,
    "dueOn" DATE,
    "paidOn" DATE,
    "currency" TEXT NOT NULL,
    "categoryExternalId" TEXT,
    "salesTaxValue" DECIMAL(18,4),
    "totalValue" DECIMAL(18,4) NOT NULL,
    "items" JSONB NOT NULL DEFAULT '[]',
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Bill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankAccount" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "bankName" TEXT,
    "status" TEXT,
    "openingBalance" DECIMAL(18,4),
    "currentBalance" DECIMAL(18,4),
    "latestActivityOn" DATE,
    "sourceCreatedAt" TIMESTAMPTZ(3),
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BankAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankTransaction" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "bankAccountExternalId" TEXT NOT NULL,
    "datedOn" DATE NOT NULL,
    "description" TEXT,
    "descriptionLower" TEXT,
    "amount" DECIMAL(18,4) NOT NULL,
    "unexplainedAmount" DECIMAL(18,4) NOT NULL,
    "isManual" BOOLEAN NOT NULL DEFAULT false,
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BankTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankTransactionExplanation" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "bankTransactionExternalId" TEXT NOT NULL,
    "bankAccountExternalId" TEXT NOT NULL,
    "datedOn" DATE NOT NULL,
    "description" TEXT,
    "type" TEXT,
    "grossValue" DECIMAL(18,4) NOT NULL,
    "categoryExternalId" TEXT,
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BankTransactionExplanation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerTransaction" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "datedOn" DATE NOT NULL,
    "description" TEXT,
    "categoryExternalId" TEXT,
    "nominalCode" TEXT,
    "categoryName" TEXT,
    "debitValue" DECIMAL(18,4) NOT NULL,
    "sourceItemExternalId" TEXT,
    "sourceCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceUpdatedAt" TIMESTAMPTZ(3) NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LedgerTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutReconciliationSetup" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "storeConnectionId" TEXT NOT NULL,
    "accountingConnectionId" TEXT NOT NULL,
    "bankAccountExternalId" TEXT NOT NULL,
    "dateWindowDays" INTEGER NOT NULL DEFAULT 5,
    "categoryMap" JSONB NOT NULL DEFAULT '{}',
    "autoExplain" BOOLEAN NOT NULL DEFAULT false,
    "depositDescription" TEXT NOT NULL DEFAULT 'SHOPIFY',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PayoutReconciliationSetup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PayoutReconciliation" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "payoutId" TEXT NOT NULL,
    "state" "PayoutMatchState" NOT NULL,
    "bankTransactionId" TEXT,
    "candidateIds" TEXT[],
    "amountDifference" DECIMAL(18,4),
    "breakdown" JSONB NOT NULL DEFAULT '{}',
    "breakdownDifference" DECIMAL(18,4) NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PayoutReconciliation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnmatchedDeposit" (
    "bankTransactionId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "setupId" TEXT NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UnmatchedDeposit_pkey" PRIMARY KEY ("bankTransactionId")
);

-- CreateTable
CREATE TABLE "PayoutExplanationPost" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "payoutId" TEXT NOT NULL,
    "accountingConnectionId" TEXT NOT NULL,
    "bankTransactionExternalId" TEXT NOT NULL,
    "part" TEXT NOT NULL,
    "grossValue" DECIMAL(18,4) NOT NULL,
    "categoryExternalId" TEXT NOT NULL,
    "explanationExternalId" TEXT,
    "postedByUserId" TEXT,
    "postedAt" TIMESTAMPTZ(3),
    "undoneAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PayoutExplanationPost_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Payout_workspaceId_issuedAt_id_idx" ON "Payout"("workspaceId", "issuedAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Payout_workspaceId_connectionId_externalId_key" ON "Payout"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "PayoutBalanceTransaction_workspaceId_connectionId_payoutExt_idx" ON "PayoutBalanceTransaction"("workspaceId", "connectionId", "payoutExternalId");

-- CreateIndex
CREATE INDEX "PayoutBalanceTransaction_workspaceId_connectionId_orderExte_idx" ON "PayoutBalanceTransaction"("workspaceId", "connectionId", "orderExternalId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutBalanceTransaction_workspaceId_connectionId_externalI_key" ON "PayoutBalanceTransaction"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountingCompany_workspaceId_connectionId_externalId_key" ON "AccountingCompany"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountingUser_workspaceId_connectionId_externalId_key" ON "AccountingUser"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "AccountingContact_workspaceId_displayNameLower_id_idx" ON "AccountingContact"("workspaceId", "displayNameLower", "id");

-- CreateIndex
CREATE INDEX "AccountingContact_workspaceId_emailLower_idx" ON "AccountingContact"("workspaceId", "emailLower");

-- CreateIndex
CREATE UNIQUE INDEX "AccountingContact_workspaceId_connectionId_externalId_key" ON "AccountingContact"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountingCategory_workspaceId_connectionId_externalId_key" ON "AccountingCategory"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "Invoice_workspaceId_datedOn_id_idx" ON "Invoice"("workspaceId", "datedOn" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Invoice_workspaceId_status_datedOn_id_idx" ON "Invoice"("workspaceId", "status", "datedOn" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Invoice_workspaceId_referenceLower_idx" ON "Invoice"("workspaceId", "referenceLower");

-- CreateIndex
CREATE INDEX "Invoice_workspaceId_connectionId_contactExternalId_idx" ON "Invoice"("workspaceId", "connectionId", "contactExternalId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_workspaceId_connectionId_externalId_key" ON "Invoice"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "Bill_workspaceId_datedOn_id_idx" ON "Bill"("workspaceId", "datedOn" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Bill_workspaceId_status_datedOn_id_idx" ON "Bill"("workspaceId", "status", "datedOn" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Bill_workspaceId_referenceLower_idx" ON "Bill"("workspaceId", "referenceLower");

-- CreateIndex
CREATE INDEX "Bill_workspaceId_connectionId_contactExternalId_idx" ON "Bill"("workspaceId", "connectionId", "contactExternalId");

-- CreateIndex
CREATE UNIQUE INDEX "Bill_workspaceId_connectionId_externalId_key" ON "Bill"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "BankAccount_workspaceId_connectionId_externalId_key" ON "BankAccount"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "BankTransaction_workspaceId_datedOn_id_idx" ON "BankTransaction"("workspaceId", "datedOn" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "BankTransaction_workspaceId_connectionId_bankAccountExterna_idx" ON "BankTransaction"("workspaceId", "connectionId", "bankAccountExternalId", "amount", "datedOn");

-- CreateIndex
CREATE UNIQUE INDEX "BankTransaction_workspaceId_connectionId_externalId_key" ON "BankTransaction"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "BankTransactionExplanation_workspaceId_connectionId_bankTra_idx" ON "BankTransactionExplanation"("workspaceId", "connectionId", "bankTransactionExternalId");

-- CreateIndex
CREATE UNIQUE INDEX "BankTransactionExplanation_workspaceId_connectionId_externa_key" ON "BankTransactionExplanation"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "LedgerTransaction_workspaceId_connectionId_datedOn_idx" ON "LedgerTransaction"("workspaceId", "connectionId", "datedOn");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerTransaction_workspaceId_connectionId_externalId_key" ON "LedgerTransaction"("workspaceId", "connectionId", "externalId");

-- CreateIndex
CREATE INDEX "PayoutReconciliationSetup_accountingConnectionId_idx" ON "PayoutReconciliationSetup"("accountingConnectionId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutReconciliationSetup_workspaceId_storeConnectionId_key" ON "PayoutReconciliationSetup"("workspaceId", "storeConnectionId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutReconciliation_payoutId_key" ON "PayoutReconciliation"("payoutId");

-- CreateIndex
CREATE INDEX "PayoutReconciliation_workspaceId_state_idx" ON "PayoutReconciliation"("workspaceId", "state");

-- CreateIndex
CREATE INDEX "UnmatchedDeposit_workspaceId_idx" ON "UnmatchedDeposit"("workspaceId");

-- CreateIndex
CREATE INDEX "UnmatchedDeposit_setupId_idx" ON "UnmatchedDeposit"("setupId");

-- CreateIndex
CREATE INDEX "PayoutExplanationPost_workspaceId_payoutId_idx" ON "PayoutExplanationPost"("workspaceId", "payoutId");

-- CreateIndex
CREATE INDEX "PayoutExplanationPost_workspaceId_bankTransactionExternalId_idx" ON "PayoutExplanationPost"("workspaceId", "bankTransactionExternalId");

-- CreateIndex
CREATE UNIQUE INDEX "PayoutExplanationPost_payoutId_part_bankTransactionExternal_key" ON "PayoutExplanationPost"("payoutId", "part", "bankTransactionExternalId");

-- AddForeignKey
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutBalanceTransaction" ADD CONSTRAINT "PayoutBalanceTransaction_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountingCompany" ADD CONSTRAINT "AccountingCompany_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountingUser" ADD CONSTRAINT "AccountingUser_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountingContact" ADD CONSTRAINT "AccountingContact_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountingCategory" ADD CONSTRAINT "AccountingCategory_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankAccount" ADD CONSTRAINT "BankAccount_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankTransaction" ADD CONSTRAINT "BankTransaction_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankTransactionExplanation" ADD CONSTRAINT "BankTransactionExplanation_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerTransaction" ADD CONSTRAINT "LedgerTransaction_connectionId_workspaceId_fkey" FOREIGN KEY ("connectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutReconciliationSetup" ADD CONSTRAINT "PayoutReconciliationSetup_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutReconciliationSetup" ADD CONSTRAINT "PayoutReconciliationSetup_storeConnectionId_workspaceId_fkey" FOREIGN KEY ("storeConnectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutReconciliationSetup" ADD CONSTRAINT "PayoutReconciliationSetup_accountingConnectionId_workspace_fkey" FOREIGN KEY ("accountingConnectionId", "workspaceId") REFERENCES "Connection"("id", "workspaceId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutReconciliation" ADD CONSTRAINT "PayoutReconciliation_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnmatchedDeposit" ADD CONSTRAINT "UnmatchedDeposit_bankTransactionId_fkey" FOREIGN KEY ("bankTransactionId") REFERENCES "BankTransaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnmatchedDeposit" ADD CONSTRAINT "UnmatchedDeposit_setupId_fkey" FOREIGN KEY ("setupId") REFERENCES "PayoutReconciliationSetup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PayoutExplanationPost" ADD CONSTRAINT "PayoutExplanationPost_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
