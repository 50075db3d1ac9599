// AuthZEN against the production server, as a connected service calls it (Playwright's `request`,
// no browser, no cookie): discovery at /.well-known/authzen-configuration, the refusals a service
// without valid credentials gets, and a few decisions about a fresh municipality's permits service
// (the whole decision table is lib/services/authzen/authzen.test.ts's).
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { sql } from "../test/fixtures/db";
import { freshMunicipality } from "../test/fixtures/municipalities";
import { freshPerson } from "../test/fixtures/people";

type Svc = { clientId: string; secret: string };

/** A permits service registered for the municipality, as the console stores one (secret as SHA-256). */
async function permitsService(municipalityId: string): Promise<Svc> {
  const clientId = `svc_e2e${randomBytes(6).toString("hex")}`;
  const secret = `gh_svc_${randomBytes(32).toString("base64url")}`;
  await sql(
    `INSERT INTO "Service" (id, "municipalityId", slug, name, "clientId", "clientSecretHash", "clientSecretHint", "resourceTypes", "updatedAt")
     VALUES ($1, $2, 'permits', 'Permits (e2e)', $1, $3, $4, '{permit}', now())`,
    [clientId, municipalityId, createHash("sha256").update(secret).digest("hex"), secret.slice(-4)],
  );
  return { clientId, secret };
}

const basic = (s: Svc) => `Basic ${Buffer.from(`${s.clientId}:${s.secret}`).toString("base64")}`;
const ask = (request: APIRequestContext, path: string, data: unknown, headers: Record<string, string>) =>
  request.post(path, { headers: { "Content-Type": "application/json", ...headers }, data, failOnStatusCode: false });

test("discovery names every endpoint under the server's own base URL", async ({ request, baseURL }) => {
  const res = await request.get("/.well-known/authzen-configuration");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  const meta = (await res.json()) as Record<string, string>;
  expect(meta.policy_decision_point).toBe(baseURL!.replace(/\/$/, ""));
  for (const [key, path] of [
    ["access_evaluation_endpoint", "/access/v1/evaluation"],
    ["access_evaluations_endpoint", "/access/v1/evaluations"],
    ["search_subject_endpoint", "/access/v1/search/subject"],
    ["search_resource_endpoint", "/access/v1/search/resource"],
    ["search_action_endpoint", "/access/v1/search/action"],
  ])
    expect(meta[key!]).toBe(`${meta.policy_decision_point}${path}`);
});

test("a caller without the service's credentials gets a 401 with WWW-Authenticate, never a decision", async ({
  request,
}) => {
  const m = await freshMunicipality();
  const svc = await permitsService(m.id);
  const q = { subject: { type: "user", id: "x" }, action: { name: "view" }, resource: { type: "permit", id: "1" } };
  const attempts: Record<string, string>[] = [
    {},
    { Authorization: basic({ clientId: svc.clientId, secret: "gh_svc_wrong" }) },
    { Authorization: basic({ clientId: "svc_nobody", secret: svc.secret }) },
    { Authorization: "Bearer gh_not_a_service" },
  ];
  for (const headers of attempts) {
    const res = await ask(request, "/access/v1/evaluation", q, headers);
    expect(res.status(), JSON.stringify(headers)).toBe(401);
    expect(res.headers()["www-authenticate"]).toMatch(/^Basic realm="Gatehouse AuthZEN"/);
    expect(res.headers()["cache-control"]).toBe("no-store");
    expect(((await res.json()) as { error: { status: number } }).error.status).toBe(401);
  }
});

test("decisions for the permits service: owner rules, the manager's exception, batches, searches and bad input", async ({
  request,
}) => {
  const m = await freshMunicipality();
  const svc = await permitsService(m.id);
  const operator = await freshPerson(m.id, ["operator"]);
  const manager = await freshPerson(m.id, ["manager"]);
  const viewer = await freshPerson(m.id, ["viewer"]);
  const auth = { Authorization: basic(svc), "X-Request-ID": "e2e-authzen-1" };
  const permit = (ownerID: string) => ({
    type: "permit",
    id: `P-${ownerID}`,
    properties: { ownerID, status: "draft" },
  });
  const decide = async (who: string, action: string, ownerID: string) => {
    const res = await ask(
      request,
      "/access/v1/evaluation",
      {
        subject: { type: "user", id: who },
        action: { name: action },
        resource: permit(ownerID),
      },
      auth,
    );
    expect(res.status()).toBe(200);
    expect(res.headers()["x-request-id"]).toBe("e2e-authzen-1");
    return ((await res.json()) as { decision: boolean }).decision;
  };
  expect(await decide(operator.email, "edit", operator.email)).toBe(true);
  expect(await decide(operator.id, "edit", manager.email)).toBe(false);
  expect(await decide(manager.id, "approve", operator.email)).toBe(true);
  expect(await decide(manager.email, "approve", manager.email)).toBe(false);
  expect(await decide(viewer.id, "view", operator.email)).toBe(false);

  const batch = await ask(
    request,
    "/access/v1/evaluations",
    {
      subject: { type: "user", id: manager.id },
      action: { name: "approve" },
      options: { evaluations_semantic: "deny_on_first_deny" },
      evaluations: [
        { resource: permit(operator.email) },
        { resource: permit(manager.email) },
        { resource: permit("x@y.test") },
      ],
    },
    auth,
  );
  expect(await batch.json()).toEqual({ evaluations: [{ decision: true }, { decision: false }] });

  const explained = await ask(
    request,
    "/access/v1/evaluation",
    {
      subject: { type: "user", id: manager.id },
      action: { name: "approve" },
      resource: permit(manager.email),
      context: { explain: true },
    },
    auth,
  );
  expect(((await explained.json()) as { context: { rule: string } }).context.rule).toBe("manager.yaml#12");

  const actions = await ask(
    request,
    "/access/v1/search/action",
    {
      subject: { type: "user", id: operator.id },
      resource: permit(operator.email),
    },
    auth,
  );
  expect(((await actions.json()) as { results: { name: string }[] }).results.map((a) => a.name)).toEqual([
    "view",
    "edit",
    "submit",
  ]);
  const subjects = await ask(
    request,
    "/access/v1/search/subject",
    {
      subject: { type: "user" },
      action: { name: "approve" },
      resource: permit(operator.email),
    },
    auth,
  );
  expect(((await subjects.json()) as { results: { id: string }[] }).results.map((s) => s.id)).toEqual([manager.id]);

  // Bad input through the real proxy and server: 400s naming the member, a 413 for a huge body.
  const missing = await ask(request, "/access/v1/evaluation", { subject: { type: "user" } }, auth);
  expect(missing.status()).toBe(400);
  expect(await missing.json()).toEqual({ error: { status: 400, message: "subject.id is required" } });
  const notJson = await request.post("/access/v1/evaluation", {
    headers: { ...auth, "Content-Type": "application/json" },
    data: "{oops",
    failOnStatusCode: false,
  });
  expect(notJson.status()).toBe(400);
  const huge = await ask(request, "/access/v1/evaluation", { context: { pad: "x".repeat(1_100_000) } }, auth);
  expect(huge.status()).toBe(413);
  expect(((await huge.json()) as { error: { status: number } }).error.status).toBe(413);
  // A session cookie is no credential here, and a browser page elsewhere gets nothing either.
  const crossSite = await ask(request, "/access/v1/evaluation", { subject: {} }, { Origin: "https://evil.example" });
  expect(crossSite.status()).toBe(403);
});
