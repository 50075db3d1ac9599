-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hashVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "brokenAt" BIGINT,
    "mac" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("id")
);

