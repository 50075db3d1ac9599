import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next/**", ".data/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "bench/out/**"] },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // app/ never touches Prisma for record data: it goes through lib/data (policies apply there).
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["@/lib/generated/prisma/*", "@prisma/client", "**/generated/prisma/*"], message: "Read records through lib/data; enum values come from @/lib/schemas/enums." },
          { group: ["@/lib/db"], message: "Read records through lib/data; app/ never holds the Prisma client." },
        ],
      }],
    },
  },
];

export default config;
