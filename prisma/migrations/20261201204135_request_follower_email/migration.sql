-- CreateIndex
CREATE UNIQUE INDEX "RequestFollower_requestId_email_key" ON "RequestFollower"("requestId", "email");

