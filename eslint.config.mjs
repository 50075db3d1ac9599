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
  {
    // A form submitted before JavaScript has loaded is submitted by the browser: without
    // method="post" that is a GET, with every field (a password, an email) in the URL. Forms
    // with a server action (action={fn}) get method="POST" from React; search forms say "get".
    files: ["app/**/*.tsx"],
    rules: {
      "no-restricted-syntax": ["error", {
        selector: 'JSXOpeningElement[name.name="form"]:not(:has(JSXAttribute[name.name="method"])):not(:has(JSXAttribute[name.name="action"]))',
        message: 'Give every <form> a method: "post", or "get" for a search form without secrets (or a server action as its action).',
      }],
    },
  },
];

export default config;
