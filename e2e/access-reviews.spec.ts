// Access reviews end to end (issue 20's "done when"): in a municipality of its own, an admin starts
// a campaign for the privileged groups; the reviewer — the people's department manager — revokes
// one person's group and confirms two others; the due date passes for the fourth on a controlled
// clock and the campaign's rule (suspend) applies; the report lists every decision, as a page and
// as a CSV file.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { freshMunicipality } from "../test/fixtures/municipalities";
import { freshSignInPerson } from "../test/fixtures/people";
import { testPrisma } from "../test/fixtures/db";
import { uniq } from "../test/fixtures/unique";
import { signInTo } from "./support/auth";
import { confirmInDialog } from "./support/confirm";
import { runReviewJobs } from "../test/fixtures/review-jobs";

test.describe.configure({ mode: "serial" });

const tag = uniq();
const email = (who: string) => `${who}-${tag}@example.test`;
const PEOPLE = {
  admin: { name: "Ada Starter", groups: ["municipality_admin"] },
  revoked: { name: "Rita Revoked", groups: ["municipality_admin", "viewer"] },
  confirmed: { name: "Carl Confirmed", groups: ["municipality_admin"] },
  undecided: { name: "Una Undecided", groups: ["municipality_admin"] },
  reviewer: { name: "Mona Manager", groups: ["manager"] },
} as const;
type Who = keyof typeof PEOPLE;

let town: Awaited<ReturnType<typeof freshMunicipality>>;
const membership = new Map<Who, string>();

test.beforeAll(async () => {
  town = await freshMunicipality({ requiresApproval: false, name: `Review town ${tag}` });
  const works = town.departments.find((d) => d.slug === "works")!;
  for (const [who, p] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][]) {
    const person = await freshSignInPerson(town.id, [...p.groups], email(who), {
      name: p.name,
      departmentId: works.id,
    });
    membership.set(who, person.memberships[0]!.id);
  }
});

/** A fresh page of its own, signed in as `who`, on `path`, hydrated. */
async function pageAs(browser: Browser, who: Who, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInTo(page, email(who), path);
  await page.waitForLoadState("networkidle");
  return page;
}

const membershipOf = (who: Who) =>
  testPrisma().membership.findUniqueOrThrow({
    where: { id: membership.get(who)! },
    select: { groups: true, status: true },
  });

let reviewPath = "";
let dueAt: Date;

test("an admin starts a review of the privileged groups, and sees who reviews whom", async ({ browser }) => {
  const page = await pageAs(browser, "admin", `/admin/${town.slug}/reviews`);
  await expect(page.getByText("No access review yet.")).toBeVisible();
  await page.getByRole("link", { name: "Start a review" }).click();
  await page.waitForLoadState("networkidle");
  const form = page.getByRole("form", { name: "Start a review" });
  await form.getByLabel("Name").fill(`Privileged access ${tag}`);
  await form.getByLabel("People in privileged groups (administrators)").check();
  await form.getByLabel("Suspend their membership until an admin reactivates it").check();
  await form.getByRole("button", { name: "Start the review" }).click();
  await page.waitForURL(new RegExp(`/admin/${town.slug}/reviews/(?!new$)[^/]+$`));
  await page.waitForLoadState("networkidle");
  reviewPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: `Privileged access ${tag}` })).toBeVisible();
  // Four administrators (the admin herself too), all of the works department: its manager reviews them.
  await expect(page.getByRole("progressbar", { name: "Progress of the review" })).toHaveAttribute(
    "aria-valuetext",
    "0 of 4 decided",
  );
  const people = page.getByRole("table", { name: "People under review" });
  // (Each row's reviewer choice names the others too: a row is found by its person's link.)
  for (const who of ["admin", "revoked", "confirmed", "undecided"] as const)
    await expect(
      people.getByRole("row").filter({ has: page.getByRole("link", { name: PEOPLE[who].name }) }),
    ).toContainText("Not decided yet");
  await expect(page.getByRole("table", { name: "Progress per reviewer" })).toContainText(PEOPLE.reviewer.name);
  const review = await testPrisma().accessReview.findFirstOrThrow({
    where: { municipalityId: town.id },
    select: { dueAt: true },
  });
  dueAt = review.dueAt;
  await page.context().close();
});

