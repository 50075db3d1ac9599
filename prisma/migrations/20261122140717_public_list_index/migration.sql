-- CreateIndex
CREATE INDEX "ServiceRequest_isPublic_createdAt_id_idx" ON "ServiceRequest"("isPublic", "createdAt" DESC, "id" DESC);

