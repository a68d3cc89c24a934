// The Accounting page on rows a FreeAgent sync would have written: its tabs render, filter (kept in
// the URL), page and search; money is exact; and each tab is axe-clean.
import type { Page } from "@playwright/test";
import { axeViolations } from "../support/axe";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { signInWithNewWorkspace } from "../support/workspaces";

const FA = "https://api.freeagent.test/v2";

/** A paused FreeAgent connection (the scheduler leaves it alone) with 3 contacts, 30 invoices, 2 bills, 2 bank accounts and 4 bank transactions. */
async function seedBooks(slug: string): Promise<void> {
  const [connection] = await query<{ id: string; workspaceId: string }>(
    `INSERT INTO "Connection" (id, "workspaceId", provider, "externalAccountId", "displayName", status, "authMethod", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), id, 'FREEAGENT', 'e2e-' || md5(random()::text), 'Demo Brand Ltd', 'PAUSED', 'OAUTH', now()
     FROM "Workspace" WHERE slug = $1 RETURNING id, "workspaceId"`,
    [slug],
  );
  const scope = [connection!.workspaceId, connection!.id];
  const synced = `now(), now(), now(), 'e2e', now()`;
  await query(
    `INSERT INTO "AccountingContact" (id, "workspaceId", "connectionId", "externalId", "organisationName", "displayName", "displayNameLower", email, "emailLower", town, country,
                                      "sourceCreatedAt", "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), $1, $2, '${FA}/contacts/' || n, name, name, lower(name), email, lower(email), 'Leeds', 'United Kingdom', ${synced}
     FROM (VALUES (1, 'Acme Packaging Ltd', 'accounts@acme.example'), (2, 'Blue Fox Wholesale', 'ap@bluefox.example'), (3, 'Zephyr Couriers', NULL)) AS c(n, name, email)`,
    scope,
  );
  // INV-00000 … INV-00029, a day apart back from 2026-03-31; every third Paid, the rest Open; Blue Fox the contact of every fifth.
  await query(
    `INSERT INTO "Invoice" (id, "workspaceId", "connectionId", "externalId", "contactExternalId", reference, "referenceLower", status, "datedOn", "dueOn", currency,
                            "netValue", "salesTaxValue", "totalValue", "dueValue", "sourceCreatedAt", "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), $1, $2, '${FA}/invoices/' || i, '${FA}/contacts/' || CASE WHEN i % 5 = 0 THEN 2 ELSE 1 END,
            'INV-' || lpad(i::text, 5, '0'), 'inv-' || lpad(i::text, 5, '0'), CASE WHEN i % 3 = 0 THEN 'Paid' ELSE 'Open' END,
            date '2026-03-31' - i, date '2026-04-30' - i, 'GBP', 1000.0045 + i, 200, 1234567.89 + i, CASE WHEN i % 3 = 0 THEN 0 ELSE 1234567.89 + i END, ${synced}
     FROM generate_series(0, 29) AS i`,
    scope,
  );
  await query(
    `INSERT INTO "Bill" (id, "workspaceId", "connectionId", "externalId", "contactExternalId", reference, "referenceLower", status, "datedOn", currency, "totalValue",
                         "sourceCreatedAt", "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     VALUES ('e2e-' || md5(random()::text), $1, $2, '${FA}/bills/1', '${FA}/contacts/3', 'BILL-777', 'bill-777', 'Open', date '2026-03-02', 'GBP', 48.5, ${synced}),
            ('e2e-' || md5(random()::text), $1, $2, '${FA}/bills/2', '${FA}/contacts/1', 'BILL-778', 'bill-778', 'Paid', date '2026-03-01', 'GBP', -12.25, ${synced})`,
    scope,
  );
  await query(
    `INSERT INTO "BankAccount" (id, "workspaceId", "connectionId", "externalId", name, type, currency, "isPrimary", "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     VALUES ('e2e-' || md5(random()::text), $1, $2, '${FA}/bank_accounts/1', 'Business Current Account', 'StandardBankAccount', 'GBP', true, now(), now(), 'e2e', now()),
            ('e2e-' || md5(random()::text), $1, $2, '${FA}/bank_accounts/2', 'Euro Account', 'StandardBankAccount', 'EUR', false, now(), now(), 'e2e', now())`,
    scope,
  );
  await query(
    `INSERT INTO "BankTransaction" (id, "workspaceId", "connectionId", "externalId", "bankAccountExternalId", "datedOn", description, "descriptionLower", amount, "unexplainedAmount",
                                    "sourceCreatedAt", "sourceUpdatedAt", "observedAt", "sourceHash", "updatedAt")
     SELECT 'e2e-' || md5(random()::text), $1, $2, '${FA}/bank_transactions/' || n, '${FA}/bank_accounts/' || account, day, description, lower(description), amount, unexplained, ${synced}
     FROM (VALUES (1, 1, date '2026-03-10', 'SHOPIFY PAYMENTS GB 1001', 1095.10, 1095.10),
                  (2, 1, date '2026-03-09', 'SHOPIFY PAYMENTS GB 1002', 210.00, 0),
                  (3, 1, date '2026-03-08', 'Card fee', -12.50, -2.50),
                  (4, 2, date '2026-03-07', 'Interest', 0.33, 0)) AS t(n, account, day, description, amount, unexplained)`,
    scope,
  );
}

