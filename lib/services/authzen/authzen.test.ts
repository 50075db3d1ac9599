// AuthZEN end to end on the real database, as real Request objects through the routes' handler:
// the permits service of a fresh municipality (policies/services/permits.yaml; operators view, edit
// and submit the permits they own — ownerID = their email —, managers view and approve all but
// their own) asked about fresh people of every kind, each by Gatehouse id, by email and by their
// subject at a linked identity provider. Every decision is checked against the table below;
// batches with each semantic, wrong types, another service's credentials, the searches, the
// explanations and bad input follow.
import { beforeAll, describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshMunicipality } from "@/test/fixtures/municipalities";
import { freshPerson, freshUser, type FreshPerson } from "@/test/fixtures/people";
import { freshService, type FreshService } from "@/test/fixtures/services";
import { uniq } from "@/test/fixtures/unique";
import { authzenConfiguration, handleAuthzen, type AuthzenEndpoint } from "./handler";
import { authenticateService } from "./client-auth";
import { AuthzenError } from "./schema";

const db = testPrisma();
const ACTIONS = ["view", "edit", "submit", "approve"] as const;
type Action = (typeof ACTIONS)[number];
type Owner = "own" | "other";

/** Who may do what: the expected table (actions each kind of person may take on a permit they own / someone else's). */
const EXPECTED: Record<string, Record<Owner, Action[]>> = {
  operator: { own: ["view", "edit", "submit"], other: [] },
  manager: { own: ["view"], other: ["view", "approve"] },
  viewer: { own: [], other: [] },
  suspended: { own: [], other: [] },
  deactivated: { own: [], other: [] },
  elsewhere: { own: [], other: [] },
  citizen: { own: [], other: [] },
};

type Person = { kind: string; row: FreshPerson; idpSubject: string };
let town: { id: string; slug: string };
let service: FreshService;
let otherService: FreshService;
const people = new Map<string, Person>();
const OTHER_OWNER = `someone-${uniq()}@example.test`;

const basic = (s: { clientId: string }, secret: string) =>
  `Basic ${Buffer.from(`${s.clientId}:${secret}`).toString("base64")}`;

async function call(
  endpoint: AuthzenEndpoint,
  body: unknown,
  opts: {
    as?: FreshService | null;
    secret?: string;
    raw?: string;
    type?: string;
    method?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const as = opts.as === undefined ? service : opts.as;
  const headers: Record<string, string> = { "content-type": opts.type ?? "application/json", ...opts.headers };
  if (as) headers.authorization = basic(as, opts.secret ?? as.clientSecret);
  const method = opts.method ?? "POST";
  const req = new Request(`http://localhost/access/v1/${endpoint}`, {
    method,
    headers,
    ...(method === "POST" ? { body: opts.raw ?? JSON.stringify(body) } : {}),
  });
  const res = await handleAuthzen(req, endpoint);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> };
}

const permit = (owner: Owner, p: Person, extra: Record<string, unknown> = {}) => ({
  type: "permit",
  id: `P-${owner}-${p.kind}`,
  properties: { ownerID: owner === "own" ? p.row.email : OTHER_OWNER, status: "draft", district: "north", ...extra },
});
const ways = (p: Person) => ({ id: p.row.id, email: p.row.email.toUpperCase(), idp: p.idpSubject });

beforeAll(async () => {
  const m = await freshMunicipality();
  const other = await freshMunicipality();
  town = { id: m.id, slug: m.slug };
  service = await freshService({ municipalityId: m.id, slug: "permits", resourceTypes: ["permit"] });
  otherService = await freshService({ municipalityId: other.id, slug: "permits", resourceTypes: ["permit"] });
  const make: [string, () => Promise<FreshPerson>, string][] = [
    ["operator", () => freshPerson(m.id, ["operator"]), `sso-${m.slug}`],
    ["manager", () => freshPerson(m.id, ["manager"]), `saml-${m.slug}`],
    ["viewer", () => freshPerson(m.id, ["viewer"]), `sso-${m.slug}`],
    ["suspended", () => freshPerson(m.id, ["operator", "manager"], { status: "SUSPENDED" }), `sso-${m.slug}`],
    ["deactivated", () => freshPerson(m.id, ["operator", "manager"], { isActive: false }), `sso-${m.slug}`],
    ["elsewhere", () => freshPerson(other.id, ["operator", "manager"]), `sso-${other.slug}`],
    ["citizen", () => freshUser({ isCitizen: true }), "google"],
  ];
  for (const [kind, create, provider] of make) {
    const row = await create();
    const idpSubject = `idp-${kind}-${uniq()}`;
    await db.account.create({ data: { userId: row.id, type: "oauth", provider, providerAccountId: idpSubject } });
    people.set(kind, { kind, row, idpSubject });
  }
});

