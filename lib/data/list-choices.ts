// The choices of a record list's filters that come from the municipality (FilterDef.choices):
// its districts (the areas it names), its departments in use, its tags, and for the assignee filter "Assigned to me", "Unassigned"
// and the colleagues the viewer may see by name. Each read goes through the viewer's reach like
// every other (tags by the RequestTag policy, people by the Membership policy).
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy } from "@/lib/policy/casl";
import type { Viewer } from "@/lib/identity/viewer";
import { departmentsOf } from "./municipalities";
import { tagChoices } from "./request-tags";

export type ChoiceKind = "areas" | "departments" | "tags" | "assignees";
export type Choices = Partial<Record<ChoiceKind, [value: string, label: string][]>>;

export async function filterChoices(
  viewer: Viewer,
  municipality: { id: string; districts: readonly string[] },
  kinds: readonly ChoiceKind[],
): Promise<Choices> {
  const municipalityId = municipality.id;
  const want = new Set(kinds);
  const [departments, tags, people] = await Promise.all([
    want.has("departments") ? departmentsOf(municipalityId) : [],
    want.has("tags") ? tagChoices(viewer, municipalityId) : [],
    want.has("assignees")
      ? db.membership.findMany({
          where: {
            AND: [
              accessibleBy(viewer.ability, "read").ofType("Membership"),
              { municipalityId, status: "ACTIVE", user: { isActive: true } },
            ],
          },
          select: { user: { select: { id: true, name: true, email: true } } },
          orderBy: { user: { name: "asc" } },
          take: 500,
        })
      : [],
  ]);
  const me = viewer.principal.kind === "user" ? viewer.principal.userId : null;
  const out: Choices = {};
  if (want.has("areas")) out.areas = municipality.districts.map((d) => [d, d]);
  if (want.has("departments")) out.departments = departments.map((d) => [d.id, d.name]);
  if (want.has("tags")) out.tags = tags.map((t) => [t.id, t.archived ? `${t.label} (archived)` : t.label]);
  if (want.has("assignees"))
    out.assignees = [
      ["me", "Assigned to me"],
      ["none", "Unassigned"],
      ...people.filter((m) => m.user.id !== me).map((m): [string, string] => [m.user.id, m.user.name ?? m.user.email]),
    ];
  return out;
}
