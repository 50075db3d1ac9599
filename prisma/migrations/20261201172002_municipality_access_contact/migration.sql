-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "accessContact" TEXT,
ADD COLUMN     "showSuspensionReason" BOOLEAN NOT NULL DEFAULT true;

