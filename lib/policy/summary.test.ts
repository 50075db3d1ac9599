// The "will be able to" sentence of each group is generated from its rules: these read the real
// policy files, and a policy directory of the test's own shows that changing a rule changes the
// sentence (nothing is hand-written).
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicies } from "./load";
import { groupChoices, groupLabel, summarizeGroup } from "./summary";
import { MODULES } from "./subjects";
import { MODULE_LABELS } from "@/lib/schemas/municipality-settings";

const summary = (name: string) => summarizeGroup(loadPolicies().groups.get(name)!);

describe("group summaries", () => {
  it("say what the real groups may do, in words", () => {
    expect(summary("operator")).toBe(
      "see, export, create and update the status, internal notes, assignee and tags of service requests in their categories; " +
        "see heritage sites, documents, statistics, request timeline entries and request tags; " +
        "see and update the status, internal notes and tags of service requests assigned to them; " +
        "see and create request photos; " +
        "create request timeline entries of the kinds internal note and public comment; " +
        "use the permits service; view, edit and submit building permits they own (permits service)",
    );
    expect(summary("manager")).toContain("use the permits service;");
    expect(summary("manager")).toContain(
      "see a limited view of access reviews; see and update access review decisions under conditions; view and approve building permits (permits service); never update access review decisions about themselves; never approve building permits they own (permits service)",
    );
    expect(summary("analyst")).toBe(
      "see statistics and clip runs and their results; see, create and update saved clips (SQL queries); query (in clips) service requests, heritage sites, documents, departments, request tags and request timeline entries",
    );
    expect(summary("viewer")).toBe(
      "see a limited view of service requests, request timeline entries and request photos; see heritage sites, documents, statistics and request tags",
    );
    expect(summary("municipality_admin")).toContain("never delete service requests, request tags and departments");
    expect(summary("municipality_admin")).toContain("see and update some fields of their municipality's settings");
    expect(summary("superuser")).toBe(
      "manage everything — in every municipality; never approve platform group requests they proposed; never approve platform group requests about themselves; never update and delete request timeline entries",
    );
    expect(summary("manager")).toContain("see, create and publish request photos");
    expect(summary("volunteer")).toContain("see a limited view of request photos that are published");
    expect(summary("public")).toContain(
      "see a limited view of request timeline entries of public requests, of the kinds status changed and public comment",
    );
  });

  it("say what a citizen account and a tracking link see, in words", () => {
    // One phrase a rule: the account's own reports, then what a tracking link opens.
    expect(summary("citizen").split("; ")).toEqual([
      "see a limited view of service requests that they reported",
      "see a limited view of request timeline entries of their own reports, of the kinds created, status changed, public comment and photo published",
      "see a limited view of request photos they uploaded",
      "see a limited view of request photos of their own reports, that are published",
      "create, unsubscribe and see a limited view of request followers of their own",
      "see a limited view of service requests opened by their tracking link",
      "see a limited view of request timeline entries of the request their tracking link opens, of the kinds created, status changed, public comment and photo published",
      "see a limited view of request photos of the request their tracking link opens, that are published",
    ]);
  });

  it("never shows file names or raw ids, and gives label and description from the file", () => {
    const [admin, viewer] = groupChoices(["municipality_admin", "viewer", "no_such_group"]);
    expect(admin).toMatchObject({ name: "municipality_admin", label: "Municipality admin" });
    expect(admin!.description).toMatch(/Full control/);
    expect(viewer!.label).toBe("Viewer");
    expect(groupChoices(["no_such_group"])).toEqual([]);
    expect(groupLabel("document_editor")).toBe("Document editor");
    for (const c of groupChoices([...loadPolicies().groups.keys()])) {
      expect(c.summary).not.toMatch(/\$|[A-Z][a-z]+[A-Z]|_/); // no placeholders, CamelCase subjects or snake_case
    }
  });

  it("follows the rules: a changed file gives a changed sentence", () => {
    const root = mkdtempSync(path.join(tmpdir(), "summary-"));
    const dir = path.join(root, "groups");
    cpSync(path.resolve("policies/groups"), dir, { recursive: true });
    cpSync(path.resolve("policies/services"), path.join(root, "services"), { recursive: true });
    writeFileSync(
      path.join(dir, "analyst.yaml"),
      [
        "group: analyst",
        "label: Analyst",
        "scope: municipality",
        "rules:",
        "  - can: [read, update]",
        "    on: ServiceRequest",
        "    where: { municipalityId: $membership.municipalityId, departmentId: $membership.departmentId }",
        "  - can: read",
        "    on: Document",
        "    where: { municipalityId: $membership.municipalityId }",
        "  - cannot: delete",
        "    on: Document",
      ].join("\n"),
    );
    const clerk = loadPolicies(dir).groups.get("analyst")!;
    expect(summarizeGroup(clerk)).toBe(
      "see and update service requests in their department; see documents; never delete documents",
    );
  });

  it("module labels cover exactly the module switches", () => {
    expect(Object.keys(MODULE_LABELS).sort()).toEqual(Object.keys(MODULES).sort());
  });
});
