// Forms submitted before JavaScript has loaded (a slow network, a script blocked, a fast Enter):
// the browser submits them natively. A form without method="post" would send a GET, putting the
// email, the password or a reporter's contact details into the URL — and so into the history,
// the server's access log and the Referer of the next page. With JavaScript disabled, each form
// is submitted as the browser would, and no request's URL carries what was typed.
import { expect, test, type Page, type Request } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";

test.use({ javaScriptEnabled: false });

/** Opens the form's page, then records every request it sends from then on (the native submission among them). */
async function openRecording(page: Page, path: string): Promise<Request[]> {
  await page.goto(path);
  const seen: Request[] = [];
  page.on("request", (r) => seen.push(r));
  return seen;
}

/** Clicks the form's button and waits for the page it loads; the methods of the page loads sent so far. */
async function submitNatively(page: Page, requests: Request[], button: string): Promise<string[]> {
  await Promise.all([
    page.waitForEvent("requestfinished", { predicate: (r) => r.resourceType() === "document" }),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  return requests.filter((r) => r.resourceType() === "document").map((r) => r.method());
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
  const requests = await openRecording(page, "/signin");
  const email = "nojs.person@riverton.test";
  const password = `${DEMO_PASSWORD}-never-in-a-url`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  expect(await submitNatively(page, requests, "Sign in"), "the native submission").toEqual(["POST"]);
  expect(leaks(requests, [email, password, "password="])).toEqual([]);
  expect(page.url()).not.toContain(password);
});

test("the registration form, submitted before JavaScript runs, posts: the email never reaches the URL", async ({
  page,
}) => {
  const requests = await openRecording(page, "/register");
  const email = "nojs.applicant@riverton.test";
  await page.getByLabel("Municipality").selectOption("riverton");
  await page.getByLabel("Work email").fill(email);
  expect(await submitNatively(page, requests, "Send me a confirmation link"), "the native submission").toEqual([
    "POST",
  ]);
  expect(leaks(requests, [email, "email="])).toEqual([]);
});

test("the report form, before JavaScript runs, sends no reporter details in a URL (it cannot be submitted at all until it is interactive)", async ({
  page,
}) => {
  const requests = await openRecording(page, "/m/riverton/requests/new");
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
