// Issue 14's proof, end to end on the real stack (the app's build, the local Inngest runner, the
// sandbox Shopify and the sandbox FreeAgent): an admin connects FreeAgent through its consent
// screen next to the store, sets up payout reconciliation, finds each payout the sandbox planted
// (exact, short by a fee, missing, paid in twice) in its state on the Payouts page, and explains a
// matched one in FreeAgent: once, however often Explain is pressed, and undone exactly.
import type { Locator, Page } from "@playwright/test";
import { formatMoney } from "@/components/ui/format-money";
import type { PlantedPayout } from "@/dev/sandbox/freeagent";
import { axeViolations } from "../support/axe";
import { signIn } from "../support/auth";
import { bankTransaction, freeagentCounts, plantedPayouts, releaseFreeAgentCompany } from "../support/freeagent";
import { expect, test } from "../support/fixtures";
import { installSandboxShop } from "../support/shopify";
import { createWorkspace } from "../support/workspaces";

const gbp = (amount: string) => formatMoney(amount, "GBP", "en-US");

/** Integer pence as a decimal string ("-250" → "-2.50"): the sandbox keeps money in pence. */
function penceAsDecimal(pence: number): string {
  const abs = Math.abs(pence);
  return `${pence < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** A decimal string with at most two decimals as integer pence ("12.5" → 1250). */
function decimalAsPence(amount: string): number {
  const [whole, fraction = ""] = amount.replace("-", "").split(".");
  const pence = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return amount.startsWith("-") ? -pence : pence;
}

// A category for every part a payout can have, chosen as a bookkeeper would in FreeAgent's chart.
const CATEGORY_OF_PART = {
  "Gross sales": "002 Shopify Sales",
  Refunds: "096 Refunds Given",
  Shipping: "001 Sales",
  Taxes: "055 Other Income",
  Fees: "363 Bank and Payment Processor Fees",
  Adjustments: "055 Other Income",
  "Reserved funds": "055 Other Income",
  Other: "055 Other Income",
};

/** A category's name as the pages show it, by the nominal code ending its FreeAgent URL. */
const CATEGORY_NAME = new Map(Object.values(CATEGORY_OF_PART).map((name) => [name.split(" ")[0]!, name]));

const card = (page: Page, name: string) => page.getByTestId("connection-card").filter({ hasText: name });
const stream = (scope: Locator, name: string) => scope.locator(`[data-testid="connection-stream"][data-stream="${name}"]`);

// The page's own content (#main), as the other payout specs check it.
async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page, page.locator("#main"))).toEqual([]);
}

/** The Payouts page narrowed to one payout's issue day and state: its row, once reconciliation has reached it. */
async function payoutRow(page: Page, slug: string, planted: PlantedPayout, state: string): Promise<Locator> {
  const { date } = planted.payout;
  const row = page.locator(`[data-testid="payout-row"][data-payout="${planted.payout.id}"]`);
  await page.goto(`/w/${slug}/payouts?${new URLSearchParams({ state, from: date, to: date })}`);
  // Reconciliation runs as a background job after the setup is saved: the page shows it once done.
  await expect(async () => {
    await page.reload();
    await expect(row.getByTestId("payout-state")).toHaveAttribute("data-state", state, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  return row;
}

test("an admin connects FreeAgent through its consent screen, sees the planted payouts in their states, and explains a matched one once, then undoes it", async ({ page, context, uniqueEmail }) => {
  // Two first syncs, a reconciliation and the explanation's round trips.
  test.setTimeout(240_000);
  const planted = await plantedPayouts();
  const plantedAs = (kind: PlantedPayout["kind"]) => planted.find((p) => p.kind === kind)!;
  for (const kind of ["exact", "fee", "missing", "duplicated"] as const) expect(plantedAs(kind), `a payout planted ${kind}`).toBeDefined();
  await releaseFreeAgentCompany(planted);
  let slug = "";

  await test.step("the store is installed and its first sync reads its payouts", async () => {
    await signIn(page, uniqueEmail("freeagent-payouts"));
    slug = await createWorkspace(page, "Payout Reconcilers");
    await installSandboxShop(page, slug);
    const shop = card(page, "meridian-demo");
    await expect(shop.getByTestId("connection-last-run")).toContainText("Succeeded", { timeout: 90_000 });
    await page.reload();
    for (const name of ["payouts", "balanceTransactions"]) {
      await expect(stream(shop, name)).not.toHaveAttribute("data-warning", "true");
      await expect(stream(shop, name).getByRole("cell").nth(2), `${name} read`).not.toHaveText("0");
    }
  });

  await test.step("the admin connects FreeAgent on its consent screen and its first sync runs", async () => {
    await page.getByRole("radio", { name: /^FreeAgent/ }).check();
    await page.getByTestId("connect-submit").click();
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByTestId("connection-installed")).toContainText("FreeAgent");
    const books = card(page, "FreeAgent");
    await expect(books.getByTestId("connection-last-run")).toContainText("Succeeded", { timeout: 60_000 });
    await page.reload();
    for (const name of ["bankAccounts", "bankTransactions", "categories"]) await expect(stream(books, name)).not.toHaveAttribute("data-warning", "true");
  });

  await test.step("the admin chooses the bank account payouts land in and maps every part to a category", async () => {
    await page.goto(`/w/${slug}/payouts`);
    await page.getByTestId("payout-setup-notice").getByRole("link", { name: "Payout reconciliation settings" }).click();
    const form = page.getByRole("form", { name: "Payouts of meridian-demo" });
    await form.getByLabel("Bank account payouts land in").selectOption({ label: "Business Current Account (GBP)" });
    await form.getByLabel("Deposit description contains").fill("Shopify Payments");
    for (const [part, category] of Object.entries(CATEGORY_OF_PART)) await form.getByLabel(part, { exact: true }).selectOption({ label: category });
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Payout reconciliation saved")).toBeVisible();
  });

  const exact = plantedAs("exact");
  await test.step("each planted payout shows in its state: matched, amount differs, no deposit, ambiguous with both deposits", async () => {
    await expect((await payoutRow(page, slug, exact, "MATCHED")).getByTestId("payout-amount")).toHaveText(gbp(exact.payout.amount));
    await expectAxeClean(page);

    const short = plantedAs("fee");
    const shortBy = penceAsDecimal(short.depositCents! - decimalAsPence(short.payout.amount));
    await expect(await payoutRow(page, slug, short, "AMOUNT_DIFFERS")).toContainText(`Off by ${gbp(shortBy)}`);

    await expect((await payoutRow(page, slug, plantedAs("missing"), "UNMATCHED_PAYOUT")).getByTestId("payout-state")).toHaveText("No deposit");

    const twice = plantedAs("duplicated");
    const ambiguous = await payoutRow(page, slug, twice, "AMBIGUOUS");
    await expect(ambiguous).toContainText("2 candidates");
    await ambiguous.getByTestId("payout-link").click();
    await expect(page.getByRole("heading", { name: `Payout ${twice.payout.id}` })).toBeVisible();
    const candidates = page.getByTestId("payout-candidates").getByTestId("payout-deposit-row");
    await expect(candidates).toHaveCount(2);
    for (const candidate of await candidates.all()) await expect(candidate).toContainText(gbp(twice.payout.amount));
    await expect(page.getByTestId("payout-explanation")).toHaveAttribute("data-explanation", "none");
  });

  const [depositId] = exact.depositIds;
  let stale: Page;
  let proposed: string[] = [];
  let explanationsBefore = 0;

  await test.step("the admin explains the matched payout in FreeAgent and sees what was posted", async () => {
    await (await payoutRow(page, slug, exact, "MATCHED")).getByTestId("payout-link").click();
    await expect(page.getByRole("heading", { name: `Payout ${exact.payout.id}` })).toBeVisible();
    await expect(page.getByTestId("payout-deposit").getByTestId("payout-deposit-row")).toContainText(gbp(exact.payout.amount));
    await expect(page.getByTestId("payout-explanation")).toHaveAttribute("data-explanation", "proposed");
    await expectAxeClean(page);
    proposed = await explanationLines(page);
    expect(proposed.length).toBeGreaterThan(0);
    // A second tab on the same payout, left open from before the post (pressed in the next steps).
    stale = await context.newPage();
    await stale.goto(page.url());
    await expect(stale.getByTestId("payout-explanation")).toHaveAttribute("data-explanation", "proposed");
    explanationsBefore = (await freeagentCounts()).bank_transaction_explanations!;

    await page.getByRole("button", { name: "Explain in FreeAgent" }).click();
    await expect(page.getByTestId("payout-explanation")).toHaveAttribute("data-explanation", "posted");
    // Posted in FreeAgent's order (the other sign's parts first), so compared as sets.
    expect((await explanationLines(page)).sort()).toEqual([...proposed].sort());
    await expectAxeClean(page);
  });

  let posted: string[] = [];
  await test.step("FreeAgent holds the deposit explained in exactly those parts", async () => {
    const deposit = await bankTransaction(depositId!);
    expect(deposit.unexplained_amount).toMatch(/^0(\.0+)?$/);
    expect(deposit.bank_transaction_explanations.map((e) => `${CATEGORY_NAME.get(e.category.split("/").pop()!)} ${gbp(e.gross_value)}`).sort()).toEqual([...proposed].sort());
    expect((await freeagentCounts()).bank_transaction_explanations).toBe(explanationsBefore + proposed.length);
    posted = deposit.bank_transaction_explanations.map((e) => e.url);
  });

  await test.step("Explain pressed again, in the tab opened before the post, posts nothing new", async () => {
    await stale.getByRole("button", { name: "Explain in FreeAgent" }).click();
    await expect(stale.getByTestId("payout-explanation")).toHaveAttribute("data-explanation", "posted");
    expect((await explanationLines(stale)).sort()).toEqual([...proposed].sort());
    expect((await freeagentCounts()).bank_transaction_explanations).toBe(explanationsBefore + proposed.length);
    expect((await bankTransaction(depositId!)).bank_transaction_explanations.map((e) => e.url)).toEqual(posted);
    await stale.close();
  });

  await test.step("Undo, confirmed, leaves the deposit unexplained in FreeAgent as it was", async () => {
    await page.getByTestId("payout-undo").click();
    const dialog = page.getByRole("dialog", { name: "Undo this payout's explanation?" });
    await dialog.getByRole("button", { name: "Undo explanation" }).click();
    await expect(page.getByTestId("payout-explanation")).toHaveAttribute("data-explanation", "proposed");
    const deposit = await bankTransaction(depositId!);
    expect(deposit.bank_transaction_explanations).toEqual([]);
    expect(deposit.unexplained_amount).toBe(deposit.amount);
    expect((await freeagentCounts()).bank_transaction_explanations).toBe(explanationsBefore);
  });
});

/** The explanation table's lines as "<category> <amount>" (the part's name aside: FreeAgent keeps none). */
async function explanationLines(page: Page): Promise<string[]> {
  // Categories are named once the synced categories have loaded (their URLs until then).
  await expect(page.getByTestId("payout-explanation-line").filter({ hasText: "/categories/" })).toHaveCount(0);
  return Promise.all(
    (await page.getByTestId("payout-explanation-line").all()).map(async (line) => {
      const [, category, amount] = await line.getByRole("cell").allInnerTexts();
      return `${category!.trim()} ${amount!.trim()}`;
    }),
  );
}
