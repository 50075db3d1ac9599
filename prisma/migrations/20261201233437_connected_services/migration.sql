-- CreateEnum
CREATE TYPE "ServiceGrantEnd" AS ENUM ('REVOKED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ServiceDeliveryKind" AS ENUM ('BACKCHANNEL_LOGOUT', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "ServiceDeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'GAVE_UP');

-- CreateEnum
CREATE TYPE "AccessCheckStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "clientId" TEXT NOT NULL,
    "clientSecretHash" TEXT NOT NULL,
    "clientSecretHint" TEXT NOT NULL,
    "redirectUris" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "postLogoutRedirectUris" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "backchannelLogoutUri" TEXT,
    "webhookUrl" TEXT,
    "webhookSecretCipher" TEXT,
    "resourceTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "accessStates" "MembershipStatus"[] DEFAULT ARRAY[]::"MembershipStatus"[],
    "disabledAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceGrant" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "municipalityId" TEXT,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "grantedById" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endedById" TEXT,
    "endKind" "ServiceGrantEnd",
    "endReason" TEXT,

    CONSTRAINT "ServiceGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceLink" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "municipalityId" TEXT,
    "userId" TEXT NOT NULL,
    "firstSignInAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSignInAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,

    CONSTRAINT "ServiceLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceDelivery" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "municipalityId" TEXT,
    "userId" TEXT,
    "kind" "ServiceDeliveryKind" NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "ServiceDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastStatusCode" INTEGER,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessCheck" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "municipalityId" TEXT,
    "reason" TEXT NOT NULL,
    "group" TEXT,
    "state" "MembershipStatus",
    "total" INTEGER NOT NULL DEFAULT 0,
    "checked" INTEGER NOT NULL DEFAULT 0,
    "ended" INTEGER NOT NULL DEFAULT 0,
    "cursor" TEXT,
    "status" "AccessCheckStatus" NOT NULL DEFAULT 'RUNNING',
    "lastError" TEXT,
    "requestedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "AccessCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServicePolicyGrant" (
    "slug" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServicePolicyGrant_pkey" PRIMARY KEY ("slug","group")
);

-- CreateTable
CREATE TABLE "OidcPayload" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "grantId" TEXT,
    "userCode" TEXT,
    "uid" TEXT,
    "accountId" TEXT,
    "clientId" TEXT,
    "expiresAt" TIMESTAMP(3),
    "consumedAt" TIMESTAMP(3),

    CONSTRAINT "OidcPayload_pkey" PRIMARY KEY ("type","id")
);

-- CreateTable
CREATE TABLE "OidcSigningKey" (
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "privateJwkCipher" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "OidcSigningKey_pkey" PRIMARY KEY ("kid")
);

-- CreateIndex
CREATE UNIQUE INDEX "Service_clientId_key" ON "Service"("clientId");

-- CreateIndex
CREATE INDEX "Service_slug_idx" ON "Service"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Service_municipalityId_slug_key" ON "Service"("municipalityId", "slug");

-- CreateIndex
CREATE INDEX "ServiceGrant_serviceId_userId_idx" ON "ServiceGrant"("serviceId", "userId");

-- CreateIndex
CREATE INDEX "ServiceGrant_userId_idx" ON "ServiceGrant"("userId");

-- CreateIndex
CREATE INDEX "ServiceGrant_expiresAt_idx" ON "ServiceGrant"("expiresAt");

-- CreateIndex
CREATE INDEX "ServiceLink_userId_idx" ON "ServiceLink"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceLink_serviceId_userId_key" ON "ServiceLink"("serviceId", "userId");

-- CreateIndex
CREATE INDEX "ServiceDelivery_status_nextAttemptAt_idx" ON "ServiceDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ServiceDelivery_serviceId_createdAt_idx" ON "ServiceDelivery"("serviceId", "createdAt");

-- CreateIndex
CREATE INDEX "AccessCheck_serviceId_startedAt_idx" ON "AccessCheck"("serviceId", "startedAt");

-- CreateIndex
CREATE INDEX "OidcPayload_grantId_idx" ON "OidcPayload"("grantId");

-- CreateIndex
CREATE INDEX "OidcPayload_uid_idx" ON "OidcPayload"("uid");

-- CreateIndex
CREATE INDEX "OidcPayload_accountId_clientId_idx" ON "OidcPayload"("accountId", "clientId");

-- CreateIndex
CREATE INDEX "OidcPayload_expiresAt_idx" ON "OidcPayload"("expiresAt");

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceGrant" ADD CONSTRAINT "ServiceGrant_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceLink" ADD CONSTRAINT "ServiceLink_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceDelivery" ADD CONSTRAINT "ServiceDelivery_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

