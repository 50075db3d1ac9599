-- AlterTable
ALTER TABLE "SsoConnection" ADD COLUMN     "mfaAcrValues" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "mfaAmrValues" TEXT[] DEFAULT ARRAY[]::TEXT[];

