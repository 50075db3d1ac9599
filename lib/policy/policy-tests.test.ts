// `npm test` runs every case of policies/tests/*.yaml (also `npm run policy:test`).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { TEST_ACCOUNTS } from "@/lib/seed/test-users";
import { DEFAULT_TEST_DIR, loadPolicyTests, principalOf, runPolicyCase } from "./policy-tests";
import { loadPolicies } from "./load";
import { RECORD_SUBJECTS } from "./subjects";

const cases = loadPolicyTests();

describe("policies/tests", () => {
  it("has cases for every record type", () => {
    for (const s of RECORD_SUBJECTS) {
      expect(
        cases.some((c) => c.subject === s),
        s,
      ).toBe(true);
    }
  });

  // Coverage is part of the contract: every matrix (a record type in one visibility class) states
  // what anonymous and every test account may do, and every group is exercised on its own.
  it("every matrix covers anonymous, every test account and every group alone", () => {
    const everyone = ["anonymous", ...TEST_ACCOUNTS.map((a) => a.email)];
    const alone = new Map<string, string>([["anonymous", "public"]]);
    for (const a of TEST_ACCOUNTS) {
      const groups = [
        ...(a.platformGroups ?? []),
        ...(a.membership && (a.membership.status ?? "ACTIVE") === "ACTIVE" && a.isActive !== false
          ? a.membership.groups
          : []),
      ];
      if (groups.length === 1) alone.set(a.email, groups[0]!);
    }
    const groups = [...loadPolicies().groups.keys()];
    for (const file of readdirSync(DEFAULT_TEST_DIR).filter((f) => f.endsWith(".yaml"))) {
      const doc = parse(readFileSync(path.join(DEFAULT_TEST_DIR, file), "utf8")) as {
        matrices?: { name: string; allow: Record<string, unknown> }[];
      };
      for (const m of doc.matrices ?? []) {
        const keys = Object.keys(m.allow);
        expect(
          everyone.filter((w) => !keys.includes(w)),
          `${file} — ${m.name}: principals without expectations`,
        ).toEqual([]);
        // A citizen account or a tracking link holds the citizen group (beside the public one).
        const held = new Set(
          keys
            .map(
              (k) =>
                alone.get(k) ??
                /^group:([a-z_]+)@/.exec(k)?.[1] ??
                (/^(citizen|tracking):/.test(k) ? "citizen" : undefined),
            )
            .filter(Boolean),
        );
        expect(
          groups.filter((g) => !held.has(g)),
          `${file} — ${m.name}: groups never tested alone`,
        ).toEqual([]);
      }
    }
  });

  for (const c of cases) {
    it(`${c.file} — ${c.name}`, () => {
      const r = runPolicyCase(c);
      expect(r.ok, r.message).toBe(true);
    });
  }
});

// The citizen group's two principals, as the test files name them.
describe("principals the test files name", () => {
  const ownReport = { municipality: "riverton", category: "ROADS", isPublic: false, id: "r-1", reporterUserId: "ada" };
  const run = (principal: string, attributes: Record<string, unknown>, field?: string) =>
    runPolicyCase({
      file: "inline",
      name: principal,
      principal: principal as never,
      action: "read",
      subject: "ServiceRequest",
      attributes,
      field,
      expect: "allow",
    }).ok;

  it("tracking:<request id> is an anonymous visitor holding that request's tracking link", () => {
    expect(principalOf("tracking:r-1")).toEqual({ kind: "anonymous", trackedRequestId: "r-1" });
    expect(run("tracking:r-1", ownReport)).toBe(true);
    expect(run("tracking:r-2", ownReport)).toBe(false);
    expect(run("tracking:r-1", ownReport, "reporterEmail")).toBe(false);
  });

  it("citizen:<user id> is a citizen account with that id and no memberships", () => {
    expect(principalOf("citizen:ada")).toMatchObject({ kind: "user", userId: "ada", isCitizen: true, memberships: [] });
    expect(run("citizen:ada", ownReport, "reporterEmail")).toBe(true);
    expect(run("citizen:bob", ownReport)).toBe(false);
  });

  it("refuses a principal it cannot name", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "policy-tests-"));
    writeFileSync(
      path.join(dir, "bad.yaml"),
      "cases:\n  - { name: x, principal: 'citizen:', action: read, subject: ServiceRequest, expect: deny }\n",
    );
    expect(() => loadPolicyTests(dir)).toThrow(/bad\.yaml: cases\.0\.principal/);
  });
});
