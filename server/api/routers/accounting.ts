import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { findBankTransactions } from "@/server/services/accounting/find-bank-transactions";
import { findBills } from "@/server/services/accounting/find-bills";
import { findContacts } from "@/server/services/accounting/find-contacts";
import { findInvoices } from "@/server/services/accounting/find-invoices";
import { getPayoutSetupOptions } from "@/server/services/accounting/get-payout-setup-options";
import { listAccountingCategories } from "@/server/services/accounting/list-accounting-categories";
import { listBankAccounts } from "@/server/services/accounting/list-bank-accounts";
import { findBankTransactionsInput, findBillsInput, findContactsInput, findInvoicesInput } from "@/server/services/accounting/schema";

// The Accounting page's lists, and the choices of the payout reconciliation setup: what the
// accounting connections synced, read-only.
export const accountingRouter = createTRPCRouter({
  invoices: workspaceProcedure("data.read")
    .input(findInvoicesInput)
    .query(({ ctx, input }) => findInvoices(ctx.wdb, input)),
  bills: workspaceProcedure("data.read")
    .input(findBillsInput)
    .query(({ ctx, input }) => findBills(ctx.wdb, input)),
  bankTransactions: workspaceProcedure("data.read")
    .input(findBankTransactionsInput)
    .query(({ ctx, input }) => findBankTransactions(ctx.wdb, input)),
  contacts: workspaceProcedure("data.read")
    .input(findContactsInput)
    .query(({ ctx, input }) => findContacts(ctx.wdb, input)),
  bankAccounts: workspaceProcedure("data.read").query(({ ctx }) => listBankAccounts(ctx.wdb)),
  categories: workspaceProcedure("data.read").query(({ ctx }) => listAccountingCategories(ctx.wdb)),
  // What the payout reconciliation setup form (admins) chooses from.
  payoutSetupOptions: workspaceProcedure("connections.manage").query(({ ctx }) => getPayoutSetupOptions(ctx.wdb)),
});
