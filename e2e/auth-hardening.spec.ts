// Sign-in hardening (issue 13): the post-sign-in redirect stays on this site, the client address
// comes from the socket (a client-sent X-Forwarded-For decides nothing without a trusted proxy),
// a municipality's strict lockout holds until an administrator unlocks it, and on HTTPS only
// next-auth's own __Secure- session cookie counts.
import { randomBytes } from "node:crypto";
import { expect, request, test } from "@playwright/test";
import { DEMO_PASSWORD, expectSignedIn, passwordSignIn, signIn } from "./support/auth";
import { sql } from "../test/fixtures/db";
import { demoMunicipality } from "../test/fixtures/municipalities";
import { addMembership, freshPerson } from "../test/fixtures/people";
import { freePort } from "../test/fixtures/free-port";
import { startAppServer } from "./support/app-server";
import { uniq } from "../test/fixtures/unique";

const tag = uniq();

const randomAddress = () =>
  `${1 + (randomBytes(1)[0]! % 223)}.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

test("a hostile next (tab between the slashes) after sign-in still lands on this site", async ({ page, baseURL }) => {
  // If the browser were sent to //evil.example, this would answer instead of a DNS error.
  await page.route(
    (url) => url.hostname.endsWith("evil.example"),
    (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }),
  );
  // signIn encodes it: /signin?next=%2F%09%2Fevil.example
  await signIn(page, "viewer@riverton.test", DEMO_PASSWORD, "/\t/evil.example");
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  expect(new URL(page.url()).origin).toBe(baseURL);
  await expect(page).toHaveURL(/\/w\/riverton$/);
  await expectSignedIn(page, "viewer@riverton.test");
});

test.describe("client address", () => {
  test.afterEach(async () => {
    // The failures above are counted against this machine's address: the specs after this one
    // sign in from it too.
    await sql(`DELETE FROM "RateLimitBucket" WHERE key LIKE 'login:%'`);
  });

  test("60 failed sign-ins, each with a made-up X-Forwarded-For, hit the per-address limit", async ({ baseURL }) => {
    const ctx = await request.newContext({ baseURL });
    const since = new Date();
    const answers: string[] = [];
    // Each attempt another unknown email, so only the per-address limit can stop them.
    for (let i = 0; i < 60; i++)
      answers.push(
        await passwordSignIn(ctx, `nobody-${tag}-${i}@nowhere.test`, "wrong-password", {
          "x-forwarded-for": randomAddress(),
        }),
      );
    const limited = answers.filter((u) => u.includes("error=RateLimited")).length;
    expect(answers.slice(0, 50).every((u) => u.includes("error=CredentialsSignin"))).toBe(true);
    expect(limited).toBe(10);
    // Refused attempts that were rate limited are recorded once per window, not once each.
    const [{ n }] = (await sql<{ n: string }>(
      `SELECT count(*)::text AS n FROM "AuditEvent" WHERE action = 'auth.login.rate_limited' AND at >= $1`,
      [since],
    )) as [{ n: string }];
    expect(Number(n)).toBe(1);
    await ctx.dispose();
  });

  test("the audit trail records the socket address, not the forged X-Forwarded-For", async ({ baseURL }) => {
    const ctx = await request.newContext({ baseURL });
    const email = `forged-${tag}@nowhere.test`;
    await passwordSignIn(ctx, email, "wrong-password", {
      "x-forwarded-for": "203.0.113.77",
      "x-real-ip": "203.0.113.78",
    });
    const events = await sql<{ ip: string | null }>(
      `SELECT ip FROM "AuditEvent" WHERE action = 'auth.login.failed' AND data->>'email' = $1`,
      [email],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.ip).not.toMatch(/203\.0\.113/);
    expect(events[0]!.ip).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    await ctx.dispose();
  });
});

test("a municipality's strict lockout: five failures lock the account until an administrator unlocks it", async ({
  page,
  baseURL,
}) => {
  // Hillcrest has the strict lockout on (demo seed); the person also works in Riverton, whose
  // administrator unlocks them from Riverton's person page.
  const email = `strict-${tag}@riverton.test`;
  const stella = await freshPerson((await demoMunicipality("riverton")).id, ["viewer"], {
    id: `strict-user-${tag}`,
    email,
    name: "Stella Strict",
    password: DEMO_PASSWORD,
    emailVerified: new Date(),
    source: "seed",
  });
  await addMembership(stella.id, (await demoMunicipality("hillcrest")).id, ["viewer"], { source: "seed" });
  const ctx = await request.newContext({ baseURL });
  for (let i = 0; i < 5; i++)
    expect(await passwordSignIn(ctx, email, `wrong-${i}`)).toContain("error=CredentialsSignin");
  // Locked: the right password is refused too, from anywhere, until someone unlocks it.
  expect(await passwordSignIn(ctx, email, DEMO_PASSWORD)).toContain("error=CredentialsSignin");
  await sql(`DELETE FROM "RateLimitBucket" WHERE key LIKE 'login:%'`);
  expect(await passwordSignIn(ctx, email, DEMO_PASSWORD)).toContain("error=CredentialsSignin");

  await signIn(page, "admin@riverton.test");
  await expect(page).toHaveURL(/\/w\/riverton$/);
  await page.goto(`/admin/riverton/people/${stella.memberships[0]!.id}`);
  const lock = page.getByRole("region", { name: "Sign-in lock" });
  await expect(lock).toContainText("locked until an administrator unlocks it");
  // The unlock asks for a confirmation first.
  await lock.getByRole("button", { name: "Unlock sign-in" }).click();
  await expect(lock.getByRole("alert")).toContainText("Confirm");
  await lock.getByLabel(/I have confirmed/).check();
  await lock.getByRole("button", { name: "Unlock sign-in" }).click();
  await expect(lock).toContainText("Sign-in unlocked");

  expect(await passwordSignIn(ctx, email, DEMO_PASSWORD)).not.toContain("error=");
  const trail = await sql<{ action: string; data: Record<string, unknown>; actorId: string | null }>(
    `SELECT action, data, "actorId" FROM "AuditEvent" WHERE "subjectUserId" = $1 ORDER BY seq`,
    [`strict-user-${tag}`],
  );
  const actions = trail.map((e) => e.action);
  expect(actions).toContain("auth.lockout");
  expect(actions).toContain("auth.unlock");
  expect(actions.at(-1)).toBe("auth.login");
  // Whether a refused password was the right one is never written down.
  expect(trail.filter((e) => "passwordCorrect" in e.data)).toEqual([]);
  await ctx.dispose();
});

test("on HTTPS only next-auth's __Secure- session cookie is read, never the unprefixed name", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  // Served over plain HTTP here, but configured as HTTPS (as behind a TLS-terminating proxy):
  // next-auth then names its cookies __Secure-… and __Host-….
  const app = await startAppServer({
    port,
    databaseUrl: process.env.DATABASE_URL!,
    smtpUrl: "smtp://127.0.0.1:9",
    authSecret: process.env.AUTH_SECRET!,
    appUrl: `https://localhost:${port}`,
  });
  try {
    const base = `http://localhost:${port}`;
    const jar = new Map<string, string>();
    const keep = (setCookies: string[]) => {
      for (const c of setCookies) {
        const [pair] = c.split(";");
        const i = pair!.indexOf("=");
        jar.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
    };
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const setCookiesOf = (r: Response) => r.headers.getSetCookie();
    const csrf = await fetch(`${base}/api/auth/csrf`);
    keep(setCookiesOf(csrf));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
      body: new URLSearchParams({
        csrfToken,
        email: "viewer@riverton.test",
        password: DEMO_PASSWORD,
        callbackUrl: "/w",
        json: "true",
      }),
    });
    keep(setCookiesOf(res));
    const token = jar.get("__Secure-next-auth.session-token");
    expect(token, `cookies set: ${[...jar.keys()].join(", ")}`).toBeTruthy();
    // The staff API: 200 with who you are for a session, 401 for none.
    const me = async (cookie: string) => {
      const r = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
      return r.status === 200 ? ((await r.json()) as { data: { kind: string } }).data.kind : r.status;
    };
    expect(await me(`__Secure-next-auth.session-token=${token}`)).toBe("user");
    // The same session under the name a plain-HTTP next-auth would use: not read on HTTPS, so a
    // cookie planted without the Secure attribute (by a subdomain or over HTTP) cannot stand in.
    expect(await me(`next-auth.session-token=${token}`)).toBe(401);
  } finally {
    await app.stop();
  }
});
