// Config for Prisma 6.19's CLI, used only by scripts/lib/prisma6.ts to produce migration SQL
// offline with its WASM schema engine (TOOLCHAIN.md). The app itself runs Prisma 7.
const config = {
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaPg({ connectionString: process.env.P6_URL });
  },
};

export default config;
