-- CreateEnum
CREATE TYPE "SsoProtocol" AS ENUM ('OIDC', 'SAML');

-- CreateEnum
CREATE TYPE "PlatformGrantChange" AS ENUM ('GRANT', 'REVOKE');

-- CreateEnum
CREATE TYPE "PlatformGrantStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');

-- DropIndex
DROP INDEX "SsoConnection_municipalityId_key";

-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "archivedById" TEXT,
ADD COLUMN     "disabledCategories" "ServiceCategory"[] DEFAULT ARRAY[]::"ServiceCategory"[],
ADD COLUMN     "emailDomains" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "SsoConnection" ADD COLUMN     "claimMappings" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "displayName" TEXT,
ADD COLUMN     "protocol" "SsoProtocol" NOT NULL DEFAULT 'OIDC',
ADD COLUMN     "samlAttributeMap" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "samlClockSkewSeconds" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "samlIdpCertificates" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "samlIdpEntityId" TEXT,
ADD COLUMN     "samlIdpSsoUrl" TEXT,
ADD COLUMN     "samlMetadataUrl" TEXT,
ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY['openid', 'email', 'profile']::TEXT[],
ALTER COLUMN "issuer" DROP NOT NULL,
ALTER COLUMN "clientId" DROP NOT NULL,
ALTER COLUMN "clientSecretCipher" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Department" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "scimExternalId" TEXT;

-- CreateTable
CREATE TABLE "PlatformGrantRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "change" "PlatformGrantChange" NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "PlatformGrantStatus" NOT NULL DEFAULT 'PENDING',
    "proposedById" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "PlatformGrantRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimConnection" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tokenHint" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotatedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ScimConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryGroup" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "externalId" TEXT,
    "displayName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirectoryGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryGroupMember" (
    "groupId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,

    CONSTRAINT "DirectoryGroupMember_pkey" PRIMARY KEY ("groupId","membershipId")
);

-- CreateIndex
CREATE INDEX "PlatformGrantRequest_status_proposedAt_idx" ON "PlatformGrantRequest"("status", "proposedAt");

-- CreateIndex
CREATE INDEX "PlatformGrantRequest_userId_idx" ON "PlatformGrantRequest"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ScimConnection_municipalityId_key" ON "ScimConnection"("municipalityId");

-- CreateIndex
CREATE UNIQUE INDEX "ScimConnection_tokenHash_key" ON "ScimConnection"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryGroup_municipalityId_displayName_key" ON "DirectoryGroup"("municipalityId", "displayName");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryGroup_municipalityId_externalId_key" ON "DirectoryGroup"("municipalityId", "externalId");

-- CreateIndex
CREATE INDEX "DirectoryGroupMember_membershipId_idx" ON "DirectoryGroupMember"("membershipId");

-- CreateIndex
CREATE UNIQUE INDEX "SsoConnection_municipalityId_protocol_key" ON "SsoConnection"("municipalityId", "protocol");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_municipalityId_scimExternalId_key" ON "Membership"("municipalityId", "scimExternalId");

-- AddForeignKey
ALTER TABLE "ScimConnection" ADD CONSTRAINT "ScimConnection_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryGroup" ADD CONSTRAINT "DirectoryGroup_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryGroupMember" ADD CONSTRAINT "DirectoryGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DirectoryGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryGroupMember" ADD CONSTRAINT "DirectoryGroupMember_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Email domains now also live in "emailDomains" (the domains a municipality's identity providers
-- speak for, set in the platform console). A domain belongs to one municipality at most across
-- both columns, in any letter case: the same trigger function, now over the union.
CREATE OR REPLACE FUNCTION "municipality_domains_unique"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  taken record;
BEGIN
  PERFORM pg_advisory_xact_lock(727274013);
  SELECT lower(d) AS domain, m.slug AS slug INTO taken
    FROM "Municipality" m, unnest(m."selfRegistrationDomains" || m."emailDomains") AS d
    WHERE m.id <> NEW.id
      AND lower(d) IN (SELECT lower(x) FROM unnest(NEW."selfRegistrationDomains" || NEW."emailDomains") AS x)
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'the email domain "%" is already claimed by municipality %', taken.domain, taken.slug;
  END IF;
  RETURN NEW;
END;
$$;

DROP TRIGGER "Municipality_selfRegistrationDomains_unique" ON "Municipality";
CREATE TRIGGER "Municipality_domains_unique"
  BEFORE INSERT OR UPDATE OF "selfRegistrationDomains", "emailDomains" ON "Municipality"
  FOR EACH ROW EXECUTE FUNCTION "municipality_domains_unique"();
