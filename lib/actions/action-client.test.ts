// The action client reads a form's fields by name for its schemas, and every server action is
// declared with it: a file that parses, resolves identity or catches errors by hand again fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formFields, formList, formText, pick } from "./action-client";

const ROOT = path.resolve(import.meta.dirname, "../..");

function filesUnder(dir: string, keep: (rel: string, src: string) => boolean): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return filesUnder(rel, keep);
    return /\.tsx?$/.test(name) && keep(rel, readFileSync(path.join(ROOT, rel), "utf8")) ? [rel] : [];
  });
}
const serverActionFiles = (dir: string) => filesUnder(dir, (_, src) => /^\s*["']use server["']/.test(src));

describe("form fields", () => {
  it("reads only the names a schema declares, wraps a single value where a list is wanted, keeps repeats", () => {
    const form = new FormData();
    form.append("slug", "riverton");
    form.append("reason", "r");
    form.append("groups", "editor");
    form.append("extra", "x");
    form.append("tags", "a");
    form.append("tags", "b");
    const schema = z.object({ reason: formText, groups: formList, tags: formList, missing: formText }).strict();
    const picked = pick(schema, formFields(form));
    expect(picked).toEqual({ reason: "r", groups: ["editor"], tags: ["a", "b"] });
    expect(schema.parse(picked)).toEqual({ reason: "r", groups: ["editor"], tags: ["a", "b"], missing: "" });
  });

  it("keeps a field named __proto__ an own property, not the record's prototype", () => {
    const form = new FormData();
    form.append("__proto__", "polluted");
    const fields = formFields(form);
    expect(Object.hasOwn(fields, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });
});

describe("every server action", () => {
  const files = serverActionFiles("app");

  it("is found", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)(
    "in %s is declared with defineAction (the record actions through recordActions, which uses it), with no hand-written identity, parsing or error mapping",
    (file) => {
      const src = readFileSync(path.join(ROOT, file), "utf8");
      // lib/actions/services.ts declares both consoles' service actions with defineAction once.
      expect(src).toMatch(/defineAction\(|recordActions\(|\b(admin|platform)ServiceActions\b/);
      const byHand = [
        [/from "@\/lib\/auth\/(current-)?session"/, "reads the session itself"],
        [/from "@\/lib\/security\/action-input"/, "checks the FormData itself"],
        [/\bfailure\b/, "maps errors itself"],
        [/\brevalidatePath\b/, "revalidates itself"],
        [/\bsafeParse\(/, "parses itself"],
        [/\btry\s*\{/, "catches errors itself"],
      ] as const;
      expect(byHand.filter(([re]) => re.test(src)).map(([, what]) => what)).toEqual([]);
    },
  );
});

// Workspace and portal pages (app/w, app/m) are helper R's; the others read their scope through
// lib/pages/scope.ts or requireAdminPage, which turn "outside your reach" into the 404 page.
describe("every page outside app/w and app/m", () => {
  const pages = filesUnder("app", (rel) => /\/page\.tsx$/.test(rel) && !/^app\/(w|m)\//.test(rel));

  it.each(pages)("%s uses the scope helpers, not a hand-rolled try/catch", (file) => {
    const src = readFileSync(path.join(ROOT, file), "utf8");
    expect({
      tryCatch: /\btry\s*\{/.test(src),
      notFoundError: /\bNotFoundError\b/.test(src),
      adminMunicipality: /\badminMunicipality\(/.test(src),
    }).toEqual({ tryCatch: false, notFoundError: false, adminMunicipality: false });
  });
});
