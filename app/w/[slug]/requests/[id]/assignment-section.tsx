// The request page's "Assignment and tags" section: the assignee picker for those whose policy
// lets them change the assignee on this request (offering only the people who may work it, and
// "Unassigned"), and the tag picker for those who may change its tags (the municipality's tags in
// use, plus any archived one the request already has). Nothing here decides: lib/data answers
// who may be offered and refuses anything else again when the form is saved.
import { assigneeChoices } from "@/lib/data/assignees";
import { tagChoices } from "@/lib/data/request-tags";
import type { DetailSectionProps } from "@/app/_components/records/detail-page";
import { AssigneeForm, TagsForm } from "./assignment-forms";

export async function AssignmentSection({ slug, viewer, municipalityId, record, can }: DetailSectionProps) {
  const canAssign = can.canUpdate && can.editableFields.includes("assigneeId");
  // Tags are chosen where they can be both seen and changed.
  const canTag = can.canUpdate && can.editableFields.includes("tags") && Array.isArray(record.tags);
  if (!canAssign && !canTag) return null;
  const updatedAt = record.updatedAt instanceof Date ? record.updatedAt.toISOString() : undefined;
  const hidden = { slug, id: record.id, ...(updatedAt ? { expectedUpdatedAt: updatedAt } : {}) };
  const people = canAssign ? await assigneeChoices(viewer, record.id, municipalityId) : null;
  const own = new Set(canTag ? (record.tags as string[]) : []);
  const tags = canTag ? (await tagChoices(viewer, municipalityId)).filter((t) => !t.archived || own.has(t.id)) : [];
  return (
    <section
      aria-labelledby="assign-h"
      className="grid gap-6 rounded-lg border border-slate-200 bg-white p-5 lg:grid-cols-2"
    >
      <h2 id="assign-h" className="font-semibold lg:col-span-2">
        Assignment and tags
      </h2>
      {people && (
        <AssigneeForm
          hidden={hidden}
          choices={
            people.current && !people.choices.some((c) => c.id === people.current!.id)
              ? [...people.choices, people.current]
              : people.choices
          }
          current={people.current?.id ?? ""}
        />
      )}
      {canTag && (
        <TagsForm
          hidden={hidden}
          tags={tags.map((t) => ({ id: t.id, label: t.archived ? `${t.label} (archived)` : t.label }))}
          current={[...own]}
        />
      )}
    </section>
  );
}
