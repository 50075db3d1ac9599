// The proof that a field is added in one place (issue 14, "Done when"): take Document as it
// would be without its departmentId column registered, register that column only in a copy of
// the registry entry, and see it appear — governed by the policies — in the form, the detail
// page, the API (lib/data's write and read path, the public route handler) and the generated
// OpenAPI document, with no other code changed. departmentId is a real column of Document in
// prisma/schema.prisma and in every policy's field list, which is what "schema, migration and
// policy files" provide in a real change.
import { describe, expect, it } from "vitest";
import { recordsOf } from "@/lib/data/record-store";
import { creatableFields } from "@/lib/data/create-options";
import { staffViewerFor, viewerFor } from "@/lib/auth/viewer";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import { ANONYMOUS } from "@/lib/identity/principal";
import { ValidationError } from "@/lib/errors";
import { openApiDocument } from "@/lib/http/openapi";
import { recordRoutes } from "@/lib/http/record-routes";
import { testPrisma } from "@/test/fixtures/db";
import { document } from "./document";
import { optionalId } from "./fields";
import { formFields, detailFields } from "./forms";
import { formSchema, writeSchema, type FieldDef, type RecordTypeDef } from "./index";

const raw = testPrisma();

// Document before the field: the registry entry without departmentId.
const { departmentId: _registered, ...otherFields } = document.fields;
const before = { ...document, fields: otherFields } as RecordTypeDef<"Document">;
// The change under test: one entry in the registry, nothing else.
const ADDED: FieldDef = { label: "Owning department", input: "text", write: { schema: optionalId } };
const after = { ...before, fields: { ...otherFields, departmentId: ADDED } } as RecordTypeDef<"Document">;

async function staff(email: string) {
  const u = await raw.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return staffViewerFor(await loadUserPrincipal(u.id));
}
async function riverton() {
  const m = await raw.municipality.findUniqueOrThrow({ where: { slug: "riverton" }, select: { id: true } });
  const dept = await raw.department.findFirstOrThrow({ where: { municipalityId: m.id }, select: { id: true } });
  return { municipalityId: m.id, departmentId: dept.id };
}
const TITLE = `Registry proof ${Date.now()}`;
const newDocument = (municipalityId: string, departmentId?: string) => ({
  municipalityId,
  kind: "GUIDANCE",
  visibility: "PUBLIC",
  title: TITLE,
  ...(departmentId ? { departmentId } : {}),
});

describe("a field added only to the registry", () => {
  it("appears in the create and edit forms, for a person the policy lets write it", async () => {
    const editor = await staff("editor@riverton.test");
    const { municipalityId } = await riverton();
    const writable = creatableFields(editor, "Document", municipalityId, "PUBLIC");
    expect(writable).toContain("departmentId"); // document_editor.yaml lists it
    expect(formFields(before, "create", writable).map((f) => f.name)).not.toContain("departmentId");
    expect(formFields(after, "create", writable)).toContainEqual({
      name: "departmentId",
      label: "Owning department",
      type: "text",
    });
    expect(formFields(after, "update", writable).map((f) => f.name)).toContain("departmentId");
    // The browser form's schema takes it too (and still refuses what is not registered).
    expect(formSchema(before, "create").safeParse({ departmentId: "d1" }).success).toBe(false);
    expect(formSchema(after, "create").safeParse({ departmentId: "d1" }).success).toBe(true);
  });

  it("is refused by name by the API's write schema before, and written through lib/data after", async () => {
    const editor = await staff("editor@riverton.test");
    const { municipalityId, departmentId } = await riverton();
    const refused = await recordsOf(before)
      .create(editor, newDocument(municipalityId, departmentId))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors.departmentId).toEqual(["This field cannot be set here."]);
    const created = await recordsOf(after).create(editor, newDocument(municipalityId, departmentId));
    expect(created.departmentId).toBe(departmentId);
    const row = await raw.document.findUniqueOrThrow({ where: { id: created.id }, select: { departmentId: true } });
    expect(row.departmentId).toBe(departmentId);
    // And changed by an update, which writeSchema(after, "update") now accepts.
    const changed = await recordsOf(after).update(editor, created.id, { departmentId: null });
    expect(changed.departmentId).toBeNull();
    await raw.document.update({ where: { id: created.id }, data: { departmentId } });
  });

  it("shows on the detail page of those whose policy lets them read it, and is hidden from a limited view", async () => {
    const { municipalityId } = await riverton();
    const doc = await raw.document.findFirstOrThrow({ where: { title: TITLE }, select: { id: true } });
    const viewer = await staff("viewer@riverton.test");
    const volunteer = await staff("volunteer@riverton.test");
    const full = await recordsOf(after).detail(viewer, doc.id, municipalityId);
    expect(detailFields(after, full.record)).toContainEqual({
      name: "departmentId",
      label: "Owning department",
      long: false,
    });
    // volunteer.yaml's Document read rule lists its fields without departmentId: lib/data drops it.
    const limited = await recordsOf(after).detail(volunteer, doc.id, municipalityId);
    expect(limited.record.title).toBe(TITLE);
    expect(limited.record).not.toHaveProperty("departmentId");
    expect(detailFields(after, limited.record).map((f) => f.name)).not.toContain("departmentId");
  });

  it("is hidden from the public API by the public policy, which reads the same path", async () => {
    const doc = await raw.document.findFirstOrThrow({ where: { title: TITLE }, select: { id: true } });
    const res = await recordRoutes(after, { staff: false }).get(
      new Request(`http://x/api/public/v1/documents/${doc.id}`),
      { params: Promise.resolve({ id: doc.id }) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Record<string, unknown> };
    expect(body.data.title).toBe(TITLE);
    expect(body.data).not.toHaveProperty("departmentId");
    // The anonymous ability agrees: no public rule grants the field.
    const anonymous = await viewerFor(ANONYMOUS);
    expect(await recordsOf(after).get(anonymous, doc.id)).not.toHaveProperty("departmentId");
  });

  it("is described in the generated OpenAPI document's request bodies", () => {
    type Doc = { components: { schemas: Record<string, { properties?: Record<string, { description?: string }> }> } };
    const without = openApiDocument("http://x", [before]) as unknown as Doc;
    const withIt = openApiDocument("http://x", [after]) as unknown as Doc;
    for (const body of ["DocumentCreate", "DocumentUpdate"]) {
      expect(Object.keys(without.components.schemas[body]!.properties!)).not.toContain("departmentId");
      expect(Object.keys(withIt.components.schemas[body]!.properties!)).toContain("departmentId");
    }
    expect(withIt.components.schemas.Document!.properties!.departmentId!.description).toBe("Owning department");
    // The write schema the routes parse is the one the document was generated from.
    expect(Object.keys(writeSchema(after, "create").shape)).toContain("departmentId");
  });
});
