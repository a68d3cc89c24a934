// The Payouts pages on rows a store's and an accounting system's syncs and the reconciliation
// would have written: the list filters (kept in the URL) and pages; a payout's page says its state
// in words, lists its deposit or every candidate, its breakdown and the orders it settles, and
// offers Explain only when it can be done. The setup form saves a store's reconciliation.
import type { Page } from "@playwright/test";
import { axeViolations } from "../support/axe";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { signInWithNewWorkspace } from "../support/workspaces";

const FA = "https://api.freeagent.test/v2";
const ADDS_UP = `{"grossSales":"1150.00","refunds":"-20.00","shipping":"0.00","taxes":"0.00","fees":"-34.90","adjustments":"0.00","reservedFunds":"0.00","other":"0.00"}`;

/** A paused store and a paused FreeAgent with a bank account and three categories; returns [workspaceId, storeId, booksId]. */
async function seedConnections(slug: string): Promise<[string, string, string]> {
  const rows = await query<{ id: string; workspaceId: string; provider: string }>(
    `INSERT INTO "Connection" (id, "workspaceId", provider, "externalAccountId", "displayName", status, "authMethod", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), w.id, p.provider, 'e2e-' || md5(random()::text), p.name, 'PAUSED', 'OAUTH', now()
     FROM "Workspace" w, (VALUES ('SHOPIFY', 'Demo Store'), ('FREEAGENT', 'Demo Brand Ltd')) AS p(provider, name) WHERE w.slug = $1
     RETURNING id, "workspaceId", provider`,
    [slug],
  );
  const workspaceId = rows[0]!.workspaceId;
  const store = rows.find((row) => row.provider === "SHOPIFY")!.id;
  const books = rows.find((row) => row.provider === "FREEAGENT")!.id;
  await query(
    `INSERT INTO "BankAccount" (id, "workspaceId", "connectionId", "externalId", name, type, currency, "isPrimary", "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     VALUES ('e2e-' || md5(random()::text), $1, $2, '${FA}/bank_accounts/1', 'Business Current Account', 'StandardBankAccount', 'GBP', true, now(), now(), 'e2e', now())`,
    [workspaceId, books],
  );
  await query(
    `INSERT INTO "AccountingCategory" (id, "workspaceId", "connectionId", "externalId", "nominalCode", description, "group", "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), $1, $2, '${FA}/categories/' || code, code, description, grp, now(), now(), 'e2e', now()
     FROM (VALUES ('001', 'Sales', 'income'), ('099', 'Refunds', 'income'), ('363', 'Merchant fees', 'admin_expenses')) AS c(code, description, grp)`,
    [workspaceId, books],
  );
  return [workspaceId, store, books];
}

/**
 * 30 payouts P-1000 … P-1029, a day apart back from 31 March 2026: P-1000 matched (its parts add up;
 * it settles order #1001, synced, and a refund of #1002, not synced), P-1001 ambiguous between two
 * deposits, P-1002 off by £2.50, P-1003 unmatched with parts off by £1.25, the rest unmatched.
 * Only fees have a category: sales and refunds have none.
 */
