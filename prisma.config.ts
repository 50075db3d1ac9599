// Prisma 7 CLI configuration (used by `prisma generate`; migrations are applied by
// scripts/migrate.ts because the schema engine cannot be downloaded on offline machines).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
