// The platform console in Chromium (issue 16): a platform admin lands on /platform, creates a
// municipality with an email domain and a department (a taken domain is refused on its field and
// what was typed stays), finds it in the list and archives it after confirming; platform groups
// change only with a second platform admin's approval; a municipality admin gets "not found".
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { testPrisma } from "../test/fixtures/db";
import { freshUser } from "../test/fixtures/people";

const tag = randomBytes(4).toString("hex");

async function signInPlatform(page: Page, email: string) {
  await signIn(page, email);
  // No page asked for: a platform account's home is the console.
  await page.goto("/signin/continue?next=%2Fw");
  await expect(page).toHaveURL(/\/platform$/);
}

test("a platform admin creates a municipality with an email domain and a department, lists it, archives it", async ({
  page,
}) => {
  await signInPlatform(page, "platform.admin@gatehouse.test");
  await expect(page.getByRole("heading", { name: "Platform console" })).toBeVisible();
  await page.getByRole("link", { name: "New municipality" }).first().click();
  const slug = `ashford-${tag}`;
  await page.getByLabel("Name").fill(`Ashford ${tag}`);
  await page.getByLabel("Web address").fill(slug);
  await page.getByLabel("Email domains").fill("riverton.test");
  await page.getByLabel("Departments (optional, one per line)").fill("Public works");
  await page.getByRole("button", { name: "Create municipality" }).click();
  // Riverton holds that domain: the field says so, nothing was created, the form keeps its values.
  await expect(page.locator("#m-emailDomains-error")).toContainText("riverton.test");
  await expect(page.getByLabel("Name")).toHaveValue(`Ashford ${tag}`);
  await expect(page.getByLabel("Email domains")).toHaveAttribute("aria-invalid", "true");
  expect(await testPrisma().municipality.count({ where: { slug } })).toBe(0);

  await page.getByLabel("Email domains").fill(`ashford-${tag}.test`);
  await page.getByRole("button", { name: "Create municipality" }).click();
  await expect(page).toHaveURL(new RegExp(`/platform/municipalities/${slug}\\?created=1$`));
  await expect(page.getByRole("status").filter({ hasText: "was created" })).toBeVisible();
  await expect(page.getByText(`ashford-${tag}.test`)).toBeVisible();
  await expect(page.getByText("Public works")).toBeVisible();
  await expect(page.getByRole("link", { name: "Invitations — invite the first admin" })).toHaveAttribute(
    "href",
    `/admin/${slug}/invitations`,
  );

  await page.goto(`/platform/municipalities?q=${slug}`);
  await expect(page.getByRole("link", { name: `Ashford ${tag}` })).toBeVisible();

  await page.getByRole("link", { name: `Ashford ${tag}` }).click();
  await page.getByLabel(`Type its web address, ${slug}, to confirm`).fill(slug);
  await page.getByRole("button", { name: "Archive municipality" }).click();
  const dialog = page.getByRole("dialog", { name: `Archive Ashford ${tag}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Archive municipality" }).click();
  await expect(page.getByText(/^Archived on \d{4}-\d{2}-\d{2}: nobody signs in or works here\.$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Restore municipality" })).toBeVisible();
  const row = await testPrisma().municipality.findUniqueOrThrow({ where: { slug } });
  expect(row.archivedAt).not.toBeNull();
  expect(await testPrisma().auditEvent.count({ where: { action: "municipality.archive", targetId: row.id } })).toBe(1);
  expect((await page.goto(`/m/${slug}`))?.status()).toBe(404);
  await page.goto(`/platform/municipalities?status=archived&q=${slug}`);
  await expect(page.getByRole("cell", { name: /^Archived/ })).toBeVisible();
});

test("superuser needs a second platform admin: the proposer cannot approve, superuser@gatehouse.test does", async ({
  page,
  browser,
}) => {
  const person = await freshUser({ email: `candidate.${tag}@example.test`, name: `Candidate ${tag}` });
  await signInPlatform(page, "platform.admin@gatehouse.test");
  await page.goto(`/platform/people?q=candidate.${tag}`);
  await page.getByRole("link", { name: `Candidate ${tag}` }).click();
  await page.getByLabel("Change", { exact: true }).selectOption({ label: "Give Superuser" });
  await page.getByLabel("Reason (the approver reads it)").fill("Takes over the platform on-call rota.");
  await page.getByRole("button", { name: "Propose change" }).click();
  await expect(page.getByText("Proposed. Another platform admin must approve it")).toBeVisible();

  await page.goto("/platform/grants");
  const mine = page.getByRole("row", { name: new RegExp(`candidate\\.${tag}`) }).first();
  await expect(mine).toContainText(/waiting for approval/i);
  await expect(mine.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(mine.getByRole("button", { name: "Cancel proposal" })).toBeVisible();

  const other = await browser.newContext();
  const su = await other.newPage();
  await signInPlatform(su, "superuser@gatehouse.test");
  await su.goto("/platform/grants");
  const row = su.getByRole("row", { name: new RegExp(`candidate\\.${tag}`) }).first();
  await row.getByRole("button", { name: "Approve" }).click();
  await su.getByRole("dialog", { name: "Approve this change?" }).getByRole("button", { name: "Approve" }).click();
  // Decided: the request moves to the decided list, approved by this superuser.
  const decided = su
    .getByRole("region", { name: "Decided" })
    .getByRole("row", { name: new RegExp(`candidate\\.${tag}`) });
  await expect(decided).toContainText(/approved/i);
  await expect(decided).toContainText("by you");
  await other.close();

  const after = await testPrisma().user.findUniqueOrThrow({ where: { id: person.id } });
  expect(after.platformGroups).toEqual(["superuser"]);
  await page.goto(`/platform/people/${person.id}`);
  await expect(page.getByRole("definition").filter({ hasText: /^Superuser$/ })).toBeVisible();
});

test("a municipality admin gets not found on every platform page", async ({ page }) => {
  await signIn(page, "admin@riverton.test");
  // Not a platform account: home is the workspace chooser.
  await expect(page).toHaveURL(/\/w\/riverton$/);
  for (const path of [
    "/platform",
    "/platform/municipalities",
    "/platform/people",
    "/platform/grants",
    "/platform/policies",
    "/platform/audit",
  ]) {
    const r = await page.goto(path);
    expect(r?.status(), path).toBe(404);
  }
  await expect(page.getByRole("link", { name: "Platform console" })).toHaveCount(0);
});

test("every platform page fits a 390 px phone and a desktop (screenshots in test-results)", async ({ page }) => {
  await signInPlatform(page, "superuser@gatehouse.test");
  const riverton = await testPrisma().user.findUniqueOrThrow({ where: { email: "admin@riverton.test" } });
  const pages = {
    overview: "/platform",
    municipalities: "/platform/municipalities",
    new: "/platform/municipalities/new",
    detail: "/platform/municipalities/riverton",
    people: "/platform/people",
    person: `/platform/people/${riverton.id}`,
    grants: "/platform/grants",
    policies: "/platform/policies",
    audit: "/platform/audit",
  };
  for (const [width, height] of [
    [390, 844],
    [1280, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const [name, path] of Object.entries(pages)) {
      expect((await page.goto(path))?.status(), path).toBe(200);
      await page.screenshot({ path: `test-results/platform-screens/${name}-${width}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
    }
  }
});

