// Citizen accounts in the browser (issue 18): sign up with an email from the home page, confirm it
// through the mail the real SMTP test server received, choose a password by the project's rules,
// sign in on the usual page and land on My reports; a report filed while signed in is listed there
// with what the citizen wrote; another public report is followed and unfollowed; the staff
// workspace and administration are "not found" for a citizen.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn, signInTo } from "./support/auth";
import { sql } from "../test/fixtures/db";
import { waitForMail } from "../test/fixtures/smtp";

const tag = randomBytes(4).toString("hex");
const PASSWORD = "lantern orchard violet";

test("a citizen signs up by mail, files a report, sees it under My reports and follows another one", async ({
  page,
  browser,
}) => {
  const email = `cora-${tag}@example.test`;
  await page.goto("/");
  await page.getByRole("link", { name: "Make a citizen account" }).click();
  await expect(page).toHaveURL(/\/citizens\/sign-up$/);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send me a confirmation link" }).click();
  await expect(page.getByRole("status")).toContainText("a link to confirm it is on its way");
  const answer = (await page.getByRole("status").textContent())!;

  // A staff address gets the same words on the screen (no account probing).
  const other = await (await browser.newContext()).newPage();
  await other.goto("/citizens/sign-up");
  await other.getByLabel("Email", { exact: true }).fill("viewer@riverton.test");
  await other.getByRole("button", { name: "Send me a confirmation link" }).click();
  await expect(other.getByRole("status")).toHaveText(answer.replace(email, "viewer@riverton.test"));
  await other.context().close();

  const body = await waitForMail(email, /citizens\/confirm\//);
  const link = body.match(/https?:\/\/\S+\/citizens\/confirm\/[A-Za-z0-9_-]+/)![0];
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await page.getByLabel("Your name (optional)").fill("Cora Tester");
  // A common password: the server refuses it beside the field; then a strong one.
  await page.getByLabel("New password", { exact: true }).fill("password1234");
  await page.getByLabel("Repeat the new password").fill("password1234");
  await page.getByRole("button", { name: "Make my account" }).click();
  await expect(page.locator("#password-error")).toContainText(/commonly used|easy to guess/i);
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the new password").fill(PASSWORD);
  await page.getByRole("button", { name: "Make my account" }).click();
  await expect(page.getByRole("status")).toContainText("Your citizen account is ready");
  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This sign-up link was already used" })).toBeVisible();

  // Sign in on the usual page: home is My reports, and the header offers it instead of staff links.
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/my$/);
  await expect(page.getByRole("heading", { level: 1, name: "My reports" })).toBeVisible();
  const header = page.getByRole("navigation", { name: "Main" });
  await expect(header.getByRole("link", { name: "My reports" }).first()).toBeAttached();
  await expect(header.getByRole("link", { name: "Workspace" })).toHaveCount(0);
  await expect(header.getByRole("link", { name: "Administration" })).toHaveCount(0);
  expect((await page.goto("/w"))!.status()).toBe(404);
  expect((await page.goto("/admin"))!.status()).toBe(404);
  expect((await page.goto("/w/riverton"))!.status()).toBe(404);

  // A report filed while signed in is the citizen's, with what they wrote.
  const title = `Streetlight out ${tag}`;
  await page.goto("/m/riverton/requests/new");
  await expect(page.getByText("Signed in as a citizen")).toBeVisible();
  await page.getByLabel("Category").selectOption("STREET_LIGHTING");
  await page.getByLabel("What is the problem?").fill(title);
  await page.getByLabel("Details").fill("Dark since Monday at the corner by the school.");
  await page.getByLabel("Area or district").fill("Old Town");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status")).toContainText("your report was received");
  await page.goto("/my");
  const mine = page.getByRole("list", { name: "Reports I filed" });
  await expect(mine.getByRole("listitem")).toHaveCount(1);
  await expect(mine).toContainText("Submitted");
  await mine.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Dark since Monday at the corner by the school.")).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  // Following another public report by its reference; then unfollowing it.
  const [pub] = await sql<{ reference: string; title: string }>(
    `SELECT reference, title FROM "ServiceRequest" WHERE "municipalityId" = (SELECT id FROM "Municipality" WHERE slug = 'riverton')
       AND "isPublic" AND "reporterUserId" IS NULL ORDER BY "createdAt" DESC LIMIT 1`,
  );
  await page.goto("/my");
  const follow = page.getByRole("form", { name: "Follow a report by its reference" });
  const followByReference = async (reference: string) => {
    await follow.getByLabel("Municipality").selectOption("riverton");
    await follow.getByLabel("Reference").fill(reference);
    await follow.getByRole("button", { name: "Follow" }).click();
  };
  await followByReference("RIV-99999");
  await expect(page.locator("#follow-reference-error")).toContainText("no public report with this reference");
  await expect(follow.getByLabel("Reference")).toHaveValue("RIV-99999");
  await followByReference(pub!.reference);
  await expect(page.getByRole("status").filter({ hasText: `You follow ${pub!.reference}` })).toBeVisible();
  const following = page.getByRole("list", { name: "Requests I follow" });
  await expect(following.getByRole("link", { name: pub!.title })).toBeVisible();
  await following.getByRole("button", { name: "Stop following" }).click();
  await expect(page.getByRole("list", { name: "Requests I follow" })).toHaveCount(0);
  await expect(page.getByText("You follow no one else's reports")).toBeVisible();
});

test("a staff account gets not found on My reports and no citizen links", async ({ page }) => {
  await signInTo(page, "viewer@riverton.test", "/account");
  expect((await page.goto("/my"))!.status()).toBe(404);
  await page.goto("/m/riverton");
  await expect(page.getByRole("link", { name: "Make a citizen account" })).toHaveCount(0);
});
