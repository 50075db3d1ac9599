// The sentences of the audit log: every action the code records has its own renderer here, and
// each reads as words with the people and records as references — never an id or a raw action.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ACTION_FAMILIES,
  AUDIT_ACTION_NAMES,
  actionLabel,
  describeEvent,
  familyOf,
  sentenceText,
  type DescribeInput,
  type Labels,
} from "./describe";
import { RECORD_MODELS } from "@/lib/records";

const L: Labels = {
  group: (g) => ({ operator: "Operator", viewer: "Viewer", platform_admin: "Platform admin" })[g] ?? g,
  field: (_m, f) => ({ status: "Status", internalNotes: "Internal notes", assigneeId: "Assignee" })[f] ?? f,
  value: (_m, f, v) =>
    f === "status" && typeof v === "string"
      ? v
          .replace("_", " ")
          .toLowerCase()
          .replace(/^./, (x) => x.toUpperCase())
      : undefined,
  ref: (kind, id) => (kind === "person" && id === "u-olga" ? { label: "Olga Operator", href: "/p/olga" } : undefined),
};
const ada = { label: "Ada Admin", href: "/admin/riverton/people/m-ada" };
const olga = { label: "Olga Operator", href: "/admin/riverton/people/m-olga" };
const rec = { label: "RIV-00045 “Pothole on Main St”", href: "/w/riverton/requests/r1" };

const ev = (over: Partial<DescribeInput>): DescribeInput => ({
  action: "membership.approve",
  actorType: "user",
  actor: ada,
  subject: olga,
  target: null,
  self: false,
  data: {},
  ...over,
});
const text = (over: Partial<DescribeInput>) => sentenceText(describeEvent(ev(over), L));

