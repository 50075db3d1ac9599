-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

