// The admin console's "explain" form: may this person do this, and which rule decides? Only for
// people of the admin's own municipality and records the admin may read themselves.
import "server-only";
import { db } from "@/lib/db";
import { accessibleBy } from "@/lib/policy/casl";
import { isRecordModel, RECORD_MODELS } from "@/lib/records";
import { readableRowIn } from "@/lib/data/scoped-records";
import { explain } from "@/lib/policy/explain";
import { ACTIONS, type Action, type SubjectName } from "@/lib/policy/subjects";
import { loadUserPrincipal } from "@/lib/auth/load-principal";
import { viewerFor } from "@/lib/auth/viewer";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import { adminMunicipality } from "./admin-scope";

const SUBJECTS = [...RECORD_MODELS, "Statistics"] as const;

export async function explainForAdmin(
  viewer: Viewer,
  slug: string,
  q: { email: string; action: string; subject: string; recordId?: string },
) {
  const muni = await adminMunicipality(viewer, slug);
  if (!(ACTIONS as readonly string[]).includes(q.action)) throw new ValidationError("Unknown action.");
  if (!(SUBJECTS as readonly string[]).includes(q.subject)) throw new ValidationError("Unknown record type.");
  const m = await db.membership.findFirst({
    where: {
      AND: [
        accessibleBy(viewer.ability, "read").ofType("Membership"),
        { municipalityId: muni.id, user: { email: q.email.toLowerCase() } },
      ],
    },
    select: { userId: true },
  });
  if (!m) throw new NotFoundError("No such person in this municipality.");
  let row: Record<string, unknown> | undefined;
  if (q.recordId && isRecordModel(q.subject)) {
    // The admin must be able to read the record to ask about it (the whole row: conditions may
    // look at columns the admin's own view would not show).
    row = (await readableRowIn(viewer, q.subject, q.recordId, muni.id)) ?? undefined;
    if (!row) throw new NotFoundError("No such record here.");
  } else {
    row = { municipalityId: muni.id, ...(q.subject === "Statistics" ? { scope: "internal" } : {}) };
  }
  const them = await viewerFor(await loadUserPrincipal(m.userId));
  const e = explain(them.ability, q.action as Action, q.subject as SubjectName, row);
  return { text: e.text, allowed: e.allowed };
}