async function seedPayouts(slug: string): Promise<{ workspaceId: string; books: string }> {
  const [workspaceId, store, books] = await seedConnections(slug);
  await query(
    `INSERT INTO "PayoutReconciliationSetup" (id, "workspaceId", "storeConnectionId", "accountingConnectionId", "bankAccountExternalId", "categoryMap", "updatedAt")
     VALUES ('e2e-' || md5(random()::text), $1, $2, $3, '${FA}/bank_accounts/1', '{"fees": "${FA}/categories/363"}', now())`,
    [workspaceId, store, books],
  );
  await query(
    `INSERT INTO "BankTransaction" (id, "workspaceId", "connectionId", "externalId", "bankAccountExternalId", "datedOn", description, "descriptionLower", amount, "unexplainedAmount",
                                    "sourceCreatedAt", "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     SELECT 'e2e-bt-' || n || '-' || $1, $1, $2, '${FA}/bank_transactions/' || n, '${FA}/bank_accounts/1', day, description, lower(description), amount, amount, now(), now(), now(), 'e2e', now()
     FROM (VALUES ('a', date '2026-04-02', 'SHOPIFY PAYMENTS GB A', 1095.10), ('b', date '2026-03-31', 'SHOPIFY PAYMENTS GB B', 101.00),
                  ('c', date '2026-04-01', 'SHOPIFY PAYMENTS GB C', 101.00), ('d', date '2026-03-30', 'SHOPIFY PAYMENTS GB D', 99.50)) AS t(n, day, description, amount)`,
    [workspaceId, books],
  );
  await query(
    `INSERT INTO "Payout" (id, "workspaceId", "connectionId", "externalId", status, "transactionType", "issuedAt", net, gross, currency, "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     SELECT 'e2e-payout-' || i || '-' || $1, $1, $2, 'P-' || (1000 + i), 'PAID', 'DEPOSIT', timestamptz '2026-03-31 10:00:00Z' - i * interval '1 day',
            CASE WHEN i = 0 THEN 1095.10 ELSE 100 + i END, NULL, 'GBP', now(), now(), 'e2e', now()
     FROM generate_series(0, 29) AS i`,
    [workspaceId, store],
  );
  await query(
    `INSERT INTO "PayoutReconciliation" (id, "workspaceId", "payoutId", state, "bankTransactionId", "candidateIds", "amountDifference", breakdown, "breakdownDifference", "computedAt")
     SELECT 'e2e-' || md5(random()::text), $1, 'e2e-payout-' || i || '-' || $1,
            (CASE i WHEN 0 THEN 'MATCHED' WHEN 1 THEN 'AMBIGUOUS' WHEN 2 THEN 'AMOUNT_DIFFERS' ELSE 'UNMATCHED_PAYOUT' END)::"PayoutMatchState",
            CASE i WHEN 0 THEN 'e2e-bt-a-' || $1 WHEN 2 THEN 'e2e-bt-d-' || $1 END,
            CASE WHEN i = 1 THEN ARRAY['e2e-bt-b-' || $1, 'e2e-bt-c-' || $1] ELSE '{}'::text[] END,
            CASE WHEN i = 2 THEN -2.50 END,
            CASE WHEN i = 0 THEN '${ADDS_UP}'::jsonb ELSE jsonb_build_object('grossSales', (100 + i)::text || '.00') END,
            CASE WHEN i = 3 THEN 1.25 ELSE 0 END, now()
     FROM generate_series(0, 29) AS i`,
    [workspaceId],
  );
  await query(
    `INSERT INTO "Order" (id, "workspaceId", "connectionId", "externalId", name, "nameLower", currency, "totalPrice", tags, "processedAt", "sourceCreatedAt", "sourceUpdatedAt", "sourceHash", "updatedAt")
     VALUES ('e2e-' || md5(random()::text), $1, $2, 'order-1001', '#1001', '#1001', 'GBP', 1150.00, '{}', now(), now(), now(), 'e2e', now())`,
    [workspaceId, store],
  );
  await query(
    `INSERT INTO "PayoutBalanceTransaction" (id, "workspaceId", "connectionId", "externalId", "payoutExternalId", type, amount, fee, net, currency, "transactionDate",
                                             "orderExternalId", "orderName", "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     VALUES ('e2e-' || md5(random()::text), $1, $2, 'bt-1', 'P-1000', 'CHARGE', 1150.00, 34.90, 1115.10, 'GBP', timestamptz '2026-03-29 09:00:00Z', 'order-1001', '#1001', now(), now(), 'e2e', now()),
            ('e2e-' || md5(random()::text), $1, $2, 'bt-2', 'P-1000', 'REFUND', -20.00, 0, -20.00, 'GBP', timestamptz '2026-03-30 09:00:00Z', 'order-1002', '#1002', now(), now(), 'e2e', now())`,
    [workspaceId, store],
  );
  return { workspaceId, books };
}

// The page's own content (#main): the app shell's menus are outside this spec's area.
async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page, page.locator("#main"))).toEqual([]);
}

