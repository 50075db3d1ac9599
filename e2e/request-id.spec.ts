// Every response names its request (X-Request-Id), and the audit events a request wrote keep
// that id, so an operator goes from an audit event to the request's lines in the log and back.
// Without a proxy of ours in front (TRUSTED_PROXY_HOPS=0, as here) a client's own X-Request-Id
// is not taken: it could tie its requests to any id it likes, or forge someone else's.
import { expect, test } from "@playwright/test";
import { sha256 } from "../lib/crypto/tokens";
import { sql } from "../test/fixtures/db";
import { signIn } from "./support/auth";
import { createTokenFor } from "./support/create-api-token";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("the response's X-Request-Id is the one in the audit event the request wrote, and a client's own is not taken", async ({
  page,
  request,
}) => {
  const token = createTokenFor("operator@riverton.test", "riverton", ["operator"]);
  const [row] = await sql<{ id: string }>(`select id from "ApiToken" where "tokenHash" = $1`, [sha256(token)]);
  // A token's first call from an address writes token.use (lib/auth/api-token.ts).
  const clientId = "client-picked-request-id-0001";
  const res = await request.get("/api/v1/me", {
    headers: { Authorization: `Bearer ${token}`, "X-Request-Id": clientId },
  });
  expect(res.status()).toBe(200);
  const id = res.headers()["x-request-id"];
  expect(id).toMatch(UUID);
  expect(id).not.toBe(clientId);

  const events = await sql<{ seq: string; requestId: string | null }>(
    `select seq::text, "requestId" from "AuditEvent" where action = 'token.use' and "targetId" = $1`,
    [row!.id],
  );
  expect(events).toHaveLength(1);
  expect(events[0]!.requestId).toBe(id);
  // Nothing the client sent under either name reached the trail.
  const forged = await sql(`select seq from "AuditEvent" where "requestId" = $1`, [clientId]);
  expect(forged).toEqual([]);

  // Each request its own id, also on pages; the internal header a client sends is written over.
  const again = await request.get("/", { headers: { "x-gatehouse-request-id": clientId, "X-Request-Id": clientId } });
  expect(again.headers()["x-request-id"]).toMatch(UUID);
  expect(again.headers()["x-request-id"]).not.toBe(id);

  // The audit event page shows it.
  await signIn(page, "admin@riverton.test", undefined, `/admin/riverton/audit/${events[0]!.seq}`);
  await expect(page.getByRole("heading", { name: `Audit event ${events[0]!.seq}` })).toBeVisible();
  const term = page.getByRole("term").filter({ hasText: /^Request id$/ });
  await expect(term).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: id })).toBeVisible();
});
