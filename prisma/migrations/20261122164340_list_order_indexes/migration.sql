-- DropIndex
DROP INDEX "ServiceRequest_municipalityId_createdAt_id_idx";

-- DropIndex
DROP INDEX "ServiceRequest_municipalityId_isPublic_createdAt_idx";

-- CreateIndex
CREATE INDEX "ServiceRequest_municipalityId_createdAt_id_idx" ON "ServiceRequest"("municipalityId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ServiceRequest_municipalityId_isPublic_createdAt_id_idx" ON "ServiceRequest"("municipalityId", "isPublic", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ServiceRequest_municipalityId_assigneeId_createdAt_idx" ON "ServiceRequest"("municipalityId", "assigneeId", "createdAt" DESC);

