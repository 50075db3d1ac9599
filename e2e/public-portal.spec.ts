import { expect, test } from "@playwright/test";
import { sql } from "../test/fixtures/db";

test("an anonymous visitor submits a request and sees it in the public list without the reporter's details", async ({
  page,
}) => {
  await page.goto("/m/riverton");
  await page.getByRole("link", { name: "Report a problem" }).click();
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByText("Describe the problem (10 characters or more).", { exact: true })).toBeVisible();

  const title = `Broken bollard ${Date.now()}`;
  await page.getByLabel("Category").selectOption("ROADS");
  await page.getByLabel("What is the problem?").fill(title);
  await page.getByLabel("Details").fill("A car knocked the bollard over; it lies across the cycle path.");
  await page.getByLabel("Area or district").fill("Millbrook");
  await page.getByLabel("Exact address or location (optional, not public)").fill("12 Secret Lane");
  await page.getByLabel("Name").fill("Zoë Reporter-Unique");
  await page.getByLabel("Email", { exact: true }).fill("zoe.unique@example.org");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status")).toContainText("your report was received");
  const reference = (await page.getByTestId("report-reference").textContent())!;
  expect(reference).toMatch(/^RIV-\d{5}$/);

  const [row] = await sql<{ reporterEmail: string; status: string }>(
    `select "reporterEmail", status from "ServiceRequest" where reference = $1`,
    [reference],
  );
  expect(row).toMatchObject({ reporterEmail: "zoe.unique@example.org", status: "SUBMITTED" });

  const res = await page.goto("/m/riverton?q=" + encodeURIComponent(title));
  const html = await res!.text();
  await expect(page.getByRole("cell", { name: title })).toBeVisible();
  for (const secret of ["Zoë Reporter-Unique", "zoe.unique@example.org", "12 Secret Lane"]) {
    expect(html).not.toContain(secret);
    await expect(page.getByText(secret)).toHaveCount(0);
  }
});

test("the honeypot takes nothing in; the public never sees internal records", async ({ page }) => {
  const before = await sql<{ n: string }>(`select count(*) as n from "ServiceRequest"`);
  await page.goto("/m/lakeside/requests/new");
  await page.getByLabel("Category").selectOption("WASTE");
  await page.getByLabel("What is the problem?").fill("Spam spam spam spam");
  await page.getByLabel("Details").fill("Buy cheap things at our site, best prices");
  await page.getByLabel("Area or district").fill("Marina");
  await page.locator("#website").evaluate((el: HTMLInputElement) => (el.value = "http://spam.example"));
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status")).toContainText("received");
  const after = await sql<{ n: string }>(`select count(*) as n from "ServiceRequest"`);
  expect(after[0]!.n).toBe(before[0]!.n);

  const internal = await sql<{ title: string; internalNotes: string | null }>(
    `select d.title, null as "internalNotes" from "Document" d join "Municipality" m on m.id = d."municipalityId" where m.slug = 'lakeside' and d.visibility = 'INTERNAL'`,
  );
  const html = await (await page.goto("/m/lakeside"))!.text();
  for (const d of internal) expect(html).not.toContain(d.title);
});
