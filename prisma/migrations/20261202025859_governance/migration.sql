-- CreateEnum
CREATE TYPE "AccessReviewScope" AS ENUM ('ALL', 'GROUP', 'PRIVILEGED');

-- CreateEnum
CREATE TYPE "AccessReviewUndecided" AS ENUM ('KEEP', 'SUSPEND');

-- CreateEnum
CREATE TYPE "AccessReviewStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "AccessReviewDecision" AS ENUM ('CONFIRM', 'CHANGE', 'REVOKE');

-- CreateEnum
CREATE TYPE "AccessReviewOutcome" AS ENUM ('CONFIRMED', 'CHANGED', 'REVOKED', 'KEPT_UNDECIDED', 'SUSPENDED_UNDECIDED', 'MOOT');

-- CreateTable
CREATE TABLE "AccessReview" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "AccessReviewScope" NOT NULL,
    "group" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "undecidedRule" "AccessReviewUndecided" NOT NULL DEFAULT 'KEEP',
    "status" "AccessReviewStatus" NOT NULL DEFAULT 'OPEN',
    "createdById" TEXT,
    "scheduleId" TEXT,
    "closedAt" TIMESTAMP(3),
    "reportDigest" TEXT,
    "reportSignature" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessReviewItem" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "groups" TEXT[],
    "snapshot" JSONB NOT NULL,
    "decision" "AccessReviewDecision",
    "keptGroups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "note" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "outcome" "AccessReviewOutcome",
    "appliedAt" TIMESTAMP(3),
    "lastRemindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessReviewSchedule" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "AccessReviewScope" NOT NULL,
    "group" TEXT,
    "everyMonths" INTEGER NOT NULL,
    "dueDays" INTEGER NOT NULL DEFAULT 14,
    "undecidedRule" "AccessReviewUndecided" NOT NULL DEFAULT 'KEEP',
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessReviewSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ViewAsSession" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "adminUserId" TEXT NOT NULL,
    "targetUserId" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,

    CONSTRAINT "ViewAsSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessReview_municipalityId_createdAt_idx" ON "AccessReview"("municipalityId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AccessReview_status_dueAt_idx" ON "AccessReview"("status", "dueAt");

-- CreateIndex
CREATE INDEX "AccessReviewItem_reviewerId_decidedAt_idx" ON "AccessReviewItem"("reviewerId", "decidedAt");

-- CreateIndex
CREATE INDEX "AccessReviewItem_municipalityId_reviewId_idx" ON "AccessReviewItem"("municipalityId", "reviewId");

-- CreateIndex
CREATE INDEX "AccessReviewItem_membershipId_idx" ON "AccessReviewItem"("membershipId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessReviewItem_reviewId_membershipId_key" ON "AccessReviewItem"("reviewId", "membershipId");

-- CreateIndex
CREATE INDEX "AccessReviewSchedule_municipalityId_idx" ON "AccessReviewSchedule"("municipalityId");

-- CreateIndex
CREATE INDEX "AccessReviewSchedule_nextRunAt_idx" ON "AccessReviewSchedule"("nextRunAt");

-- CreateIndex
CREATE INDEX "ViewAsSession_sessionId_endedAt_idx" ON "ViewAsSession"("sessionId", "endedAt");

-- CreateIndex
CREATE INDEX "ViewAsSession_targetUserId_startedAt_idx" ON "ViewAsSession"("targetUserId", "startedAt" DESC);

-- AddForeignKey
ALTER TABLE "AccessReview" ADD CONSTRAINT "AccessReview_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessReview" ADD CONSTRAINT "AccessReview_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "AccessReviewSchedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessReviewItem" ADD CONSTRAINT "AccessReviewItem_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AccessReview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessReviewSchedule" ADD CONSTRAINT "AccessReviewSchedule_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

