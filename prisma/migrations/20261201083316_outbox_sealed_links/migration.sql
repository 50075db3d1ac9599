-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "invitationId" TEXT,
ADD COLUMN     "linkCipher" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_invitationId_idx" ON "OutboxMessage"("invitationId");


-- Before this migration the invitation and registration links stood readable in the text (issue
-- 13). Remove them from every stored mail; a link mail still waiting has lost its link, so it is
-- given up (the invitation can be sent again, with a new link).
UPDATE "OutboxMessage" SET "status" = 'FAILED', "lastError" = 'link withdrawn: stored readable before the upgrade; send the invitation again'
WHERE "status" = 'PENDING' AND "template" IN ('invitation', 'registration');
UPDATE "OutboxMessage" SET "text" = regexp_replace("text", '/invite/[A-Za-z0-9_-]+', '/invite/[link removed]', 'g')
WHERE "text" ~ '/invite/[A-Za-z0-9_-]';
