import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Layers (DESIGN.md "Layers"): which lib folder may import which, as the code really is. Arrows
// point down; nothing points back up, and there is no cycle between folders.
//
//   app/                          routes, pages, actions: any lib folder below, never lib/db, the
//     ↓                           Prisma client, lib/audit, lib/mail, lib/seed or a query builder
//   lib/actions lib/http lib/export lib/idp   entry adapters: action wrapper, JSON API, CSV, dev IdP
//     ↓                                       (lib/export → lib/http for list parameters)
//   lib/people lib/pages          admin and workspace scope for pages, the people directory
//     ↓                           (lib/people → lib/pages)
//   lib/flows                     one transaction per flow with its audit event and outbox mail
//     ↓                           (a flow that ends access asks lib/services to cut it everywhere)
//   lib/services                  connected applications: OpenID Provider, AuthZEN, deprovisioning
//     ↓
//   lib/auth                      who is asking → Principal → Viewer (via lib/policy)
//     ↓
//   lib/data                      the only Prisma access for records, scoped by the ability
//     ↓
//   lib/records                   one module per governed record type (no lib/data)
//     ↓
//   lib/policy                    pure: policy files → ability; no database, no lib/auth
//     ↓                           (policy-tests.ts reads the seed's test accounts: lib/seed)
//   lib/mail lib/jobs lib/audit lib/rate-limit lib/seed   outbox + queue, audit trail, counters
//     ↓
//   lib/db lib/db-health          the Prisma client (lib/env)
//     ↓
//   lib/identity lib/crypto lib/schemas lib/security lib/errors lib/env lib/db-faults
//   lib/action-result             leaves: import nothing else from lib (action-result: errors)
//
// LAYERS below is the exact list per folder; scripts/lib/layers.test.ts checks every import in
// lib/ (type-only and dynamic ones too) against it, finds folder cycles, and proves that an
// import against the arrows fails this lint. Test files (*.test.ts) may set up from any layer.
const LEAVES = ["identity", "crypto", "schemas", "security", "errors", "env", "db-faults"];
export const LAYERS = {
  identity: [],
  crypto: [],
  schemas: [],
  security: [],
  errors: [],
  env: [],
  "db-faults": [],
  "action-result": ["errors", "db-faults"],
  db: ["env"],
  "db-health": ["env", "db-faults"],
  audit: [...LEAVES, "db"],
  "rate-limit": [...LEAVES, "db"],
  mail: [...LEAVES, "db"],
  jobs: [...LEAVES, "db", "mail"],
  seed: ["identity", "crypto", "schemas"],
  policy: ["identity", "seed"],
  records: [...LEAVES, "policy"],
  storage: [...LEAVES, "db"],
  photos: [...LEAVES],
  data: [...LEAVES, "db", "policy", "records", "audit", "storage", "photos", "clips"],
  auth: [...LEAVES, "db", "policy", "records", "data", "audit", "rate-limit"],
  flows: [
    ...LEAVES,
    "db",
    "policy",
    "records",
    "data",
    "auth",
    "audit",
    "rate-limit",
    "mail",
    "jobs",
    "storage",
    "photos",
    "services",
    "governance",
    "clips",
  ],
  services: [...LEAVES, "db", "policy", "records", "data", "auth", "audit", "rate-limit", "mail", "jobs"],
  actions: [...LEAVES, "action-result", "policy", "records", "data", "auth", "flows", "services", "people", "pages"],
  pages: [...LEAVES, "policy", "records", "data", "auth", "clips"],
  people: [...LEAVES, "db", "policy", "records", "data", "auth", "mail", "jobs", "pages"],
  http: [...LEAVES, "policy", "records", "data", "auth", "clips"],
  export: [...LEAVES, "policy", "records", "data", "auth", "http"],
  idp: ["crypto", "env"],
  scim: [...LEAVES, "db", "policy", "records", "data", "auth", "audit", "rate-limit", "flows"],
  governance: [...LEAVES, "db", "policy", "records", "data", "auth", "export"],
  // Clips (issue 21): the clips schema, roles and runner; lib/flows and lib/data call it.
  clips: [...LEAVES, "policy"],
};

/** Everything under lib/ that `folder` may not import: `@/lib/x` and relative `../x` forms. */
function forbiddenFor(folder) {
  const allowed = new Set([folder, ...LAYERS[folder]]);
  const banned = Object.keys(LAYERS).filter((f) => !allowed.has(f));
  return banned.flatMap((f) => [`@/lib/${f}`, `@/lib/${f}/*`, `../${f}`, `../${f}/*`, `../${f}.ts`]);
}

const layerRules = Object.keys(LAYERS).map((folder) => ({
  files: [`lib/${folder}/**/*.ts`, `lib/${folder}/**/*.tsx`, `lib/${folder}.ts`],
  ignores: ["**/*.test.ts", "**/*.test.tsx"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: forbiddenFor(folder),
            message: `lib/${folder} may import only lib/{${LAYERS[folder].join(",")}} (eslint.config.mjs, LAYERS; DESIGN.md "Layers").`,
          },
        ],
      },
    ],
  },
}));

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".data/**",
      "node_modules/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "bench/out/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...layerRules,
  {
    // app/ never touches Prisma for record data: it goes through lib/data (policies apply there).
    // Nor does it write audit events, send mail, build abilities or queries itself: lib/flows and
    // lib/data do, with the checks that belong to them.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/generated/prisma/*", "@prisma/client", "**/generated/prisma/*"],
              message: "Read records through lib/data; enum values come from @/lib/schemas/enums.",
            },
            { group: ["@/lib/db"], message: "Read records through lib/data; app/ never holds the Prisma client." },
            {
              group: [
                "@/lib/audit",
                "@/lib/audit/*",
                "@/lib/mail",
                "@/lib/mail/*",
                "@/lib/seed",
                "@/lib/seed/*",
                "@/lib/crypto",
                "@/lib/crypto/*",
                "@/lib/rate-limit",
                "@/lib/rate-limit/*",
              ],
              message:
                "app/ calls lib/flows or lib/auth, which write audit events, mail and counters in their own transaction.",
            },
            {
              group: [
                "@/lib/policy/casl",
                "@/lib/policy/ability",
                "@/lib/data/project",
                "@/lib/data/module-switches",
                "@/lib/auth/load-principal",
              ],
              message:
                "Abilities and viewers come from lib/auth (current-session, viewer) or lib/data/anonymous-viewer; queries and projections stay in lib/data.",
            },
          ],
        },
      ],
    },
  },
  {
    // A form submitted before JavaScript has loaded is submitted by the browser: without
    // method="post" that is a GET, with every field (a password, an email) in the URL. Forms
    // with a server action (action={fn}) get method="POST" from React; search forms say "get".
    files: ["app/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            'JSXOpeningElement[name.name="form"]:not(:has(JSXAttribute[name.name="method"])):not(:has(JSXAttribute[name.name="action"]))',
          message:
            'Give every <form> a method: "post", or "get" for a search form without secrets (or a server action as its action).',
        },
      ],
    },
  },
];

export default config;