describe("audit sentences", () => {
  it("name the actor, the person and the record, with links where the viewer may open them", () => {
    const s = describeEvent(ev({}), L);
    expect(sentenceText(s)).toBe("Ada Admin approved Olga Operator's membership");
    expect(s).toContainEqual({ ref: ada });
    expect(s).toContainEqual({ ref: olga });
    expect(
      text({
        action: "ServiceRequest.update",
        actor: olga,
        subject: null,
        target: rec,
        data: { changed: { status: { from: "SUBMITTED", to: "IN_PROGRESS" } } },
      }),
    ).toBe("Olga Operator changed the status of RIV-00045 “Pothole on Main St” from Submitted to In progress");
    expect(
      text({
        action: "ServiceRequest.update",
        actor: ada,
        target: rec,
        data: { changed: { assigneeId: { from: null, to: "u-olga" }, internalNotes: { from: "a", to: "b" } } },
      }),
    ).toBe("Ada Admin changed RIV-00045 “Pothole on Main St”: the assignee to Olga Operator and the internal notes");
    expect(text({ action: "membership.access_change", data: { added: ["operator"], removed: ["viewer"] } })).toBe(
      "Ada Admin changed Olga Operator's groups: added Operator and removed Viewer",
    );
    expect(text({ action: "membership.suspend", data: { reason: "On leave" } })).toBe(
      "Ada Admin suspended Olga Operator's membership, reason: “On leave”",
    );
    expect(text({ action: "account.password.changed", actor: olga, self: true })).toBe(
      "Olga Operator changed their password",
    );
  });

  it("use a neutral word, never an id, for whoever is out of reach, and say who the system is", () => {
    expect(text({ actor: null, subject: null })).toBe("Someone approved someone's membership");
    expect(
      text({ action: "membership.suspend", actorType: "system", actor: null, data: { reason: "inactive", days: 90 } }),
    ).toBe("Gatehouse (a scheduled job) suspended Olga Operator's membership after 90 days without signing in");
    expect(text({ action: "ServiceRequest.create", actorType: "anonymous", actor: null, target: null })).toBe(
      "Someone not signed in submitted a service request",
    );
    expect(
      text({
        action: "ServiceRequest.update",
        target: null,
        data: { changed: { assigneeId: { from: null, to: "cmx4dc9zf0050000" } } },
      }),
    ).toBe("Ada Admin changed the assignee of a service request");
  });

  it("render every action of the catalog as a sentence without ids, raw action names or placeholders", () => {
    for (const action of AUDIT_ACTION_NAMES) {
      for (const self of [false, true]) {
        const data = {
          email: "nina@riverton.test",
          groups: ["operator"],
          reason: "a reason",
          changed: { status: { from: "SUBMITTED", to: "CLOSED" } },
          name: "Roads",
          days: 30,
        };
        const s = text({ action, self, data, target: rec });
        expect(s, action).not.toContain(action);
        expect(s, action).not.toMatch(/undefined|null|\[object|\bc[a-z0-9]{20,}\b|\{|\}/);
        expect(s.length, action).toBeGreaterThan(10);
        expect(s[0], action).toBe(s[0]!.toUpperCase());
        // With no data at all it still reads.
        expect(text({ action, self, data: {} }), action).not.toMatch(/undefined|null|\[object/);
      }
      expect(actionLabel(action), action).not.toContain(".");
      expect(familyOf(action), `${action} has a family in the action filter`).toBeDefined();
    }
    expect(new Set(AUDIT_ACTION_NAMES.map(actionLabel)).size, "labels are distinct").toBe(AUDIT_ACTION_NAMES.length);
    expect(ACTION_FAMILIES.length).toBeGreaterThan(3);
  });

  it("say what a clip run found, how long it took, and what changed in a saved clip", () => {
    const clip = { label: "“Open requests”", href: "/w/riverton/clips/c1" };
    expect(
      text({
        action: "clip.run",
        subject: null,
        data: { status: "SUCCEEDED", rowCount: 1000, truncated: true, durationMs: 42 },
      }),
    ).toBe("Ada Admin ran a query in clips: 1000 rows (cut at the row limit) in 42 ms");
    expect(
      text({ action: "clip.run", subject: null, data: { status: "FAILED", name: "Open requests", durationMs: 3 } }),
    ).toBe("Ada Admin ran the clip “Open requests”: PostgreSQL refused it in 3 ms");
    expect(
      text({
        action: "clip.update",
        subject: null,
        target: clip,
        data: { name: "Open requests", changed: { sql: { from: "a", to: "b" }, name: { from: "x", to: "y" } } },
      }),
    ).toBe("Ada Admin changed the clip “Open requests”: its SQL and its name");
    expect(text({ action: "clip.archive", subject: null, target: null, data: { name: "Old" } })).toBe(
      "Ada Admin archived the clip “Old”",
    );
    expect(familyOf("clip.run")).toBe("clips");
  });

  it("still read for an action this build does not know", () => {
    expect(text({ action: "test.log.town" })).toBe("Ada Admin: test log town (about Olga Operator)");
    expect(actionLabel("legacy.event")).toBe("Legacy event");
  });

  // The catalog must cover what the code records: every action literal next to an audit call in lib/
  // (and the record types' create/update), so a new event cannot appear as a raw name in the log.
  it("cover every action the code records", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) {
          if (f !== "generated") walk(p);
        } else if (/\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk(root);
    walk(path.resolve(root, "../app"));
    const recorded = new Set<string>();
    for (const f of files) {
      const src = readFileSync(f, "utf8");
      if (
        !/recordAudit|appendAudit|audit[A-Z]\w*\(|\baudit\(|inactivityAudit|KEPT_LAST_ADMIN|SELF_GRANT_EVENT/.test(src)
      )
        continue;
      for (const m of src.matchAll(
        /"((?:auth|account|access|audit|clip|department|directory|invitation|membership|municipality|platform_grant|registration|scim|sso|token|user)(?:\.[a-z_]+)+)"/g,
      ))
        recorded.add(m[1]!);
    }
    for (const model of RECORD_MODELS) for (const verb of ["create", "update"]) recorded.add(`${model}.${verb}`);
    // Not actions: a rate-limit key prefix.
    recorded.delete("auth.password_reset");
    expect(recorded.size).toBeGreaterThan(80);
    const missing = [...recorded].filter((a) => !(AUDIT_ACTION_NAMES as string[]).includes(a)).sort();
    expect(missing, "actions recorded in lib/ without a sentence in lib/audit/describe.ts").toEqual([]);
  });
});
