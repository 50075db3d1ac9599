// Issue 13, item 1: the admin outbox lists every mail (recipient, subject, status, error, retry)
// but never a secret link. The invitation here goes to an address the test SMTP server refuses for
// now (451), so its mail really waits in the outbox, with its error, while the page is read.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { sendInvitation } from "./support/admin";
import { sql } from "../test/fixtures/db";
import { HELD_PREFIX } from "../test/fixtures/smtp";
import { confirmInDialog } from "./support/confirm";

/** An invitation or registration link with its token (TOKEN_RE in lib/flows/invite.ts: 40–50). */
const TOKEN_LINK = /\/invite\/[A-Za-z0-9_-]{20,}/;

test("a waiting invitation mail is listed in the outbox, but its link is in neither the HTML nor the RSC payload", async ({
  page,
}) => {
  const email = `${HELD_PREFIX}${Date.now()}@riverton.test`;
  await signIn(page, "admin@riverton.test", undefined, "/admin/riverton/invitations");
  await sendInvitation(page, email, ["viewer"]);

  // The worker tried at once and was refused: the mail waits for its next attempt.
  await expect
    .poll(
      async () =>
        (
          await sql<{ status: string; attempts: number }>(
            `select status::text as status, attempts from "OutboxMessage" where "to" = $1`,
            [email],
          )
        )[0],
      { timeout: 20_000 },
    )
    .toEqual({ status: "PENDING", attempts: 1 });

  const html = await page.request.get("/admin/riverton/outbox");
  const rsc = await page.request.get("/admin/riverton/outbox", { headers: { RSC: "1" } });
  expect(html.status()).toBe(200);
  expect(rsc.status()).toBe(200);
  const htmlText = await html.text();
  const rscText = await rsc.text();
  // The waiting mail is there (a real page, not an empty one)…
  expect(htmlText).toContain(email);
  expect(rscText).toContain(email);
  // …but no mail's link is: not this one, not any other invitation or registration.
  expect(htmlText.match(TOKEN_LINK)?.[0]).toBeUndefined();
  expect(rscText.match(TOKEN_LINK)?.[0]).toBeUndefined();

  // What an administrator needs is still shown: status, error, retry.
  await page.goto("/admin/riverton/outbox");
  const row = page.getByRole("listitem").filter({ hasText: `To: ${email}` });
  await expect(row).toContainText("Waiting to be sent");
  await expect(row).toContainText("last error");
  await expect(row.getByRole("button", { name: "Retry now" })).toBeVisible();

  // Revoking the invitation withdraws the waiting mail: it will not be sent, nor retried.
  await page.goto("/admin/riverton/invitations");
  await page.getByRole("button", { name: `Revoke invitation for ${email}` }).click();
  await confirmInDialog(page, `Revoke invitation for ${email}`);
  await expect
    .poll(
      async () =>
        (
          await sql<{ status: string }>(`select status::text as status from "OutboxMessage" where "to" = $1`, [email])
        )[0]?.status,
    )
    .toBe("FAILED");
  await page.goto("/admin/riverton/outbox");
  await expect(row).toContainText("link withdrawn");
  await expect(row.getByRole("button", { name: "Retry now" })).toHaveCount(0);
});
