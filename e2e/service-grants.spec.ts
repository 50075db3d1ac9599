// Direct access to a connected service on the person page (seed 003: "individual user access"):
// an administrator sees the person's services with every source of access, grants one directly
// with a reason and an end (the form keeps what was typed when something is missing), and revokes
// it after confirming — which ends the person's sign-in at the service there and then.
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { testPrisma } from "../test/fixtures/db";
import { freshSignInPerson } from "../test/fixtures/people";
import { linkOf, oidcRowsAt, plainService, signedIntoService } from "../test/fixtures/service-links";
import { DEMO_PASSWORD, signIn } from "./support/auth";

test("an admin grants a person direct access to a service with an end, sees its source, and revokes it", async ({
  page,
}) => {
  const db = testPrisma();
  const muni = await db.municipality.findUniqueOrThrow({ where: { slug: "riverton" } });
  const t = randomBytes(4).toString("hex");
  const admin = await freshSignInPerson(muni.id, ["municipality_admin"], `grant-admin-${t}@riverton.test`, {
    name: `Grant Admin ${t}`,
  });
  const person = await freshSignInPerson(muni.id, ["viewer"], `grant-person-${t}@riverton.test`);
  const service = await plainService({ municipalityId: muni.id, slug: `desk-${t}`, name: `Permit desk ${t}` });
  await plainService({
    municipalityId: muni.id,
    slug: `intranet-${t}`,
    name: `Intranet ${t}`,
    accessStates: ["ACTIVE"],
  });

  await signIn(page, admin.email, DEMO_PASSWORD, `/admin/riverton/people/${person.memberships[0]!.id}`);
  const section = page.getByRole("region", { name: "Connected services" });
  const desk = section
    .getByRole("listitem")
    .filter({ hasText: `Permit desk ${t}` })
    .first();
  await expect(desk).toContainText("No access");
  const intra = section
    .getByRole("listitem")
    .filter({ hasText: `Intranet ${t}` })
    .first();
  await expect(intra).toContainText("Has access");
  await expect(intra).toContainText("Members who are active");

  const form = section.getByRole("form", { name: "Grant access to a service" });
  await form.getByLabel("Service").selectOption({ label: `Permit desk ${t}` });
  const end = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Date").fill(end);
  await form.getByLabel("Time").fill("14:00");
  // Too short a reason: refused on the server, naming the field; what was typed stays.
  await form.getByLabel("Reason").fill("ab");
  await form.getByRole("button", { name: "Grant access" }).click();
  await expect(form.getByText("Give a reason (3 characters or more).", { exact: true })).toBeVisible();
  await expect(form.getByLabel("Date")).toHaveValue(end);
  await form.getByLabel("Reason").fill("covers the permits desk in December");
  await form.getByRole("button", { name: "Grant access" }).click();
  await expect(page.getByText("Access granted until the time you chose.")).toBeVisible();
  await expect(desk).toContainText("Has access");
  await expect(desk).toContainText(
    new RegExp(
      `Granted directly by Grant Admin ${t} until \\d+ \\w{3} \\d{4}, 14:00 .* — covers the permits desk in December`,
    ),
  );
  const grant = await db.serviceGrant.findFirstOrThrow({ where: { serviceId: service.id, userId: person.id } });
  expect(grant.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);
  expect(await db.auditEvent.count({ where: { action: "service.grant", targetId: grant.id } })).toBe(1);

  // The person signs into the service; revoking the grant (their only source) cuts it.
  await signedIntoService(service, person.id);
  await desk.getByRole("button", { name: "Revoke direct access" }).click();
  const dialog = page.getByRole("dialog", { name: new RegExp(`Revoke direct access to Permit desk ${t}\\?`) });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect((await db.serviceGrant.findUniqueOrThrow({ where: { id: grant.id } })).endedAt).toBeNull();
  await desk.getByLabel("Reason for revoking").fill("desk closed for the holidays");
  await desk.getByRole("button", { name: "Revoke direct access" }).click();
  await dialog.getByRole("button", { name: "Revoke direct access" }).click();
  // The grant's row (and its form) is gone with it: the service now says why access ended.
  await expect(desk).toContainText("No access");
  await expect(desk).toContainText("direct access revoked");
  expect(await db.serviceGrant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
    endKind: "REVOKED",
    endReason: "desk closed for the holidays",
  });
  expect((await linkOf(service.id, person.id)).endedAt).not.toBeNull();
  expect(await oidcRowsAt(service.clientId, person.id)).toBe(0);
  // The other service, from the membership state, is untouched.
  await expect(intra).toContainText("Has access");
  // On a phone the section fits the screen: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await section.screenshot({ path: test.info().outputPath("connected-services-390.png") });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
