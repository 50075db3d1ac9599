// Where am I (issue 17, item 4): the phone header's menu (a disclosure that works by keyboard,
// closes on Escape and works without JavaScript), the Administration link for those who may use
// it, tabs that mark the current page, the workspace's own navigation, breadcrumbs on detail
// pages, and no chooser with a single card.
import { expect, test, type Page } from "@playwright/test";
import { demoWorld, Visitors } from "./support/tour";
import { sql } from "../../test/fixtures/db";

let visitors: Visitors;
test.beforeEach(({ browser, baseURL }) => {
  visitors = new Visitors(browser, baseURL!);
});
test.afterEach(async () => {
  await visitors.close();
});

const header = (page: Page) => page.getByRole("navigation", { name: "Main" });
const menuButton = (page: Page) => header(page).locator("summary", { hasText: "Menu" });

test("on a phone the header is a menu: opened and closed from the keyboard, Escape closes it, a link inside goes there", async () => {
  const page = await visitors.page("admin@riverton.test", 390);
  await page.goto("/account");
  const button = menuButton(page);
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeHidden();

  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  const menu = page.locator("#header-menu");
  for (const name of ["Municipalities", "Workspace", "Administration"])
    await expect(menu.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(menu.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

  // Escape from inside the menu closes it and puts focus back on its button.
  await page.keyboard.press("Tab");
  await expect(menu.getByRole("link", { name: "Municipalities" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(button).toBeFocused();
  await expect(menu.getByRole("link", { name: "Workspace" })).toBeHidden();

  // Space opens it too; following a link closes it on the next page.
  await page.keyboard.press(" ");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await menu.getByRole("link", { name: "Administration" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin\/riverton\/people$/);
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(menu.getByRole("link", { name: "Administration" })).toBeHidden();
});

test("the phone menu opens without JavaScript; on a desktop the links are one row and there is no menu", async ({
  browser,
  baseURL,
}) => {
  const phone = await visitors.page("viewer@riverton.test", 390);
  const noJs = await browser.newContext({
    baseURL,
    storageState: await phone.context().storageState(),
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
  });
  try {
    const page = await noJs.newPage();
    await page.goto("/w/riverton");
    await expect(page.locator("#header-menu").getByRole("link", { name: "Workspace" })).toBeHidden();
    await menuButton(page).click();
    await expect(page.locator("#header-menu").getByRole("link", { name: "Workspace" })).toBeVisible();
  } finally {
    await noJs.close();
  }
  const desktop = await visitors.page("viewer@riverton.test", 1280);
  await desktop.goto("/w/riverton");
  await expect(menuButton(desktop)).toBeHidden();
  await expect(header(desktop).getByRole("link", { name: "Workspace" })).toBeVisible();
  await expect(header(desktop).getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
});

test("Administration is in the header for those who may see a municipality's people, and only for them", async () => {
  // One municipality: straight to its people, from the header and from /admin.
  const admin = await visitors.page("admin@riverton.test", 1280);
  await admin.goto("/account");
  await expect(header(admin).getByRole("link", { name: "Administration" })).toHaveAttribute(
    "href",
    "/admin/riverton/people",
  );
  await admin.goto("/admin");
  await expect(admin).toHaveURL(/\/admin\/riverton\/people$/);
  // Several: the header leads to a chooser of exactly those.
  const platform = await visitors.page("platform.admin@gatehouse.test", 1280);
  await platform.goto("/account");
  await header(platform).getByRole("link", { name: "Administration" }).click();
  await expect(platform).toHaveURL(/\/admin$/);
  const list = platform.getByRole("list", { name: "Municipalities you administer" });
  // Exact names: other tests' probe municipalities ("Probe … riverton") are in the platform's list too.
  await expect(list.getByRole("link", { name: "Riverton", exact: true })).toHaveAttribute(
    "href",
    "/admin/riverton/people",
  );
  await expect(list.getByRole("link", { name: "Lakeside", exact: true })).toBeVisible();
  // A viewer may not see people: no link, and /admin is "not found".
  const viewer = await visitors.page("viewer@riverton.test", 1280);
  await viewer.goto("/account");
  await expect(header(viewer).getByRole("link", { name: "Workspace" })).toBeVisible();
  await expect(header(viewer).getByRole("link", { name: "Administration" })).toHaveCount(0);
  expect((await viewer.goto("/admin"))?.status()).toBe(404);
});

test("tabs mark the current page: portal, workspace, administration (the person page keeps them), platform console", async () => {
  const world = await demoWorld();
  const riverton = world.munis.find((m) => m.slug === "riverton")!;
  const doc = world.probes.find((p) => p.type === "Document" && p.municipalityId === riverton.id)!;
  const current = (page: Page, nav: string) => page.getByRole("navigation", { name: nav }).locator("[aria-current]");

  const anon = await visitors.page(null, 1280);
  await anon.goto("/m/riverton/heritage");
  await expect(current(anon, "Riverton public portal")).toHaveText("Heritage");
  await expect(current(anon, "Riverton public portal")).toHaveAttribute("aria-current", "page");
  await anon.goto("/m/riverton/requests/new");
  await expect(current(anon, "Riverton public portal")).toHaveText("Submit a report");
  // A document's page sits inside Documents: that tab is marked as the section, the breadcrumb ends on the page.
  await anon.goto(`/m/riverton/documents/${doc.id}`);
  await expect(current(anon, "Riverton public portal")).toHaveText("Documents");
  await expect(current(anon, "Riverton public portal")).toHaveAttribute("aria-current", "true");
  const crumbs = anon.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link")).toHaveText(["Riverton", "Documents"]);
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText(String(doc.row.title));

  const admin = await visitors.page("admin@riverton.test", 1280);
  await admin.goto("/admin/riverton/audit");
  await expect(current(admin, "Administration")).toHaveText("Audit log");
  await expect(current(admin, "Administration")).toHaveAttribute("aria-current", "page");
  const [person] = await sql<{ id: string }>(
    `SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = 'operator@riverton.test' AND m."municipalityId" = $1`,
    [riverton.id],
  );
  await admin.goto(`/admin/riverton/people/${person!.id}`);
  await expect(current(admin, "Administration")).toHaveText("People");
  await expect(current(admin, "Administration")).toHaveAttribute("aria-current", "true");
  const personCrumbs = admin.getByRole("navigation", { name: "Breadcrumb" });
  await expect(personCrumbs.getByRole("link")).toHaveText(["People"]);
  await expect(personCrumbs.locator('[aria-current="page"]')).toHaveText(
    (await admin.getByRole("heading", { level: 1 }).textContent())!,
  );

  const platform = await visitors.page("platform.admin@gatehouse.test", 1280);
  await platform.goto("/platform/people");
  await expect(current(platform, "Platform console")).toHaveText("People");
  await expect(current(platform, "Platform console")).toHaveAttribute("aria-current", "page");
  await platform.goto("/platform/municipalities/riverton");
  await expect(platform.getByRole("navigation", { name: "Breadcrumb" }).locator('[aria-current="page"]')).toHaveText(
    "Riverton",
  );
});

test("the workspace has its own navigation with only what the person may open; one municipality skips the chooser", async () => {
  const world = await demoWorld();
  const riverton = world.munis.find((m) => m.slug === "riverton")!;
  const request = world.probes.find((p) => p.type === "ServiceRequest" && p.municipalityId === riverton.id)!;
  const nav = (page: Page) => page.getByRole("navigation", { name: "Riverton workspace" });

  const operator = await visitors.page("operator@riverton.test", 1280);
  await operator.goto("/w");
  await expect(operator).toHaveURL(/\/w\/riverton$/);
  await expect(nav(operator).getByRole("link")).toHaveText([
    "Overview",
    "Service requests",
    "Assigned to me",
    "Heritage sites",
    "Documents",
    "Statistics",
  ]);
  await expect(nav(operator).locator('[aria-current="page"]')).toHaveText("Overview");
  await nav(operator).getByRole("link", { name: "Service requests" }).click();
  await expect(operator).toHaveURL(/\/w\/riverton\/requests$/);
  await expect(nav(operator).locator('[aria-current="page"]')).toHaveText("Service requests");
  // Their own queue: the list's "assigned to me" view (the operator policy's assignment rule).
  await nav(operator).getByRole("link", { name: "Assigned to me" }).click();
  await expect(operator).toHaveURL(/\/w\/riverton\/requests\?assignee=me$/);
  await operator.goto(`/w/riverton/requests/${request.id}`);
  await expect(nav(operator).locator('[aria-current="true"]')).toHaveText("Service requests");
  const crumbs = operator.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link")).toHaveText(["Riverton", "Service requests"]);
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText(String(request.row.title));

  // An analyst sees statistics and clips (issue 21) only: no tab for records they would get "not found" on.
  const analyst = await visitors.page("analyst@riverton.test", 1280);
  await analyst.goto("/w/riverton");
  await expect(nav(analyst).getByRole("link")).toHaveText(["Overview", "Statistics", "Clips"]);
  // Someone outside Riverton gets "not found" and no Riverton navigation.
  const lakeside = await visitors.page("admin@lakeside.test", 1280);
  expect((await lakeside.goto("/w/riverton"))?.status()).toBe(404);
  await expect(nav(lakeside)).toHaveCount(0);
  // Platform accounts work in every municipality: /w stays a chooser.
  const platform = await visitors.page("platform.admin@gatehouse.test", 1280);
  await platform.goto("/w");
  await expect(platform).toHaveURL(/\/w$/);
  await expect(platform.getByRole("list", { name: "Your municipalities" }).getByRole("link")).not.toHaveCount(1);
});