test("the reviewer revokes one person's group, confirms two, and leaves one undecided", async ({ browser }) => {
  const page = await pageAs(browser, "reviewer", `/w/${town.slug}`);
  await page
    .getByRole("navigation", { name: `${town.name} workspace` })
    .getByRole("link", { name: "Access reviews" })
    .click();
  await page.waitForLoadState("networkidle");
  await expect(page.getByText("4 of 4 still to decide")).toBeVisible();
  await page.getByRole("link", { name: `Privileged access ${tag}` }).click();
  await page.waitForLoadState("networkidle");

  const card = (who: Who) => page.getByRole("region", { name: PEOPLE[who].name });
  // What the reviewer is shown: the groups under review (with the privileged mark) and the rest.
  await expect(card("revoked")).toContainText("Privileged");
  await expect(card("revoked")).toContainText("Other groups (not in this review)");
  await expect(card("revoked")).toContainText("Never signed in");

  await card("revoked").getByLabel("Note (optional, in the report)").fill("Left the board in November.");
  await card("revoked").getByRole("button", { name: "Revoke" }).click();
  await confirmInDialog(page, "Revoke");
  // Decided, the card leaves the list of people still to decide.
  await expect(card("revoked")).toHaveCount(0);

  for (const who of ["confirmed", "admin"] as const) {
    await card(who).getByRole("button", { name: "Confirm" }).click();
    await expect(card(who)).toHaveCount(0);
  }
  // The undecided one stays, with the form.
  await expect(card("undecided").getByRole("button", { name: "Revoke" })).toBeVisible();

  // Shown as decided, with the decision, under "Decided".
  await page.getByLabel("Show").selectOption("decided");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForLoadState("networkidle");
  await expect(card("revoked")).toContainText("Decision: Revoked");
  await expect(card("revoked")).toContainText("Note: Left the board in November.");
  await expect(card("confirmed")).toContainText("Decision: Confirmed");

  // Applied at once: the revoked person holds only what was not under review.
  expect((await membershipOf("revoked")).groups).toEqual(["viewer"]);
  expect((await membershipOf("confirmed")).groups).toEqual(["municipality_admin"]);
  await page.context().close();
});

test("the due date passes on the controlled clock: the undecided person is suspended, the review closes", async () => {
  expect((await membershipOf("undecided")).status).toBe("ACTIVE");
  const ran = runReviewJobs({ now: new Date(dueAt.getTime() + 60_000), municipality: town.id });
  expect(ran.close?.closed).toHaveLength(1);
  expect((await membershipOf("undecided")).status).toBe("SUSPENDED");
  expect((await membershipOf("confirmed")).status).toBe("ACTIVE");
  const review = await testPrisma().accessReview.findFirstOrThrow({ where: { municipalityId: town.id } });
  expect(review.status).toBe("CLOSED");
  expect(review.reportDigest).toMatch(/^[0-9a-f]{64}$/);
});

test("the report lists every decision, as a page and as a CSV file", async ({ browser }) => {
  const page = await pageAs(browser, "admin", reviewPath);
  await expect(page.getByRole("progressbar", { name: "Progress of the review" })).toHaveAttribute(
    "aria-valuetext",
    "4 of 4 decided",
  );
  await page.getByRole("link", { name: "Report", exact: true }).click();
  await page.waitForLoadState("networkidle");
  const table = page.getByRole("table", { name: "Every decision" });
  const rowOf = (who: Who) => table.getByRole("row").filter({ hasText: PEOPLE[who].name });
  await expect(rowOf("revoked")).toContainText("Revoked");
  await expect(rowOf("revoked")).toContainText("Left the board in November.");
  await expect(rowOf("confirmed")).toContainText("Confirmed");
  await expect(rowOf("admin")).toContainText("Confirmed");
  await expect(rowOf("undecided")).toContainText("Not decided: membership suspended");
  await expect(page.getByText("Checked now: the report below still matches its signature.")).toBeVisible();

  const csv = await page.request.get(`${reviewPath}/report.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="access-review-.*\.csv"$/);
  const lines = (await csv.text()).trim().split(/\r?\n/);
  expect(lines).toHaveLength(5);
  const line = (who: Who) => lines.find((l) => l.includes(email(who))) ?? "";
  expect(line("revoked")).toContain("Revoked");
  expect(line("confirmed")).toContain("Confirmed");
  expect(line("admin")).toContain("Confirmed");
  expect(line("undecided")).toContain("Not decided: membership suspended");
  await page.context().close();
});

test("a campaign is not found under another municipality's address, and its CSV neither", async ({ browser }) => {
  const page = await pageAs(browser, "admin", `/admin/${town.slug}/reviews`);
  const elsewhere = reviewPath.replace(`/admin/${town.slug}/`, "/admin/riverton/");
  expect((await page.request.get(elsewhere)).status()).toBe(404);
  expect((await page.request.get(`${elsewhere}/report.csv`)).status()).toBe(404);
  await page.context().close();
});
