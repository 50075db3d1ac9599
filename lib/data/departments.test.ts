// Departments through lib/data on the real database: created with a slug from the name,
// renamed, archived and restored with an audit event each — never deleted (there is no delete,
// and the policies refuse it). An archived department keeps its people and records and their
// link to it, but pickers no longer offer it and no new membership gets it.
import { describe, expect, it } from "vitest";
import { testPrisma } from "@/test/fixtures/db";
import { freshPerson } from "@/test/fixtures/people";
import { freshTownWithAdmin, freshViewer } from "@/test/fixtures/viewers";
import { subjectOf } from "@/lib/policy/casl";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createInvitation } from "@/lib/flows/invite";
import { changeMembershipAccess } from "@/lib/flows/group-change";
import { departmentsOf } from "./municipalities";
import { recordsOf } from "./record-store";
import {
  createDepartment,
  departmentDetail,
  departmentSlug,
  listDepartments,
  renameDepartment,
  setDepartmentArchived,
} from "./departments";

const audit = (targetId: string) =>
  testPrisma()
    .auditEvent.findMany({ where: { targetId, targetType: "Department" }, orderBy: { seq: "asc" } })
    .then((es) => es.map((e) => e.action));

describe("departments", () => {
  it("makes a slug from the name", () => {
    expect(departmentSlug("Parks & Heritage")).toBe("parks-heritage");
    expect(departmentSlug("Économie  Sociale!")).toBe("economie-sociale");
    expect(departmentSlug("!!!")).toBe("department");
  });

  it("creates, renames, archives and restores, audited; the name is unique per municipality", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const d = await createDepartment(admin, town.id, { name: "Social Services" });
    expect(d.slug).toBe("social-services");
    await expect(createDepartment(admin, town.id, { name: "social services" })).rejects.toMatchObject({
      fieldErrors: { name: [expect.stringMatching(/already has this name/)] },
    });
    await expect(createDepartment(admin, town.id, { name: "x" })).rejects.toBeInstanceOf(ValidationError);
    await renameDepartment(admin, town.id, d.id, { name: "Care and Welfare" });
    await setDepartmentArchived(admin, town.id, d.id, true);
    await setDepartmentArchived(admin, town.id, d.id, false);
    const row = await testPrisma().department.findUniqueOrThrow({ where: { id: d.id } });
    expect(row).toMatchObject({ name: "Care and Welfare", slug: "social-services", archivedAt: null });
    expect(await audit(d.id)).toEqual([
      "department.create",
      "department.rename",
      "department.archive",
      "department.restore",
    ]);
  });

  it("archiving keeps the people and records in it; pickers leave it out but keep a row's own", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const works = town.departments.find((x) => x.slug === "works")!;
    const person = await freshPerson(town.id, ["viewer"], { departmentId: works.id });
    const m = person.memberships[0]!;
    const request = await testPrisma().serviceRequest.create({
      data: {
        municipalityId: town.id,
        departmentId: works.id,
        reference: `SR-T-${works.id.slice(-6)}`,
        category: "ROADS",
        title: "Loose paving stones",
        description: "Stones are loose near the school.",
        area: "Centre",
      },
    });
    await setDepartmentArchived(admin, town.id, works.id, true);

    // Rows keep it, and the department page still lists them by name.
    expect((await testPrisma().membership.findUniqueOrThrow({ where: { id: m.id } })).departmentId).toBe(works.id);
    expect((await testPrisma().serviceRequest.findUniqueOrThrow({ where: { id: request.id } })).departmentId).toBe(
      works.id,
    );
    const detail = await departmentDetail(admin, town.id, works.id);
    expect(detail.people.map((p) => p.email)).toEqual([person.email]);
    expect(detail.requests.map((r) => r.title)).toEqual(["Loose paving stones"]);
    const listed = (await listDepartments(admin, town.id)).rows.find((x) => x.id === works.id)!;
    expect(listed).toMatchObject({ people: 1, records: 1 });
    expect(listed.archivedAt).not.toBeNull();

    // Pickers: not offered, except as the row's current value.
    expect((await departmentsOf(town.id)).map((x) => x.name)).not.toContain("Works");
    expect((await departmentsOf(town.id, works.id)).map((x) => x.name)).toContain("Works (archived)");

    // No new membership or invitation gets it; a membership that has it keeps it through a group change.
    await expect(
      createInvitation(admin, town.id, {
        email: `new-${works.id.slice(-6)}@example.org`,
        groups: ["viewer"],
        departmentId: works.id,
        allowedCategories: [],
      }),
    ).rejects.toMatchObject({ fieldErrors: { departmentId: [expect.stringMatching(/archived/)] } });
    await changeMembershipAccess(admin, m.id, {
      groups: ["viewer", "analyst"],
      departmentId: works.id,
      allowedCategories: [],
    });
    expect((await testPrisma().membership.findUniqueOrThrow({ where: { id: m.id } })).groups.sort()).toEqual([
      "analyst",
      "viewer",
    ]);
  });

  it("a record's department is one of its municipality's and not archived, unless the record already has it", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const { town: other } = await freshTownWithAdmin();
    const [works, clerk] = town.departments;
    const requests = recordsOf("ServiceRequest");
    const r = await requests.create(admin, {
      municipalityId: town.id,
      category: "ROADS",
      title: "Broken bench",
      description: "The bench by the pond has a broken slat.",
      area: "Park",
    });
    const id = String(r.id);
    await requests.update(admin, id, { departmentId: works!.id });
    await expect(requests.update(admin, id, { departmentId: other.departments[0]!.id })).rejects.toMatchObject({
      fieldErrors: { departmentId: [expect.stringMatching(/this municipality's departments/)] },
    });
    await setDepartmentArchived(admin, town.id, clerk!.id, true);
    await expect(requests.update(admin, id, { departmentId: clerk!.id })).rejects.toMatchObject({
      fieldErrors: { departmentId: [expect.stringMatching(/archived/)] },
    });
    // Archived after it was chosen: the record keeps it and can still be saved.
    await setDepartmentArchived(admin, town.id, works!.id, true);
    await requests.update(admin, id, { departmentId: works!.id, status: "IN_PROGRESS" });
    expect((await testPrisma().serviceRequest.findUniqueOrThrow({ where: { id } })).departmentId).toBe(works!.id);
  });

  it("can never be deleted, and is out of reach for other municipalities and for a manager", async () => {
    const { town, admin } = await freshTownWithAdmin();
    const { admin: otherAdmin } = await freshTownWithAdmin();
    const manager = await freshViewer(town.id, ["manager"]);
    const works = town.departments[0]!;
    expect(admin.ability.can("delete", subjectOf("Department", works))).toBe(false);
    expect(admin.ability.can("update", subjectOf("Department", works), "archivedAt")).toBe(true);
    await expect(setDepartmentArchived(otherAdmin, town.id, works.id, true)).rejects.toBeInstanceOf(NotFoundError);
    await expect(renameDepartment(otherAdmin, town.id, works.id, { name: "Taken over" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(departmentDetail(otherAdmin, town.id, works.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listDepartments(manager, town.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(createDepartment(manager, town.id, { name: "Shadow IT" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await testPrisma().department.findUniqueOrThrow({ where: { id: works.id } })).archivedAt).toBeNull();
  });
});
