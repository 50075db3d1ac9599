// The generated matrix agrees with what abilities actually allow on concrete records.
import { describe, expect, it } from "vitest";
import { subject } from "@casl/ability";
import { groupAbility } from "./ability";
import { readFileSync } from "node:fs";
import path from "node:path";
import { MATRIX_DOC, matrixMarkdown, permissionMatrix } from "./matrix";
import { explain } from "./explain";

const M = "sample-municipality";
const samples = {
  ServiceRequest: [
    { municipalityId: M, category: "ROADS", isPublic: true },
    { municipalityId: M, category: "WASTE", isPublic: false },
  ],
  HeritageSite: ["HISTORIC_AREA", "ARCHAEOLOGICAL_ZONE", "INVENTORY_RESOURCE"].flatMap((kind) =>
    [true, false].map((isPublic) => ({ municipalityId: M, kind, isPublic })),
  ),
  Document: [
    { municipalityId: M, visibility: "PUBLIC", archivedAt: null },
    { municipalityId: M, visibility: "INTERNAL", archivedAt: null },
  ],
  Statistics: [
    { municipalityId: M, scope: "public" },
    { municipalityId: M, scope: "internal" },
  ],
} as const;

describe("permission matrix", () => {
  const m = permissionMatrix();

  it("says 'denied' exactly where no sample record of that type can be read", () => {
    for (const g of m.groups) {
      const a = groupAbility(g.name);
      for (const s of m.subjects) {
        const readable = samples[s].some((row) => a.can("read", subject(s, { ...row }) as never));
        expect(!m.cells[g.name]![s].denied, `${g.name} × ${s}`).toBe(readable);
      }
    }
  });

  it("says create/edit exactly where some sample record can be created or updated", () => {
    for (const g of m.groups) {
      const a = groupAbility(g.name);
      for (const s of m.subjects) {
        const editable = samples[s].some(
          (row) => a.can("update", subject(s, { ...row }) as never) || a.can("create", subject(s, { ...row }) as never),
        );
        expect(m.cells[g.name]![s].createEdit, `${g.name} × ${s}`).toBe(editable);
      }
    }
  });

  it("matches docs/requirements.md#record-views's intent for the headline cases", () => {
    expect(m.cells.public!.ServiceRequest).toMatchObject({ full: false, limited: true, createEdit: true });
    expect(m.cells.volunteer!.HeritageSite).toMatchObject({ full: false, limited: true, createEdit: false });
    expect(m.cells.viewer!.HeritageSite).toMatchObject({ full: true, createEdit: false });
    expect(m.cells.analyst!.ServiceRequest.denied).toBe(true);
    expect(m.cells.analyst!.Statistics.denied).toBe(false);
    expect(m.cells.document_editor!.Document.createEdit).toBe(true);
    expect(m.cells.operator!.ServiceRequest.notes.join(" ")).toContain("allowed categories only");
  });

  it(`${MATRIX_DOC} is what the policies say (run npm run policy:matrix after changing a policy)`, () => {
    expect(readFileSync(path.join(process.cwd(), MATRIX_DOC), "utf8")).toBe(matrixMarkdown(m) + "\n");
  });

  it("renders Markdown with one table per record type", () => {
    const md = matrixMarkdown(m);
    for (const s of m.subjects) expect(md).toContain(`## ${s}`);
    expect(md).toContain("| Volunteer (`volunteer`) |");
  });

  it("explains a decision with the deciding rule", () => {
    const e = explain(groupAbility("municipality_admin"), "delete", "ServiceRequest", {
      id: "r1",
      municipalityId: M,
      category: "ROADS",
    });
    expect(e).toMatchObject({ allowed: false, rule: "municipality_admin.yaml#5", kind: "cannot" });
    const ok = explain(
      groupAbility("operator"),
      "update",
      "ServiceRequest",
      { municipalityId: M, category: "ROADS" },
      "status",
    );
    expect(ok).toMatchObject({ allowed: true, rule: "operator.yaml#3" });
  });
});