test("the Payouts list filters by state, breakdown and dates in the URL, and pages", async ({ page, uniqueEmail }) => {
  const slug = await signInWithNewWorkspace(page, uniqueEmail("payouts"), "Payout & Co");
  await seedPayouts(slug);

  await page.goto(`/w/${slug}`);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Payouts", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Payouts", exact: true })).toBeVisible();
  const rows = page.getByTestId("payout-row");
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toHaveAttribute("data-payout", "P-1000");
  await expect(rows.first().getByTestId("payout-amount")).toHaveText("£1,095.10");
  await expect(rows.first().getByTestId("payout-state")).toHaveText("Matched");
  await expect(rows.nth(1).getByTestId("payout-state")).toHaveText("Ambiguous");
  await expect(rows.nth(2)).toContainText("Off by -£2.50");
  await expect(rows.nth(3).getByTestId("payout-breakdown-flag")).toHaveText("Off by £1.25");
  await expect(page.getByTestId("payout-setup-notice")).toHaveCount(0);
  await expectAxeClean(page);
  await page.getByTestId("pagination-next").click();
  await expect(rows).toHaveCount(5);
  await expect(rows.last()).toHaveAttribute("data-payout", "P-1029");

  await page.getByTestId("payout-filter-state").selectOption("AMBIGUOUS");
  await expect(page).toHaveURL(/state=AMBIGUOUS/);
  await expect(rows).toHaveCount(1);
  await page.getByTestId("payout-filter-state").selectOption("");
  // The cleared state reaches the URL first: a filter chosen before would keep it.
  await expect(page).not.toHaveURL(/state=/);
  await page.getByTestId("payout-filter-breakdown").selectOption("flagged");
  await expect(page).toHaveURL(/breakdown=flagged/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-payout", "P-1003");
  await page.getByTestId("payout-filter-clear").click();
  await expect(page).not.toHaveURL(/breakdown=/);

  await page.getByTestId("payout-filter-from").fill("2026-03-29");
  await expect(page).toHaveURL(/from=2026-03-29/);
  await page.getByTestId("payout-filter-to").fill("2026-03-30");
  await expect(page).toHaveURL(/to=2026-03-30/);
  await expect(rows).toHaveCount(2);
  await page.reload();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute("data-payout", "P-1001");
});

