// Forms submitted before JavaScript has loaded (a slow network, a script blocked, a fast Enter):
// the browser submits them natively. A form without method="post" would send a GET, putting the
// email, the password or a reporter's contact details into the URL — and so into the history,
// the server's access log and the Referer of the next page. With JavaScript disabled, each form
// is submitted as the browser would, and no request's URL carries what was typed.
import { expect, test, type Page, type Request } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";

test.use({ javaScriptEnabled: false });

/** Every request the page sends from now on (the native submission among them). */
function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on("request", (r) => seen.push(r));
  return seen;
}

function leaks(requests: Request[], secrets: string[]): string[] {
  const out: string[] = [];
  for (const r of requests) {
    const url = decodeURIComponent(r.url().replaceAll("+", " "));
    for (const s of secrets) if (url.includes(s)) out.push(`${r.method()} ${r.url()} carries ${JSON.stringify(s)}`);
  }
  return out;
}

test("the sign-in form, submitted before JavaScript runs, posts: the email and password never reach the URL", async ({
  page,
}) => {
  await page.goto("/signin");
  const requests = recordRequests(page);
  const email = "nojs.person@riverton.test";
  const password = `${DEMO_PASSWORD}-never-in-a-url`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForEvent("requestfinished", { predicate: (r) => r.resourceType() === "document" }),
    page.getByRole("button", { name: "Sign in", exact: true }).click(),
  ]);
  const submitted = requests.filter((r) => r.resourceType() === "document");
  expect(
    submitted.map((r) => r.method()),
    "the native submission",
  ).toEqual(["POST"]);
  expect(leaks(requests, [email, password, "password="])).toEqual([]);
  expect(page.url()).not.toContain(password);
});

test("the registration form, submitted before JavaScript runs, posts: the email never reaches the URL", async ({
  page,
}) => {
  await page.goto("/register");
  const requests = recordRequests(page);
  const email = "nojs.applicant@riverton.test";
  await page.getByLabel("Municipality").selectOption("riverton");
  await page.getByLabel("Work email").fill(email);
  await Promise.all([
    page.waitForEvent("requestfinished", { predicate: (r) => r.resourceType() === "document" }),
    page.getByRole("button", { name: "Send me a confirmation link" }).click(),
  ]);
  const submitted = requests.filter((r) => r.resourceType() === "document");
  expect(
    submitted.map((r) => r.method()),
    "the native submission",
  ).toEqual(["POST"]);
  expect(leaks(requests, [email, "email="])).toEqual([]);
});

test("the report form, before JavaScript runs, sends no reporter details in a URL (it cannot be submitted at all until it is interactive)", async ({
  page,
}) => {
  await page.goto("/m/riverton/requests/new");
  const requests = recordRequests(page);
  const details = {
    title: "Streetlight out by the school",
    description: "The light has been out for a week now.",
    area: "North",
    address: "12 Hidden Lane",
    reporterName: "Nora Nojs",
    reporterEmail: "nora.nojs@example.org",
    reporterPhone: "+1 555 0100 77",
  };
  await page.getByLabel("Category").selectOption("STREET_LIGHTING");
  await page.getByLabel("What is the problem?").fill(details.title);
  await page.getByLabel("Details").fill(details.description);
  await page.getByLabel("Area or district").fill(details.area);
  await page.getByLabel(/Exact address/).fill(details.address);
  await page.getByLabel("Name", { exact: true }).fill(details.reporterName);
  await page.getByLabel("Email", { exact: true }).fill(details.reporterEmail);
  await page.getByLabel("Phone", { exact: true }).fill(details.reporterPhone);
  // The button is disabled until the page is interactive; Enter in a field is the other way a
  // browser submits a form natively.
  await page.getByLabel("What is the problem?").press("Enter");
  await page
    .getByRole("button", { name: "Send report" })
    .click({ force: true, timeout: 2_000 })
    .catch(() => undefined);
  await page.waitForLoadState("networkidle");
  const submitted = requests.filter((r) => r.resourceType() === "document");
  for (const r of submitted) expect(r.method(), "a native submission of the report form").toBe("POST");
  expect(leaks(requests, [...Object.values(details), "reporterEmail=", "reporterPhone="])).toEqual([]);
  // And the form itself says post, should it ever be submittable before hydration.
  expect(
    await page
      .locator("form")
      .filter({ has: page.getByLabel("What is the problem?") })
      .getAttribute("method"),
  ).toMatch(/^post$/i);
});
