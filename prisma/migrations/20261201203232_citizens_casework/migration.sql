-- CreateEnum
CREATE TYPE "RequestEventKind" AS ENUM ('CREATED', 'STATUS_CHANGED', 'ASSIGNED', 'INTERNAL_NOTE', 'PUBLIC_COMMENT', 'TAGS_CHANGED', 'PHOTO_ADDED', 'PHOTO_PUBLISHED');

-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "reportsPublicAtOnce" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "requestCounter" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "isCitizen" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ServiceRequest" ADD COLUMN     "approxLatitude" DOUBLE PRECISION,
ADD COLUMN     "approxLongitude" DOUBLE PRECISION,
ADD COLUMN     "reporterUserId" TEXT,
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "kind" "RequestEventKind" NOT NULL,
    "authorId" TEXT,
    "body" TEXT,
    "fromStatus" "ServiceRequestStatus",
    "toStatus" "ServiceRequestStatus",
    "assigneeId" TEXT,
    "photoId" TEXT,
    "onPublicRequest" BOOLEAN NOT NULL DEFAULT false,
    "reporterUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestPhoto" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "thumbKey" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "isPublished" BOOLEAN NOT NULL DEFAULT false,
    "onPublicRequest" BOOLEAN NOT NULL DEFAULT false,
    "reporterUserId" TEXT,
    "publishedAt" TIMESTAMP(3),
    "publishedById" TEXT,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredObject" (
    "key" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredObject_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RequestFollower" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "userId" TEXT,
    "email" TEXT,
    "tokenHash" TEXT,
    "tokenExpiresAt" TIMESTAMP(3),
    "unsubscribedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestFollower_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestTag" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestTag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestEvent_requestId_createdAt_id_idx" ON "RequestEvent"("requestId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "RequestEvent_municipalityId_createdAt_idx" ON "RequestEvent"("municipalityId", "createdAt");

-- CreateIndex
CREATE INDEX "RequestPhoto_requestId_createdAt_idx" ON "RequestPhoto"("requestId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RequestFollower_tokenHash_key" ON "RequestFollower"("tokenHash");

-- CreateIndex
CREATE INDEX "RequestFollower_userId_idx" ON "RequestFollower"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "RequestFollower_requestId_userId_key" ON "RequestFollower"("requestId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "RequestTag_municipalityId_label_key" ON "RequestTag"("municipalityId", "label");

-- CreateIndex
CREATE INDEX "ServiceRequest_reporterUserId_idx" ON "ServiceRequest"("reporterUserId");

-- CreateIndex
CREATE INDEX "ServiceRequest_tags_idx" ON "ServiceRequest" USING GIN ("tags");

-- AddForeignKey
ALTER TABLE "RequestEvent" ADD CONSTRAINT "RequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ServiceRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestPhoto" ADD CONSTRAINT "RequestPhoto_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ServiceRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestFollower" ADD CONSTRAINT "RequestFollower_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ServiceRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestTag" ADD CONSTRAINT "RequestTag_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Existing rows: each municipality's counter starts after the requests it already has (new
-- references skip any number already taken, lib/data/request-reference.ts), and the public's
-- coarse location is the exact one snapped to the grid of lib/schemas/coarse-location.ts.
UPDATE "Municipality" m SET "requestCounter" = (SELECT count(*) FROM "ServiceRequest" r WHERE r."municipalityId" = m.id);
UPDATE "ServiceRequest" SET
  "approxLatitude" = round(("latitude" / 0.0025)::numeric) * 0.0025,
  "approxLongitude" = round(("longitude" / 0.0025)::numeric) * 0.0025
WHERE "latitude" IS NOT NULL AND "longitude" IS NOT NULL;