test("a payout's page: its state in words, deposit or candidates, breakdown, settled orders, and Explain only when it can be done", async ({ page, uniqueEmail }) => {
  const slug = await signInWithNewWorkspace(page, uniqueEmail("payout"), "Payout Detail");
  const { workspaceId, books } = await seedPayouts(slug);
  await page.goto(`/w/${slug}/payouts`);

  await test.step("matched: its deposit, parts that add up, the orders it settles", async () => {
    // Opened from the keyboard.
    await page.getByTestId("payout-link").filter({ hasText: "P-1000" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Payout P-1000" })).toBeVisible();
    await expect(page.getByTestId("payout-state")).toHaveText("Matched");
    await expect(page.getByTestId("payout-state-meaning")).toContainText("the same amount to the penny");
    await expect(page.getByTestId("payout-deposit").getByTestId("payout-deposit-row")).toContainText("SHOPIFY PAYMENTS GB A");
    await expect(page.getByTestId("payout-breakdown-part").filter({ hasText: "Gross sales" })).toContainText("£1,150.00");
    await expect(page.getByTestId("payout-breakdown-part").filter({ hasText: "Fees" })).toContainText("-£34.90");
    await expect(page.getByTestId("payout-breakdown-adds-up")).toBeVisible();
    await expect(page.getByTestId("payout-settled-row")).toHaveCount(2);
    await expect(page.getByTestId("payout-order-link")).toHaveText("#1001");
    await expect(page.getByTestId("payout-settled-row").last()).toContainText("#1002");
  });

  await test.step("Explain is offered, disabled with its reason while a part has no category", async () => {
    await expect(page.getByTestId("payout-explanation")).toHaveAttribute("data-explanation", "proposed");
    // One explanation per part, each with its own sign.
    const line = page.getByTestId("payout-explanation-line");
    await expect(line).toHaveCount(3);
    await expect(line.nth(0)).toContainText("Gross sales");
    await expect(line.nth(0)).toContainText("No category mapped");
    await expect(line.nth(0)).toContainText("£1,150.00");
    await expect(line.nth(1)).toContainText("Refunds");
    await expect(line.nth(1)).toContainText("-£20.00");
    await expect(line.nth(2)).toContainText("363 Merchant fees");
    await expect(line.nth(2)).toContainText("-£34.90");
    await expect(page.getByRole("button", { name: "Explain in FreeAgent" })).toBeDisabled();
    await expect(page.getByTestId("payout-explain-blocker")).toHaveText("No category is mapped for Gross sales, Refunds: map one in Payout reconciliation settings.");
    await expectAxeClean(page);
  });

  await test.step("once Meridian has posted it: the explanation, and Undo behind a confirmation", async () => {
    await query(
      `INSERT INTO "PayoutExplanationPost" (id, "workspaceId", "payoutId", "accountingConnectionId", "bankTransactionExternalId", part, "grossValue", "categoryExternalId",
                                           "explanationExternalId", "postedAt", "updatedAt")
       VALUES ('e2e-' || md5(random()::text), $1, 'e2e-payout-0-' || $1, $2, '${FA}/bank_transactions/a', 'fees', -34.90, '${FA}/categories/363', '${FA}/bank_transaction_explanations/1', now(), now())`,
      [workspaceId, books],
    );
    await page.reload();
    await expect(page.getByTestId("payout-explanation")).toHaveAttribute("data-explanation", "posted");
    await expect(page.getByTestId("payout-explanation-line")).toHaveText([/Fees.*363 Merchant fees.*-£34\.90/]);
    await page.getByRole("button", { name: "Undo explanation" }).click();
    const dialog = page.getByTestId("confirm-dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("deletes exactly the explanations it posted");
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await expectAxeClean(page);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });

  await test.step("order links lead to the order", async () => {
    await page.getByTestId("payout-order-link").click();
    await expect(page.getByRole("heading", { name: "Order #1001" })).toBeVisible();
  });

  await test.step("ambiguous: every candidate, none picked; off by a fee; parts that do not add up", async () => {
    await page.goto(`/w/${slug}/payouts?state=AMBIGUOUS`);
    await page.getByTestId("payout-link").click();
    await expect(page.getByTestId("payout-state")).toHaveText("Ambiguous");
    await expect(page.getByTestId("payout-candidates").getByTestId("payout-deposit-row")).toHaveCount(2);
    await expect(page.getByTestId("payout-state-meaning")).toContainText("picks none");
    await expect(page.getByTestId("payout-explanation")).toHaveAttribute("data-explanation", "none");

    await page.goto(`/w/${slug}/payouts?state=AMOUNT_DIFFERS`);
    await page.getByTestId("payout-link").click();
    await expect(page.getByTestId("payout-state-meaning")).toContainText("The deposit differs from the payout by -£2.50.");

    await page.goto(`/w/${slug}/payouts?breakdown=flagged`);
    await page.getByTestId("payout-link").click();
    await expect(page.getByTestId("payout-breakdown-difference")).toContainText("£1.25");
    await expectAxeClean(page);
  });
});

test.describe("the setup form", () => {
  // Its validation answer (a 400 naming the field) is logged by the browser.
  test.use({ allowedConsoleErrors: [/status of 400/] });

  test("an admin sets up a store's payout reconciliation: bank account, window, description, a category per part, auto-explain", async ({ page, uniqueEmail }) => {
    const slug = await signInWithNewWorkspace(page, uniqueEmail("payout-setup"), "Setup & Co");
    await seedConnections(slug);

    await page.goto(`/w/${slug}/payouts`);
    await expect(page.getByTestId("payout-setup-notice")).toBeVisible();
    await page.getByTestId("payout-setup-notice").getByRole("link", { name: "Payout reconciliation settings" }).click();
    await expect(page.getByRole("heading", { name: "Payout reconciliation", exact: true })).toBeVisible();

    const form = page.getByRole("form", { name: "Payouts of Demo Store" });
    await expect(form.getByLabel("Bank account payouts land in")).toHaveValue(`${FA}/bank_accounts/1`);
    await form.getByLabel("Date window (days)").fill("40");
    await form.getByLabel("Deposit description contains").fill("shopify payments");
    await form.getByLabel("Gross sales").selectOption({ label: "001 Sales" });
    await form.getByLabel("Refunds").selectOption({ label: "099 Refunds" });
    await form.getByLabel("Fees", { exact: true }).selectOption({ label: "363 Merchant fees" });
    await expectAxeClean(page);
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByText("At most 31 days")).toBeVisible();
    await expect(form.getByLabel("Date window (days)")).toHaveAttribute("aria-invalid", "true");

    await form.getByLabel("Date window (days)").fill("3");
    await form.getByRole("switch", { name: "Explain matched payouts automatically" }).click();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Payout reconciliation saved")).toBeVisible();

    await page.reload();
    await expect(form.getByLabel("Date window (days)")).toHaveValue("3");
    await expect(form.getByLabel("Deposit description contains")).toHaveValue("shopify payments");
    await expect(form.getByLabel("Refunds")).toHaveValue(`${FA}/categories/099`);
    await expect(form.getByRole("switch", { name: "Explain matched payouts automatically" })).toHaveAttribute("aria-checked", "true");
    await page.goto(`/w/${slug}/payouts`);
    await expect(page.getByRole("heading", { name: "Payouts", exact: true })).toBeVisible();
    await expect(page.getByTestId("payout-setup-notice")).toHaveCount(0);
  });
});
