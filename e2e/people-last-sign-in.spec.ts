// "Last sign-in" on the admin people list (plain words, filter, sort, a clear message for a bad
// filter value), and the inactive-accounts job running inside the production server: asked to run
// now through its pg-boss queue, it suspends the person not seen for 120 days and no one else.
// Its own municipality, so other specs' people are untouched; nobody is left for the hourly run.
import { expect, test } from "@playwright/test";
import { signIn, DEMO_PASSWORD } from "./support/auth";
import { sql } from "../test/fixtures/db";
import { freshMunicipality } from "../test/fixtures/municipalities";
import { freshPerson, setLastSignIn } from "../test/fixtures/people";
import { uniq } from "../test/fixtures/unique";

const DAY = 86_400_000;

test("admins see, filter and sort people by last sign-in; the job suspends the long-inactive one", async ({ page }) => {
  const muni = await freshMunicipality(); // default limit: 90 days
  const tag = uniq();
  const admin = await freshPerson(muni.id, ["municipality_admin"], {
    name: "Ada Admin",
    email: `ada.${tag}@last-sign-in.test`,
    password: DEMO_PASSWORD,
  });
  // Joined a year ago; except Nora, who joined 10 days ago and has not signed in yet (not inactive).
  const person = async (name: string, days: number | null, joinedDaysAgo = 365) => {
    const p = await freshPerson(muni.id, ["viewer"], { name, since: new Date(Date.now() - joinedDaysAgo * DAY) });
    await setLastSignIn(p.id, days === null ? null : new Date(Date.now() - days * DAY - 60_000));
    return p;
  };
  await person("Tess Three", 3);
  await person("Sam Seventy", 70);
  const stale = await person("Hal Hundred", 120);
  await person("Nora Never", null, 10);

  await signIn(page, admin.email, DEMO_PASSWORD, `/admin/${muni.slug}/people`);
  await expect(page.getByRole("heading", { name: "People", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: `People of ${muni.name}` });
  const row = (name: string) => table.getByRole("row", { name: new RegExp(name) });
  const names = table.locator("tbody").getByRole("link");
  await expect(row("Ada Admin")).toContainText("just now");
  await expect(row("Tess Three")).toContainText("3 days ago");
  await expect(row("Sam Seventy")).toContainText("70 days ago");
  await expect(row("Hal Hundred")).toContainText("4 months ago");
  await expect(row("Nora Never")).toContainText("never");

  // Filter: not signed in for 60 days or more (never included), then never only.
  await page.getByLabel("Last sign-in").selectOption("60");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/lastSignIn=60/);
  await expect(names).toHaveText(["Hal Hundred", "Nora Never", "Sam Seventy"]);
  await expect(page.getByLabel("Last sign-in")).toHaveValue("60");
  await page.getByLabel("Last sign-in").selectOption("never");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(names).toHaveText(["Nora Never"]);

  // Sort by last sign-in: never first (the longest ago), most recent last; the filter is kept.
  await page.getByLabel("Last sign-in").selectOption("");
  await page.getByRole("button", { name: "Filter" }).click();
  await table.getByRole("link", { name: "Last sign-in" }).click();
  await expect(table.getByRole("columnheader", { name: /Last sign-in/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(names).toHaveText(["Nora Never", "Hal Hundred", "Sam Seventy", "Tess Three", "Ada Admin"]);

  // A value the filter does not know: a message naming the filter, no list.
  await page.goto(`/admin/${muni.slug}/people?lastSignIn=45`);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    'Last sign-in: choose 30, 60, 90 days or "never".',
  );
  await expect(table).toHaveCount(0);

  // The server runs the job on pg-boss's scheduler (hourly); ask its queue to run it now.
  await expect
    .poll(async () => (await sql(`select cron from pgboss.schedule where name = 'inactive-accounts'`)).length)
    .toBe(1);
  await sql(`insert into pgboss.job (name, data) values ('inactive-accounts', '{}')`);
  await expect
    .poll(
      async () =>
        (
          await sql<{ status: string }>(`select status::text from "Membership" where id = $1`, [
            stale.memberships[0]!.id,
          ])
        )[0]!.status,
      { timeout: 30_000 },
    )
    .toBe("SUSPENDED");
  const mails = await sql<{ to: string; template: string }>(
    `select "to", template from "OutboxMessage" where "municipalityId" = $1 order by template`,
    [muni.id],
  );
  expect(mails).toEqual([
    { to: stale.email, template: "inactive-suspended" },
    { to: admin.email, template: "inactive-suspended-admin" },
  ]);
  await page.goto(`/admin/${muni.slug}/people?status=SUSPENDED`);
  await expect(names).toHaveText(["Hal Hundred"]);
  const stillActive = await sql(`select 1 from "Membership" where "municipalityId" = $1 and status = 'ACTIVE'`, [
    muni.id,
  ]);
  expect(stillActive).toHaveLength(4);
});
