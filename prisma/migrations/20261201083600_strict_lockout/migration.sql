-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "lockoutUntilUnlocked" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "signInLockedAt" TIMESTAMP(3);