describe("access evaluation: the permits table", () => {
  it("answers every subject × permit × action, by id, by email and by linked IdP subject, as the table says", async () => {
    const wrong: string[] = [];
    let asked = 0;
    for (const [kind, expected] of Object.entries(EXPECTED)) {
      const p = people.get(kind)!;
      for (const [way, id] of Object.entries(ways(p))) {
        for (const owner of ["own", "other"] as const) {
          for (const action of ACTIONS) {
            const r = await call("evaluation", {
              subject: { type: "user", id },
              action: { name: action },
              resource: permit(owner, p),
            });
            asked++;
            const want = expected[owner].includes(action);
            if (r.status !== 200 || r.body.decision !== want)
              wrong.push(
                `${kind} by ${way}, ${action} on ${owner} permit: HTTP ${r.status} ${JSON.stringify(r.body)}, expected ${want}`,
              );
          }
        }
      }
    }
    expect(wrong, wrong.join("\n")).toEqual([]);
    expect(asked).toBe(7 * 3 * 2 * 4);
  });

  it("the municipality's own IdP subjects count, another municipality's do not; an ambiguous subject is no one", async () => {
    const manager = people.get("manager")!;
    const elsewhere = people.get("elsewhere")!;
    const ask = (id: string, as = service) =>
      call(
        "evaluation",
        { subject: { type: "user", id }, action: { name: "view" }, resource: permit("other", manager) },
        { as },
      );
    expect((await ask(manager.idpSubject)).body.decision).toBe(true);
    // Their subject at their own municipality's IdP, asked by their own municipality's service: them.
    expect((await ask(elsewhere.idpSubject, otherService)).body.decision).toBe(true);
    // The same subject at a second provider, for another person: nobody, whoever holds it.
    const viewer = people.get("viewer")!;
    const shared = `shared-${uniq()}`;
    await db.account.create({
      data: { userId: manager.row.id, type: "oauth", provider: `sso-${town.slug}`, providerAccountId: shared },
    });
    await db.account.create({
      data: { userId: viewer.row.id, type: "saml", provider: `saml-${town.slug}`, providerAccountId: shared },
    });
    expect((await ask(shared)).body).toEqual({ decision: false });
    expect((await ask(`nobody-${uniq()}@example.test`)).body).toEqual({ decision: false });
  });

  it("explains when asked: the deciding rule, a cannot rule's reason, no rule, no access — the same for someone unknown", async () => {
    const op = people.get("operator")!;
    const mgr = people.get("manager")!;
    const ask = async (p: Person | string, action: Action, owner: Owner, by = mgr) =>
      (
        await call("evaluation", {
          subject: { type: "user", id: typeof p === "string" ? p : p.row.id },
          action: { name: action },
          resource: permit(owner, by),
          context: { explain: true },
        })
      ).body;
    const allowed = await ask(op, "edit", "own", op);
    expect(allowed.decision).toBe(true);
    expect((allowed.context as { rule: string }).rule).toMatch(/^operator\.yaml#\d+$/);
    const own = await ask(mgr, "approve", "own");
    expect(own).toEqual({
      decision: false,
      context: { rule: "manager.yaml#12", reason: "refused by manager.yaml#12: nobody approves their own permit" },
    });
    expect(await ask(mgr, "edit", "other")).toEqual({ decision: false, context: { reason: "no rule grants it" } });
    const noAccess = { decision: false, context: { reason: "no access to the service" } };
    expect(await ask(people.get("viewer")!, "view", "other")).toEqual(noAccess);
    expect(await ask(`nobody-${uniq()}`, "view", "other")).toEqual(noAccess);
    // Without the flag: the decision alone.
    expect(
      (
        await call("evaluation", {
          subject: { type: "user", id: mgr.row.id },
          action: { name: "approve" },
          resource: permit("own", mgr),
        })
      ).body,
    ).toEqual({ decision: false });
  });

  it("a type the service does not govern, an undeclared action, a non-user subject: false, saying which", async () => {
    const mgr = people.get("manager")!;
    const base = {
      subject: { type: "user", id: mgr.row.id },
      action: { name: "view" },
      resource: permit("other", mgr),
    };
    const wrongType = await call("evaluation", { ...base, resource: { type: "invoice", id: "I-1" } });
    expect(wrongType.status).toBe(200);
    expect(wrongType.body.decision).toBe(false);
    expect(JSON.stringify(wrongType.body.context)).toContain(
      'resource type \\"invoice\\" is not one of this service\'s types (permit)',
    );
    const undeclared = await call("evaluation", { ...base, action: { name: "delete" } });
    expect(undeclared.body).toEqual({
      decision: false,
      context: {
        error: { status: 400, message: 'action "delete" is not declared for permit (view, edit, submit, approve)' },
      },
    });
    expect((await call("evaluation", { ...base, subject: { type: "group", id: mgr.row.id } })).body).toEqual({
      decision: false,
    });
    // A service whose row governs no types may not ask about permits at all.
    const bare = await freshService({ municipalityId: town.id, slug: "permits-lite", resourceTypes: [] });
    expect((await call("evaluation", base, { as: bare })).body.decision).toBe(false);
  });

  it("another municipality's service decides for its own municipality only", async () => {
    const mgr = people.get("manager")!;
    const elsewhere = people.get("elsewhere")!;
    const q = (p: Person) => ({
      subject: { type: "user", id: p.row.id },
      action: { name: "approve" },
      resource: permit("other", p),
    });
    expect((await call("evaluation", q(mgr), { as: otherService })).body.decision).toBe(false);
    expect((await call("evaluation", q(elsewhere), { as: otherService })).body.decision).toBe(true);
    expect((await call("evaluation", q(elsewhere))).body.decision).toBe(false);
  });
});

describe("access evaluations", () => {
  const items = () => {
    const op = people.get("operator")!;
    return {
      subject: { type: "user", id: op.row.id },
      action: { name: "view" },
      evaluations: [
        { resource: permit("own", op) },
        { resource: permit("other", op) },
        { resource: permit("own", op), action: { name: "submit" } },
        { resource: permit("own", op), action: { name: "approve" } },
      ],
    };
  };

  it("execute_all by default: every item, in order, defaults inherited and replaced whole", async () => {
    const r = await call("evaluations", items());
    expect(r.body).toEqual({
      evaluations: [{ decision: true }, { decision: false }, { decision: true }, { decision: false }],
    });
    expect((await call("evaluations", { ...items(), options: { evaluations_semantic: "execute_all" } })).body).toEqual(
      r.body,
    );
  });

  it("deny_on_first_deny stops after the first false; permit_on_first_permit after the first true", async () => {
    const deny = await call("evaluations", { ...items(), options: { evaluations_semantic: "deny_on_first_deny" } });
    expect(deny.body).toEqual({ evaluations: [{ decision: true }, { decision: false }] });
    const permitFirst = { ...items(), options: { evaluations_semantic: "permit_on_first_permit" } };
    permitFirst.evaluations = [permitFirst.evaluations[1]!, permitFirst.evaluations[0]!, permitFirst.evaluations[2]!];
    expect((await call("evaluations", permitFirst)).body).toEqual({
      evaluations: [{ decision: false }, { decision: true }],
    });
  });

  it("answers the whole table in one batch per subject, the same as single calls", async () => {
    for (const [kind, expected] of Object.entries(EXPECTED)) {
      const p = people.get(kind)!;
      const asked = (["own", "other"] as const).flatMap((owner) => ACTIONS.map((action) => ({ owner, action })));
      const r = await call("evaluations", {
        subject: { type: "user", id: p.idpSubject },
        evaluations: asked.map((a) => ({ action: { name: a.action }, resource: permit(a.owner, p) })),
      });
      expect(r.body, kind).toEqual({
        evaluations: asked.map((a) => ({ decision: expected[a.owner].includes(a.action) })),
      });
    }
  });

  it("an incomplete item is its own false with the member named; without evaluations it is a single evaluation", async () => {
    const r = await call("evaluations", {
      ...items(),
      evaluations: [{ resource: permit("own", people.get("operator")!) }, {}, 7],
    });
    expect(r.body).toEqual({
      evaluations: [
        { decision: true },
        { decision: false, context: { error: { status: 400, message: "evaluations[1].resource is required" } } },
        { decision: false, context: { error: { status: 400, message: "evaluations[2] must be an object" } } },
      ],
    });
    const { evaluations: _e, ...single } = items();
    expect((await call("evaluations", { ...single, resource: permit("own", people.get("operator")!) })).body).toEqual({
      decision: true,
    });
    expect((await call("evaluations", { ...single, evaluations: [] })).status).toBe(400);
    expect(
      (await call("evaluations", { ...items(), options: { evaluations_semantic: "any" } })).body.error,
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining("options.evaluations_semantic must be one of"),
    });
  });
});

