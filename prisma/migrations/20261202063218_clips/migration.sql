-- CreateEnum
CREATE TYPE "ClipRunStatus" AS ENUM ('SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "Clip" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sql" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "updatedById" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Clip_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClipRun" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "clipId" TEXT,
    "userId" TEXT NOT NULL,
    "apiTokenId" TEXT,
    "sql" TEXT NOT NULL,
    "status" "ClipRunStatus" NOT NULL,
    "error" TEXT,
    "columns" JSONB NOT NULL DEFAULT '[]',
    "rows" JSONB NOT NULL DEFAULT '[]',
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClipRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Clip_municipalityId_archivedAt_idx" ON "Clip"("municipalityId", "archivedAt");

-- CreateIndex
CREATE INDEX "ClipRun_municipalityId_createdAt_idx" ON "ClipRun"("municipalityId", "createdAt");

-- CreateIndex
CREATE INDEX "ClipRun_clipId_status_createdAt_idx" ON "ClipRun"("clipId", "status", "createdAt");

-- AddForeignKey
ALTER TABLE "Clip" ADD CONSTRAINT "Clip_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClipRun" ADD CONSTRAINT "ClipRun_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClipRun" ADD CONSTRAINT "ClipRun_clipId_fkey" FOREIGN KEY ("clipId") REFERENCES "Clip"("id") ON DELETE SET NULL ON UPDATE CASCADE;

