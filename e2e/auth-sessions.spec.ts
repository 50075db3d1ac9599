import { expect, test } from "@playwright/test";
import { expectSignedIn, signIn } from "./support/auth";
import { sql } from "../test/fixtures/db";
import { confirmInDialog } from "./support/confirm";

test("sessions are listed, and signing out everywhere else ends the other browser's session at its next click", async ({
  browser,
}) => {
  const email = "operator@lakeside.test";
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const a = await laptop.newPage();
  const b = await phone.newPage();
  await signIn(a, email);
  await expectSignedIn(a, email);
  await signIn(b, email);
  await expectSignedIn(b, email);

  // next-auth's own session endpoint agrees with the server-side session row.
  const [me] = (await sql(`select id from "User" where email = $1`, [email])) as [{ id: string }];
  expect(((await (await b.request.get("/api/auth/session")).json()) as { user?: { id?: string } }).user?.id).toBe(
    me.id,
  );

  await a.goto("/account");
  const list = a.getByRole("list", { name: "Your sessions" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list).toContainText("This browser");
  await a.getByRole("button", { name: "Sign out everywhere else" }).click();
  await confirmInDialog(a, "Sign out everywhere else");
  await expect(a.getByText("Signed out 1 other session.")).toBeVisible();

  await b.getByRole("link", { name: "Workspace" }).click();
  await expect(b).toHaveURL(/\/signin\?reason=revoked/);
  await expect(b.getByRole("status")).toContainText("this session was ended");
  expect(await (await b.request.get("/api/auth/session")).json()).toEqual({});
  // This browser is still signed in.
  await a.getByRole("link", { name: "Workspace" }).click();
  await expectSignedIn(a, email);

  // "Sign out everywhere" ends this browser's session too.
  await a.goto("/account");
  await a.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await confirmInDialog(a, "Sign out everywhere");
  await expect(a).toHaveURL(/\/signin\?reason=signed_out_everywhere/);
  await a.goto("/w");
  await expect(a).toHaveURL(/\/signin\?reason=revoked/);
  const open = await sql(
    `select 1 from "Session" s join "User" u on u.id = s."userId" where u.email = $1 and s."revokedAt" is null`,
    [email],
  );
  expect(open).toHaveLength(0);
  await laptop.close();
  await phone.close();
});