test("policy preview: a narrowed volunteer.yaml shows who loses what; a broken file shows its file and rule", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInPlatform(page, "platform.admin@gatehouse.test");
  await page.goto("/platform/policies");
  await expect(page.getByRole("heading", { name: "Policy preview" })).toBeVisible();
  const volunteer = readFileSync(path.join(process.cwd(), "policies/groups/volunteer.yaml"), "utf8");
  // Volunteers no longer see a request's description.
  const narrowed = volunteer.replace("category, title, description, status", "category, title, status");
  expect(narrowed).not.toBe(volunteer);
  const form = page.getByRole("form", { name: "Preview a policy change" });
  await form
    .getByLabel("Changed group files")
    .setInputFiles({ name: "volunteer.yaml", mimeType: "application/yaml", buffer: Buffer.from(narrowed) });
  await form.getByRole("button", { name: "Preview the change" }).click();
  await expect(page.getByRole("heading", { name: "What would change" })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText("Changed group files: volunteer.yaml.")).toBeVisible();
  const riverton = page.getByRole("table", { name: "Changes for Riverton — Volunteer" });
  const requests = riverton.getByRole("row", { name: /^Service requests see 0 0/ });
  await expect(requests).toContainText(/Description \(\d+\)/);
  await expect(requests).toContainText("RIV-00001");
  await expect(page.getByText(/Nothing changes for anyone/)).toHaveCount(0);
  const md = page.getByRole("link", { name: "Download Markdown" });
  const download = page.waitForEvent("download");
  await md.click();
  expect((await download).suggestedFilename()).toBe("policy-preview.md");
  await page.screenshot({ path: "test-results/platform-screens/policy-preview-result.png", fullPage: true });

  // A file that does not load: its file and rule, never "no change".
  const broken = volunteer.replace("on: ServiceRequest", "on: NoSuchRecord");
  await page.reload();
  await form
    .getByLabel("Changed group files")
    .setInputFiles({ name: "volunteer.yaml", mimeType: "application/yaml", buffer: Buffer.from(broken) });
  await form.getByRole("button", { name: "Preview the change" }).click();
  await expect(form.getByText(/volunteer\.yaml/).first()).toBeVisible({ timeout: 60_000 });
  await expect(form.getByText(/NoSuchRecord/).first()).toBeVisible();
  await expect(page.getByText(/Nothing changes for anyone/)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "What would change" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/platform-screens/policy-preview-error.png", fullPage: true });
});
