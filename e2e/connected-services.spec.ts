// Issue 19's "Done when", in Chromium, against the permits demo (examples/permits-demo) that
// e2e/global-setup.ts starts as Riverton's seeded "Permits" service: a person signs into the demo
// through Gatehouse and the demo shows what AuthZEN allows; then an admin ends their access — by
// removing their group, by deactivating them, or by letting a direct grant expire — and, without
// the person doing anything, the demo's session ends (Gatehouse's back-channel logout reached it
// and verified), Gatehouse's next AuthZEN answer for them is false, and the signed webhook arrived
// and verifies. Every wait polls what the demo received; nothing sleeps, and the grant's expiry is
// reached by running the sweep at a chosen time (test/fixtures/service-jobs.ts), not by waiting.
import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { devPermitsSecrets, PERMITS_DEMO_CLIENT_ID } from "../lib/seed/services";
import { testPrisma } from "../test/fixtures/db";
import { freshSignInPerson, type FreshPerson } from "../test/fixtures/people";
import { demoEvents, type DemoLogout, type DemoWebhook } from "../test/fixtures/permits-demo";
import { runServiceJobs } from "../test/fixtures/service-jobs";
import { signIn } from "./support/auth";
import { confirmInDialog } from "./support/confirm";

const demoUrl = () => {
  const url = process.env.E2E_DEMO_URL;
  if (!url) throw new Error("E2E_DEMO_URL is not set: e2e/global-setup.ts starts the permits demo");
  return url;
};
const appUrl = () => process.env.APP_URL!;
const tag = () => randomBytes(4).toString("hex");

async function rivertonId() {
  return (await testPrisma().municipality.findUniqueOrThrow({ where: { slug: "riverton" } })).id;
}

/** A fresh Riverton member (never a shared test account): their own name, email and groups. */
async function freshMember(label: string, groups: string[]) {
  const t = tag();
  return freshSignInPerson(await rivertonId(), groups, `svc-${label}-${t}@riverton.test`, {
    name: `Pat ${label} ${t}`,
  });
}

const personPath = (p: FreshPerson) => `/admin/riverton/people/${p.memberships[0]!.id}`;

/** The person signs into Gatehouse, then into the demo with "Sign in with Gatehouse" (no typing there). */
async function signIntoDemo(browser: Browser, person: FreshPerson): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, person.email);
  // The first sign-in of a run may wait on a cold server.
  await expect(page.getByText(`Signed in as ${person.email}`)).toBeVisible({ timeout: 30_000 });
  await page.goto(`${demoUrl()}/`);
  await page.getByRole("link", { name: "Sign in with Gatehouse" }).click();
  await expect(page).toHaveURL(`${demoUrl()}/permits`);
  await expect(page.getByText(`Signed in as ${person.name}`)).toBeVisible();
  return page;
}

/** The "You may" cell of a permit's row in the demo's list. */
const mayCell = (page: Page, row: string) =>
  page.getByRole("row").filter({ hasText: row }).locator('td[data-label="You may"]');

/** An admin of Riverton on the person's page in Gatehouse. */
async function adminOnPersonPage(browser: Browser, person: FreshPerson): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "admin@riverton.test", undefined, personPath(person));
  await expect(page).toHaveURL(new RegExp(`${personPath(person)}$`));
  return page;
}

const basic = () =>
  `Basic ${Buffer.from(`${PERMITS_DEMO_CLIENT_ID}:${devPermitsSecrets(process.env.AUTH_SECRET!).clientSecret}`).toString("base64")}`;

