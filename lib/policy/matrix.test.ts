// The generated matrix agrees with what abilities actually allow on concrete records.
import { describe, expect, it } from "vitest";
import { subject } from "@casl/ability";
import { groupAbility } from "./ability";
import { readFileSync } from "node:fs";
import path from "node:path";
import { MATRIX_DOC, matrixMarkdown, permissionMatrix } from "./matrix";
import { explain } from "./explain";

const M = "sample-municipality";
// groupAbility() fills `$user.id` with "sample-user" and `$tracking.requestId` with "sample-request".
const own = { reporterUserId: "sample-user" };
const tracked = { requestId: "sample-request" };
const samples = {
  ServiceRequest: [
    { municipalityId: M, category: "ROADS", isPublic: true },
    { municipalityId: M, category: "WASTE", isPublic: false },
    { municipalityId: M, category: "WASTE", isPublic: false, ...own },
    { municipalityId: M, category: "WASTE", isPublic: false, id: "sample-request" },
  ],
  RequestEvent: ["CREATED", "INTERNAL_NOTE", "PUBLIC_COMMENT"].flatMap((kind) => [
    { municipalityId: M, kind, onPublicRequest: true },
    { municipalityId: M, kind, onPublicRequest: false, ...own },
    { municipalityId: M, kind, onPublicRequest: false, ...tracked },
  ]),
  RequestPhoto: [true, false].flatMap((isPublished) => [
    { municipalityId: M, isPublished, onPublicRequest: true },
    { municipalityId: M, isPublished, onPublicRequest: false, ...own },
    { municipalityId: M, isPublished, onPublicRequest: false, uploadedById: "sample-user" },
    { municipalityId: M, isPublished, onPublicRequest: false, ...tracked },
  ]),
  RequestFollower: [
    { municipalityId: M, userId: "sample-user" },
    { municipalityId: M, userId: "someone-else" },
  ],
  RequestTag: [{ municipalityId: M }],
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
      for (const s of [...m.subjects, ...m.parts]) {
        const readable = samples[s].some((row) => a.can("read", subject(s, { ...row }) as never));
        expect(!m.cells[g.name]![s].denied, `${g.name} × ${s}`).toBe(readable);
      }
    }
  });

  it("says create/edit exactly where some sample record can be created or updated", () => {
    for (const g of m.groups) {
      const a = groupAbility(g.name);
      for (const s of [...m.subjects, ...m.parts]) {
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

  it("covers a request's parts and the citizen group", () => {
    expect(m.parts).toEqual(["RequestEvent", "RequestPhoto", "RequestFollower", "RequestTag"]);
    expect(m.groups.map((g) => g.name).slice(0, 2)).toEqual(["public", "citizen"]);
    expect(m.cells.public!.RequestEvent.notes.join("; ")).toContain(
      "where onPublicRequest = true, kind ∈ {STATUS_CHANGED, PUBLIC_COMMENT}",
    );
    expect(m.cells.public!.RequestEvent.notes.join("; ")).toContain("hides authorId, body");
    expect(m.cells.volunteer!.RequestEvent).toMatchObject({ full: false, limited: true, createEdit: false });
    expect(m.cells.volunteer!.RequestPhoto.notes.join(" ")).toContain("isPublished = true");
    expect(m.cells.operator!.RequestEvent).toMatchObject({ full: true, createEdit: true });
    expect(m.cells.operator!.RequestEvent.notes).toEqual(["create where kind ∈ {INTERNAL_NOTE, PUBLIC_COMMENT}"]);
    expect(m.cells.viewer!.RequestFollower.denied).toBe(true);
    expect(m.cells.municipality_admin!.RequestFollower.denied).toBe(true);
    expect(m.cells.public!.RequestTag.denied).toBe(true);
    const citizen = m.cells.citizen!;
    expect(citizen.ServiceRequest.notes.join("; ")).toContain("where reporterUserId = the person themself");
    expect(citizen.ServiceRequest.notes.join("; ")).toMatch(
      /limited \(hides [^)]*latitude, longitude, reporterName, reporterEmail, reporterPhone[^)]*\) where id = the request their tracking link opens/,
    );
    expect(citizen.RequestFollower).toMatchObject({ createEdit: true, denied: false });
    const md = matrixMarkdown(m);
    expect(md).toContain("# A request's parts");
    for (const s of m.parts) expect(md).toContain(`## ${s}`);
    expect(md).toContain("| Citizen (`citizen`) |");
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