describe("searches", () => {
  it("action search: the declared actions the subject may perform on the resource", async () => {
    const op = people.get("operator")!;
    const mgr = people.get("manager")!;
    const names = async (p: Person, owner: Owner, by: Person) =>
      (
        (await call("search/action", { subject: { type: "user", id: p.row.email }, resource: permit(owner, by) })).body
          .results as { name: string }[]
      ).map((a) => a.name);
    expect(await names(op, "own", op)).toEqual(["view", "edit", "submit"]);
    expect(await names(mgr, "own", mgr)).toEqual(["view"]);
    expect(await names(mgr, "other", mgr)).toEqual(["view", "approve"]);
    expect(await names(people.get("viewer")!, "other", mgr)).toEqual([]);
    const unknownType = await call("search/action", {
      subject: { type: "user", id: mgr.row.id },
      resource: { type: "spaceship", id: "1" },
    });
    expect(unknownType.body.results).toEqual([]);
    expect(
      (await call("search/action", { subject: { type: "user" }, resource: permit("own", op) })).body.error,
    ).toEqual({
      status: 400,
      message: "subject.id is required",
    });
  });

  it("subject search: the people with access for whom the decision is true, paged, a token bound to its search", async () => {
    const mgr = people.get("manager")!;
    const second = await freshPerson(town.id, ["manager"]);
    const q = { subject: { type: "user" }, action: { name: "approve" }, resource: permit("other", mgr) };
    const all = await call("search/subject", q);
    const ids = (all.body.results as { id: string }[]).map((s) => s.id);
    expect(ids).toEqual([mgr.row.id, second.id].sort());
    expect(all.body.page).toEqual({ next_token: "", count: 2 });
    expect((all.body.results as { properties: { email: string } }[]).map((s) => s.properties.email).sort()).toEqual(
      [mgr.row.email, second.email].sort(),
    );
    // A manager never approves their own: asked about the first manager's permit, only the second.
    const own = await call("search/subject", { ...q, resource: permit("own", mgr) });
    expect((own.body.results as { id: string }[]).map((s) => s.id)).toEqual([second.id]);
    // The subject's id is ignored (§8.4.1).
    expect((await call("search/subject", { ...q, subject: { type: "user", id: mgr.row.id } })).body.results).toEqual(
      all.body.results,
    );
    const first = await call("search/subject", { ...q, page: { limit: 1 } });
    const page = first.body.page as { next_token: string; count: number };
    expect(page.count).toBe(1);
    expect(page.next_token).not.toBe("");
    const rest = await call("search/subject", { ...q, page: { limit: 1, token: page.next_token } });
    expect([...(first.body.results as unknown[]), ...(rest.body.results as unknown[])]).toEqual(all.body.results);
    expect(rest.body.page).toEqual({ next_token: "", count: 1 });
    const changed = await call("search/subject", {
      ...q,
      action: { name: "view" },
      page: { limit: 1, token: page.next_token },
    });
    expect(changed.status).toBe(400);
    expect((await call("search/subject", { ...q, page: { token: "garbage" } })).status).toBe(400);
    expect((await call("search/subject", { ...q, subject: { type: "spaceship" } })).body.results).toEqual([]);
    // The input resource must be identified.
    expect((await call("search/subject", { ...q, resource: { type: "permit" } })).body.error).toEqual({
      status: 400,
      message: "resource.id is required",
    });
  });

  it("resource search: Gatehouse holds no permits, so an empty result that says why", async () => {
    const r = await call("search/resource", {
      subject: { type: "user", id: people.get("manager")!.row.id },
      action: { name: "view" },
      resource: { type: "permit" },
    });
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([]);
    expect((r.body.context as { reason: string }).reason).toContain("Gatehouse holds none of this service's resources");
  });
});

