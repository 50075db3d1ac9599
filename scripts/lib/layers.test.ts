// The layer arrows (eslint.config.mjs LAYERS, DESIGN.md "Layers") hold for every import in lib/,
// there is no cycle between lib folders, and an import against the arrows fails the lint — so
// `npm test` (lint, then this suite) stops a change that points a layer back up.
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import { LAYERS } from "../../eslint.config.mjs";
import { folderCycles, libEdges, ROOT, type Edge } from "./layer-graph";

const layers = LAYERS;
const folderName = (unit: string) => unit.replace(/^lib\//, "");

describe("lib folder graph", () => {
  const edges = libEdges();

  it("names every lib folder and top-level lib module in LAYERS", () => {
    const units = new Set(edges.flatMap((e) => [e.from, e.to]).map(folderName));
    expect([...units].filter((u) => !(u in layers)).sort()).toEqual([]);
  });

  it("has only imports the arrows allow (type-only and dynamic imports included)", () => {
    const against = edges.filter((e) => !layers[folderName(e.from)]?.includes(folderName(e.to)));
    expect(against.map((e) => `${e.file} imports ${e.specifier}`)).toEqual([]);
  });

  it("has no cycle between lib folders", () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it("finds a cycle when there is one (the check can fail)", () => {
    const e = (from: string, to: string): Edge => ({ from, to, file: `${from}/x.ts`, specifier: `@/${to}/y` });
    expect(
      folderCycles([
        e("lib/auth", "lib/data"),
        e("lib/data", "lib/policy"),
        e("lib/policy", "lib/auth"),
        e("lib/flows", "lib/auth"),
      ]),
    ).toEqual([["lib/auth", "lib/data", "lib/policy"]]);
    expect(folderCycles([e("lib/auth", "lib/data"), e("lib/data", "lib/policy")])).toEqual([]);
  });

  it("keeps lib/identity a leaf and lib/policy free of the database and lib/auth", () => {
    expect(layers.identity).toEqual([]);
    for (const banned of ["auth", "data", "db", "flows"]) expect(layers.policy).not.toContain(banned);
    expect(layers.records).not.toContain("data");
  });
});

describe("the lint enforces the arrows", () => {
  const eslint = new ESLint({ cwd: ROOT });
  const layerErrors = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
  };

  it.each([
    ["lib/identity/probe.ts", `import type { Viewer } from "@/lib/data/anonymous-viewer";\nexport type X = Viewer;\n`],
    ["lib/identity/probe.ts", `import { db } from "@/lib/db";\nexport const x = db;\n`],
    ["lib/policy/probe.ts", `import { getViewer } from "@/lib/auth/current-session";\nexport const x = getViewer;\n`],
    ["lib/policy/probe.ts", `import { db } from "@/lib/db";\nexport const x = db;\n`],
    ["lib/data/probe.ts", `import { invite } from "@/lib/flows/invite";\nexport const x = invite;\n`],
    ["lib/data/probe.ts", `import { getViewer } from "@/lib/auth/current-session";\nexport const x = getViewer;\n`],
    ["lib/auth/probe.ts", `import { x } from "../flows/invite";\nexport const y = x;\n`],
    ["lib/records/probe.ts", `import { x } from "@/lib/data/statistics";\nexport const y = x;\n`],
    ["lib/mail/probe.ts", `import { x } from "@/lib/auth/viewer";\nexport const y = x;\n`],
    ["app/probe/page.tsx", `import { db } from "@/lib/db";\nexport const x = db;\n`],
    ["app/probe/page.tsx", `import { recordAudit } from "@/lib/audit/record";\nexport const x = recordAudit;\n`],
  ])("%s: %s fails", async (file, code) => {
    expect(await layerErrors(file, code)).toHaveLength(1);
  });

  it.each([
    [
      "lib/identity/probe.ts",
      `import type { ServiceCategory } from "@/lib/generated/prisma/enums";\nimport type { Principal } from "./principal";\nexport type X = [Principal, ServiceCategory];\n`,
    ],
    ["lib/policy/probe.ts", `import type { Principal } from "@/lib/identity/principal";\nexport type X = Principal;\n`],
    [
      "lib/data/probe.ts",
      `import { buildAbility } from "@/lib/policy/ability";\nimport type { Viewer } from "@/lib/identity/viewer";\nexport const x = buildAbility;\nexport type V = Viewer;\n`,
    ],
    [
      "lib/auth/probe.ts",
      `import { anonymousViewer } from "@/lib/data/anonymous-viewer";\nexport const x = anonymousViewer;\n`,
    ],
    ["lib/flows/probe.ts", `import { getViewer } from "@/lib/auth/current-session";\nexport const x = getViewer;\n`],
    [
      "app/probe/page.tsx",
      `import { listMunicipalities } from "@/lib/data/municipalities";\nexport const x = listMunicipalities;\n`,
    ],
  ])("%s: %s passes", async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

  it("lets a test file set up from any layer", async () => {
    expect(
      await layerErrors("lib/policy/probe.test.ts", `import { db } from "@/lib/db";\nexport const x = db;\n`),
    ).toEqual([]);
  });
});
