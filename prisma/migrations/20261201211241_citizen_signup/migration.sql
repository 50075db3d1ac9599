-- CreateTable
CREATE TABLE "CitizenSignup" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "email" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CitizenSignup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CitizenSignup_tokenHash_key" ON "CitizenSignup"("tokenHash");

-- CreateIndex
CREATE INDEX "CitizenSignup_email_idx" ON "CitizenSignup"("email");

