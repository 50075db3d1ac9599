-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'admin';