// The page's own content (#main): the app shell's menus are outside this spec's area.
async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page, page.locator("#main"))).toEqual([]);
}

test("the Accounting page lists invoices, bills, bank transactions and contacts: filters in the URL, pages, exact money, axe-clean", async ({ page, uniqueEmail }) => {
  const slug = await signInWithNewWorkspace(page, uniqueEmail("books"), "Ledger & Co");
  await seedBooks(slug);

  await test.step("Invoices: newest first, 25 a page, exact money; status and search in the URL", async () => {
    await page.goto(`/w/${slug}`);
    await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Accounting", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Accounting", exact: true })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Accounting sections" }).getByRole("link", { name: "Invoices" })).toHaveAttribute("aria-current", "page");
    const rows = page.getByTestId("invoice-row");
    await expect(rows).toHaveCount(25);
    await expect(rows.first()).toHaveAttribute("data-reference", "INV-00000");
    await expect(rows.first()).toContainText("Mar 31, 2026");
    await expect(rows.first().getByTestId("invoice-total")).toHaveText("£1,234,567.89");
    await expectAxeClean(page);
    await page.getByTestId("pagination-next").click();
    await expect(rows).toHaveCount(5);
    await expect(rows.last()).toHaveAttribute("data-reference", "INV-00029");

    await page.getByTestId("invoice-filter-status").selectOption("Paid");
    await expect(page).toHaveURL(/status=Paid/);
    await expect(rows).toHaveCount(10);
    await page.getByTestId("invoice-filter-clear").click();
    await expect(page).not.toHaveURL(/status=/);
    await page.getByTestId("invoice-search").fill("blue fox");
    await page.getByTestId("invoice-search").press("Enter");
    await expect(page).toHaveURL(/\?q=blue\+fox$/);
    await expect(rows).toHaveCount(6);
    await page.reload();
    await expect(rows).toHaveCount(6);
    await expect(page.getByTestId("invoice-search")).toHaveValue("blue fox");
  });

  await test.step("Bills: a refund is negative; search by supplier", async () => {
    await page.getByRole("navigation", { name: "Accounting sections" }).getByRole("link", { name: "Bills" }).click();
    const rows = page.getByTestId("bill-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.last()).toContainText("-£12.25");
    await page.getByTestId("bill-search").fill("zephyr");
    await page.getByTestId("bill-search").press("Enter");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("BILL-777");
    await expectAxeClean(page);
  });

  await test.step("Bank transactions: explained or not, by account, by description", async () => {
    await page.getByRole("navigation", { name: "Accounting sections" }).getByRole("link", { name: "Bank transactions" }).click();
    const rows = page.getByTestId("bank-transaction-row");
    await expect(rows).toHaveCount(4);
    await expect(rows.first().getByTestId("bank-transaction-amount")).toHaveText("£1,095.10");
    await expect(page.getByTestId("bank-transaction-explained")).toHaveText(["Unexplained", "Explained", "Partly explained", "Explained"]);
    await expectAxeClean(page);

    await page.getByTestId("bank-transaction-filter-explained").selectOption("unexplained");
    await expect(page).toHaveURL(/show=unexplained/);
    await expect(rows).toHaveCount(2);
    await page.getByTestId("bank-transaction-filter-explained").selectOption("");
    // The cleared filter reaches the URL first: a filter chosen before would keep it.
    await expect(page).not.toHaveURL(/show=/);
    await page.getByTestId("bank-transaction-filter-account").selectOption({ label: "Euro Account (EUR)" });
    await expect(page).toHaveURL(/account=/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByTestId("bank-transaction-amount")).toHaveText("€0.33");
    await page.getByTestId("bank-transaction-filter-clear").click();
    await expect(page).not.toHaveURL(/account=/);
    await page.getByTestId("bank-transaction-search").fill("payments gb");
    await page.getByTestId("bank-transaction-search").press("Enter");
    await expect(rows).toHaveCount(2);
  });

  await test.step("Contacts: A to Z, search by email", async () => {
    await page.getByRole("navigation", { name: "Accounting sections" }).getByRole("link", { name: "Contacts" }).click();
    const rows = page.getByTestId("contact-row");
    await expect(rows).toHaveCount(3);
    await expect(rows.first()).toContainText("Acme Packaging Ltd");
    await page.getByTestId("contact-search").fill("ap@");
    await page.getByTestId("contact-search").press("Enter");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Blue Fox Wholesale");
    await expectAxeClean(page);
  });

  await test.step("the tabs work from the keyboard", async () => {
    const invoices = page.getByRole("navigation", { name: "Accounting sections" }).getByRole("link", { name: "Invoices" });
    await invoices.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/w/${slug}/accounting/invoices$`));
    await expect(invoices).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("invoice-row")).toHaveCount(25);
  });
});

test("without an accounting connection, each tab points to Connections", async ({ page, uniqueEmail }) => {
  const slug = await signInWithNewWorkspace(page, uniqueEmail("no-books"), "Store Only");
  await page.goto(`/w/${slug}/accounting`);
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/accounting/invoices$`));
  await expect(page.getByTestId("empty-no-accounting-connection")).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to Connections" })).toHaveAttribute("href", `/w/${slug}/connections`);
  await expectAxeClean(page);
});
