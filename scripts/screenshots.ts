// npm run screenshots — pictures of four pages a new user meets, at 1280 and 390 px, into
// docs/screenshots/*.png, taken from a running app (BASE_URL, default http://localhost:3000, e.g.
// `npm start` with its demo data). Not part of `npm test`: it judges nothing, it shows.
//
//   people list      /admin/riverton/people        as admin@riverton.test
//   request detail   /w/riverton/requests/<first>  as operator@riverton.test
//   audit log        /admin/riverton/audit         as admin@riverton.test
//   explain answer   /admin/riverton/policies      as admin: may operator@riverton.test update service requests?
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";

const BASE_URL = (process.env.BASE_URL ?? "http://localhost:3000").replace(/\/$/, "");
const PASSWORD = process.env.DEMO_PASSWORD ?? "gatehouse-demo";
const OUT = path.resolve(import.meta.dirname, "../docs/screenshots");
const WIDTHS = [1280, 390];

type Shot = { name: string; account: string; open: (page: Page) => Promise<void> };

const SHOTS: Shot[] = [
  { name: "people-list", account: "admin@riverton.test", open: (p) => visit(p, "/admin/riverton/people") },
  {
    name: "request-detail",
    account: "operator@riverton.test",
    open: async (p) => {
      await visit(p, "/w/riverton/requests");
      const href = await p
        .locator('main a[href^="/w/riverton/requests/"]')
        .evaluateAll((links) =>
          links.map((a) => a.getAttribute("href")!).find((h) => /^\/w\/riverton\/requests\/(?!new\b)[^/?#]+$/.test(h)),
        );
      if (!href) throw new Error("no request on /w/riverton/requests to open");
      await visit(p, href);
    },
  },
  { name: "audit-log", account: "admin@riverton.test", open: (p) => visit(p, "/admin/riverton/audit") },
  {
    name: "explain-answer",
    account: "admin@riverton.test",
    open: async (p) => {
      await visit(p, "/admin/riverton/policies");
      const form = p.getByRole("form", { name: /explain/i });
      await form.getByLabel(/person|email/i).fill("operator@riverton.test");
      await choose(form.getByLabel(/^action/i), /^update$/i);
      await choose(form.getByLabel(/record type|subject/i), /^service ?requests?$/i);
      await form.getByRole("button", { name: /explain|check|ask/i }).click();
      await form.getByRole("status").first().waitFor();
      await p.waitForLoadState("networkidle");
    },
  },
];

async function visit(page: Page, url: string) {
  const res = await page.goto(url);
  if (!res || res.status() >= 400) throw new Error(`${url}: HTTP ${res?.status()}`);
  await page.waitForLoadState("networkidle");
}

/** Picks the option whose value or text matches (labels may read "Update" or "update"). */
async function choose(select: ReturnType<Page["locator"]>, match: RegExp) {
  const options = await select
    .locator("option")
    .evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? "" })));
  const o = options.find((x) => match.test(x.value) || match.test(x.text.trim()));
  if (!o) throw new Error(`no option matching ${match} in ${JSON.stringify(options)}`);
  await select.selectOption(o.value);
}

/** A page signed in through next-auth's credentials endpoint (the cookie jar is the browser's). */
async function signedInPage(browser: Browser, email: string, width: number): Promise<Page> {
  const phone = width < 600;
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport: { width, height: phone ? 844 : 800 },
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: phone ? 2 : 1,
  });
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: PASSWORD, callbackUrl: `${BASE_URL}/w`, json: "true" },
    maxRedirects: 0,
  });
  const me = await context.request.get("/api/v1/me", { failOnStatusCode: false });
  if (me.status() !== 200) throw new Error(`sign-in as ${email} at ${BASE_URL} failed (/api/v1/me: ${me.status()})`);
  return context.newPage();
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    for (const shot of SHOTS)
      for (const width of WIDTHS) {
        const page = await signedInPage(browser, shot.account, width);
        await shot.open(page);
        const file = path.join(OUT, `${shot.name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`${path.relative(process.cwd(), file)}  (${shot.account}, ${page.url().replace(BASE_URL, "")})`);
        await page.context().close();
      }
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
