-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "inactivityDays" INTEGER DEFAULT 90;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "reactivatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "reactivatedAt" TIMESTAMP(3);

