-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "scimFamilyName" TEXT,
ADD COLUMN     "scimGivenName" TEXT,
ADD COLUMN     "scimLinkedAt" TIMESTAMP(3),
ADD COLUMN     "scimUserName" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Membership_municipalityId_scimUserName_key" ON "Membership"("municipalityId", "scimUserName");

