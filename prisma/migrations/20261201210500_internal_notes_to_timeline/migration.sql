-- The one overwritten notes field becomes the timeline's first internal note (issue 18): each
-- request's existing internalNotes is one INTERNAL_NOTE entry (author unknown, dated when the
-- request was last changed), and the column is emptied so notes live in one place only. The
-- column stays (read-only, no form or API writes it) because the policy files and their tests
-- still name it; a later migration can drop it.
INSERT INTO "RequestEvent" ("id", "municipalityId", "requestId", "kind", "authorId", "body", "onPublicRequest", "reporterUserId", "createdAt")
SELECT 'note-' || replace(gen_random_uuid()::text, '-', ''), sr."municipalityId", sr."id", 'INTERNAL_NOTE'::"RequestEventKind", NULL,
       sr."internalNotes", sr."isPublic", sr."reporterUserId", sr."updatedAt"
  FROM "ServiceRequest" sr
 WHERE sr."internalNotes" IS NOT NULL AND btrim(sr."internalNotes") <> '';

UPDATE "ServiceRequest" SET "internalNotes" = NULL WHERE "internalNotes" IS NOT NULL;