describe("who may ask, and bad input", () => {
  const good = () => ({
    subject: { type: "user", id: people.get("manager")!.row.id },
    action: { name: "view" },
    resource: permit("other", people.get("manager")!),
  });

  it("no credentials, a wrong secret, a disabled service: 401 with WWW-Authenticate; GET is 405 only for a service", async () => {
    for (const r of [
      await call("evaluation", good(), { as: null }),
      await call("evaluation", good(), { secret: "gh_svc_wrong" }),
      await call("evaluation", good(), { as: null, headers: { authorization: "Bearer gh_something" } }),
    ]) {
      expect(r.status).toBe(401);
      expect(r.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
      expect(r.body.error).toMatchObject({ status: 401 });
    }
    const disabled = await freshService({ municipalityId: town.id, slug: `permits-${uniq()}` });
    await db.service.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    expect((await call("evaluation", good(), { as: disabled })).status).toBe(401);
    expect((await call("evaluation", undefined, { method: "GET", as: null })).status).toBe(401);
    const get = await call("evaluation", undefined, { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("wrong credentials are counted per address: the 31st is a 429, the right ones still work from there", async () => {
    const ip = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
    const wrong = basic(service, "gh_svc_guess");
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push(
        await authenticateService(wrong, ip).then(
          () => 200,
          (e: AuthzenError) => e.status,
        ),
      );
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const last = await authenticateService(wrong, ip).catch((e: AuthzenError) => e);
    expect(last).toBeInstanceOf(AuthzenError);
    expect((last as AuthzenError).status).toBe(429);
    expect(Number((last as AuthzenError).headers["Retry-After"])).toBeGreaterThan(0);
    expect((await authenticateService(basic(service, service.clientSecret), ip)).id).toBe(service.id);
    await db.rateLimitBucket.deleteMany({ where: { key: `authzen-fail:${ip}` } });
  });

  it("bad bytes and wrong shapes are 400s naming the member; unknown members are ignored; never a 500", async () => {
    const cases: [string, { raw?: string; type?: string; body?: unknown }, number, string][] = [
      ["bad JSON", { raw: "{not json" }, 400, "not valid JSON"],
      ["empty body", { raw: "" }, 400, "empty"],
      ["an array", { raw: "[]" }, 400, "must be a JSON object"],
      ["text/plain", { type: "text/plain" }, 400, "application/json"],
      ["missing subject", { body: { ...good(), subject: undefined } }, 400, "subject is required"],
      ["subject a string", { body: { ...good(), subject: "alice" } }, 400, "subject must be an object"],
      ["action.name a number", { body: { ...good(), action: { name: 123 } } }, 400, "action.name must be a string"],
      ["resource.id missing", { body: { ...good(), resource: { type: "permit" } } }, 400, "resource.id is required"],
      [
        "properties an array",
        { body: { ...good(), resource: { ...good().resource, properties: [1] } } },
        400,
        "resource.properties must be an object",
      ],
      ["a NUL", { body: { ...good(), subject: { type: "user", id: "a\u0000b" } } }, 400, "NUL"],
      ["deep nesting", { raw: `{"context":${"[".repeat(5000)}${"]".repeat(5000)}}` }, 400, "nested more than 64"],
      ["over 1 MB", { body: { ...good(), context: { pad: "x".repeat(1_100_000) } } }, 413, "too large"],
      [
        "a huge id",
        { body: { ...good(), subject: { type: "user", id: "x".repeat(10_000) } } },
        400,
        "subject.id must be at most 512",
      ],
    ];
    for (const [what, c, status, text] of cases) {
      const r = await call("evaluation", c.body ?? good(), { raw: c.raw, type: c.type });
      expect(r.status, what).toBe(status);
      expect(r.headers.get("content-type"), what).toBe("application/json");
      expect((r.body.error as { message: string }).message, what).toContain(text);
    }
    const extra = await call("evaluation", {
      ...good(),
      foo: "bar",
      futureField: { nested: true },
      ["__proto__"]: { x: 1 },
    });
    expect(extra.body).toEqual({ decision: true });
  });

  it("echoes X-Request-ID and is never cached", async () => {
    const r = await call("evaluation", good(), { headers: { "x-request-id": "bfe9eb29-ab87" } });
    expect(r.headers.get("x-request-id")).toBe("bfe9eb29-ab87");
    expect(r.headers.get("cache-control")).toBe("no-store");
  });

  it("publishes its metadata with every endpoint under the PDP's base URL", () => {
    const c = authzenConfiguration();
    expect(Object.keys(c)).toEqual([
      "policy_decision_point",
      "access_evaluation_endpoint",
      "access_evaluations_endpoint",
      "search_subject_endpoint",
      "search_resource_endpoint",
      "search_action_endpoint",
    ]);
    expect(c.access_evaluation_endpoint).toBe(`${c.policy_decision_point}/access/v1/evaluation`);
    expect(c.search_action_endpoint).toBe(`${c.policy_decision_point}/access/v1/search/action`);
  });
});