/** Gatehouse's AuthZEN decision, asked as the demo asks (its client credentials): may they view their own permit? */
async function mayViewOwnPermit(person: FreshPerson): Promise<boolean> {
  const res = await fetch(`${appUrl()}/access/v1/evaluation`, {
    method: "POST",
    headers: { authorization: basic(), "content-type": "application/json" },
    body: JSON.stringify({
      subject: { type: "user", id: person.id },
      resource: {
        type: "permit",
        id: "RIV-E2E-1",
        properties: { ownerID: person.email, status: "draft", district: "North Bank" },
      },
      action: { name: "view" },
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { decision: unknown }).decision === true;
}

/** The first event for this person the demo received, once it has (polled, never slept). */
async function received<T>(pick: (e: Awaited<ReturnType<typeof demoEvents>>) => T | undefined, timeout: number) {
  let found: T | undefined;
  await expect
    .poll(async () => (found = pick(await demoEvents(demoUrl()))) !== undefined, {
      timeout,
      intervals: [100, 250, 500],
    })
    .toBe(true);
  return found!;
}

/**
 * What "access ended everywhere" means at the demo: a verified back-channel logout for the person
 * ended their session there (the page, reloaded, says so), AuthZEN answers false, and the signed
 * access.revoked webhook arrived and verified.
 */
async function expectAccessEnded(demo: Page, person: FreshPerson, timeout = 20_000) {
  const logout = await received<DemoLogout>((e) => e.logouts.find((l) => l.sub === person.id && l.verified), timeout);
  expect(logout.droppedSessions).toBeGreaterThan(0);
  await demo.reload();
  await expect(demo.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await expect(demo.getByRole("status")).toContainText("Gatehouse ended your session");
  expect(await mayViewOwnPermit(person)).toBe(false);
  const hook = await received<DemoWebhook>(
    (e) => e.webhooks.find((w) => w.data?.user?.id === person.id && w.type === "access.revoked"),
    timeout,
  );
  expect(hook.verified).toBe(true);
  expect(hook.data?.service?.slug).toBe("permits");
  // Nothing the demo received about this person failed verification.
  const all = await demoEvents(demoUrl());
  expect(all.logouts.filter((l) => l.sub === person.id && !l.verified)).toEqual([]);
}

const RESIDENTS_PERMITS = ["RIV-2026-0101", "RIV-2026-0102", "RIV-2026-0103"];

/** A fresh operator signed into the demo, which shows what AuthZEN allows: their own permit only. */
async function operatorInDemo(browser: Browser, label: string, groups: string[]) {
  const person = await freshMember(label, groups);
  const demo = await signIntoDemo(browser, person);
  await expect(mayCell(demo, person.name!)).toHaveText("view, edit, submit");
  for (const id of RESIDENTS_PERMITS) await expect(mayCell(demo, id)).toHaveText("Nothing");
  expect(await mayViewOwnPermit(person)).toBe(true);
  return { person, demo, admin: await adminOnPersonPage(browser, person) };
}

test.describe("connected services: access to the permits demo ends everywhere at once", () => {
  test.describe.configure({ timeout: 120_000 });

  test("an operator signs into the demo, which shows what AuthZEN allows; removing their group ends it there", async ({
    browser,
  }) => {
    const { person, demo, admin } = await operatorInDemo(browser, "group", ["operator", "viewer"]);
    // An action the demo asks about again before doing it.
    await demo.getByRole("button", { name: /^Submit permit/ }).click();
    await expect(demo.getByRole("status")).toContainText("submitted.");

    const form = admin.getByRole("form", { name: "Change access" });
    await form.getByLabel("Operator", { exact: true }).uncheck();
    await form.getByRole("button", { name: "Save access" }).click();
    await expect(form.getByRole("status")).toContainText("Access changed");
    await expectAccessEnded(demo, person);
  });

  test("deactivating the person ends their demo session, AuthZEN says no, and the webhook arrives", async ({
    browser,
  }) => {
    const { person, demo, admin } = await operatorInDemo(browser, "deactivate", ["operator"]);
    await admin.getByLabel("Reason for deactivating the whole account").fill("Left the municipality");
    await admin.getByRole("button", { name: "Deactivate account" }).click();
    await confirmInDialog(admin, "Deactivate account");
    await expect(admin.getByText("Account deactivated.")).toBeVisible();
    await expectAccessEnded(demo, person);
  });

  test("a direct grant with an expiry lets a viewer into the demo, and its end on time ends their session there", async ({
    browser,
  }) => {
    // A viewer: no group of theirs grants the permits service; only the direct grant does.
    const person = await freshMember("grant", ["viewer"]);
    const admin = await adminOnPersonPage(browser, person);
    const expiresAt = await grantPermitsUntilLater(admin);

    const demo = await signIntoDemo(browser, person);
    // Access to the service, but no rule of a viewer's allows anything on permits.
    await expect(mayCell(demo, person.name!)).toHaveText("Nothing");
    const grant = await testPrisma().serviceGrant.findFirstOrThrow({ where: { userId: person.id } });
    expect(grant.expiresAt?.getTime()).toBe(expiresAt.getTime());

    // The clock is the test's: the expiry step of the sweep the scheduler runs every minute (and of
    // the grant's own timed job), run for this grant at a chosen time. A second before the expiry
    // it leaves the grant and the demo session alone…
    expect(runServiceJobs({ now: new Date(expiresAt.getTime() - 1000), grantId: grant.id }).expired).toEqual([]);
    expect((await testPrisma().serviceGrant.findUniqueOrThrow({ where: { id: grant.id } })).endedAt).toBeNull();
    await demo.reload();
    await expect(demo.getByText(`Signed in as ${person.name}`)).toBeVisible();

    // …a second after, it ends the grant, and the person's access everywhere with it.
    const at = new Date(expiresAt.getTime() + 1000);
    expect(runServiceJobs({ now: at, grantId: grant.id }).expired).toEqual([grant.id]);
    await expectAccessEnded(demo, person);
    const ended = await testPrisma().serviceGrant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(ended.endKind).toBe("EXPIRED");
    expect(ended.endedAt).toEqual(at);
  });
});

/**
 * On the person's page ("Connected services"): a direct grant of Riverton's Permits service, with a
 * reason, ending at the next whole minute at least 5 minutes away (the form takes a date and a time
 * to the minute, in the municipality's time zone). Far enough that the app's own sweep never ends
 * it while the test runs: the test moves the clock itself. Answers the end.
 */
async function grantPermitsUntilLater(admin: Page): Promise<Date> {
  const expiresAt = new Date(Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000);
  const [date, time] = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Amsterdam", // Riverton's (lib/seed/demo.ts)
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  })
    .format(expiresAt)
    .split(" ");
  const form = admin
    .getByRole("region", { name: "Connected services" })
    .getByRole("form", { name: "Grant access to a service" });
  await form.getByLabel("Service").selectOption({ label: "Permits" });
  await form.getByLabel("Reason").fill("Covering the permits desk this week");
  await form.getByLabel("Date").fill(date!);
  await form.getByLabel("Time").fill(time!);
  await form.getByRole("button", { name: "Grant access" }).click();
  await expect(admin.getByText("Access granted until the time you chose.")).toBeVisible();
  return expiresAt;
}
