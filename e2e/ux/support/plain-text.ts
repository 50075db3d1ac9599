// The plain-words check of the page-quality tour (issue 17): what a person reads on a page — its
// visible text, its title and the accessible names and hints in attributes — holds no internal
// id (a cuid, as every id in prisma/schema.prisma is, or a uuid), no raw enum constant of the
// schema (ROADS, PENDING_APPROVAL), no policy subject or field identifier (ServiceRequest,
// createdById) and no group's file name (municipality_admin). The vocabulary comes from the
// generated Prisma enums and fields and from the policy files, so a new enum value or field is
// checked the moment it exists. `findInternalNames` is pure (the self-test feeds it a broken
// page); `pageTexts` reads a page the way a person sees it: text nodes of visible elements, as
// written (not through CSS text-transform, which would turn a styled "Active" into "ACTIVE").
import type { Page } from "@playwright/test";
import * as enums from "../../../lib/generated/prisma/enums";
import { loadPolicies } from "../../../lib/policy/load";
import { MODEL_FIELDS } from "../../../lib/policy/subjects";

export type Finding = { kind: "id" | "enum" | "subject" | "field" | "group"; word: string; context: string };

/**
 * Words that look internal but are what a person must read, each with the reason, on every page
 * or only on the pages `on` matches.
 */
export const ALLOWED: { word: string; on?: RegExp; reason: string }[] = [
  { word: "OIDC", reason: "the protocol's own name (OpenID Connect), written so in every identity provider's console" },
  { word: "SAML", reason: "the protocol's own name (SAML 2.0), written so in every identity provider's console" },
  {
    word: "displayName",
    on: /^\/admin\/[^/]+\/sso\/saml$/,
    reason: "the SAML attribute (the LDAP/Entra name) the admin configures their identity provider to send",
  },
];

/** cuid (c + 24 lowercase letters/digits, with digits), cuid shown cut short ("cmx4dc9z…"), uuid. */
const ID_PATTERNS: RegExp[] = [
  /\bc(?=[a-z]*\d)[a-z0-9]{20,30}\b/g,
  /\bc(?=[a-z]*\d)[a-z0-9]{5,}(?:…|\.\.\.)/g,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
];

function vocabulary() {
  const enumValues = new Set<string>();
  for (const e of Object.values(enums) as Record<string, string>[])
    for (const v of Object.values(e)) if (/^[A-Z][A-Z0-9_]*$/.test(v)) enumValues.add(v);
  const subjects = new Set<string>();
  const fields = new Set<string>();
  for (const [model, list] of Object.entries(MODEL_FIELDS)) {
    // One-word model names ("Document", "Department") are ordinary words; compound ones are not.
    if (/^[A-Z][a-z]+[A-Z]/.test(model)) subjects.add(model);
    // Lowercase field names ("status", "title") are words too; camelCase ones are identifiers.
    for (const f of list) if (/[a-z][A-Z]/.test(f)) fields.add(f);
  }
  const groups = new Set([...loadPolicies().groups.keys()].filter((g) => g.includes("_")));
  return { enumValues, subjects, fields, groups };
}

let vocab: ReturnType<typeof vocabulary> | undefined;

function around(text: string, index: number, length: number): string {
  return text
    .slice(Math.max(0, index - 40), index + length + 40)
    .replace(/\s+/g, " ")
    .trim();
}

/** Every internal-looking word in `texts` that ALLOWED does not name. */
export function findInternalNames(texts: string[], path = "/"): Finding[] {
  vocab ??= vocabulary();
  const allowed = new Set(ALLOWED.filter((a) => !a.on || a.on.test(path)).map((a) => a.word));
  const out: Finding[] = [];
  for (const text of texts) {
    for (const re of ID_PATTERNS)
      for (const m of text.matchAll(re))
        out.push({ kind: "id", word: m[0], context: around(text, m.index, m[0].length) });
    // Identifier-shaped words: UPPER_SNAKE, camelCase, PascalCase compounds, lower_snake.
    for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)) {
      const w = m[0];
      if (allowed.has(w)) continue;
      const kind = vocab.enumValues.has(w)
        ? "enum"
        : vocab.subjects.has(w)
          ? "subject"
          : vocab.fields.has(w)
            ? "field"
            : vocab.groups.has(w)
              ? "group"
              : null;
      if (kind) out.push({ kind, word: w, context: around(text, m.index, w.length) });
    }
  }
  return out;
}

/** The visible text of a page (text nodes of visible elements, options of visible selects), its title and attribute texts. */
export async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const shown = (el: Element | null): boolean => {
      if (!el) return false;
      const sel = el.closest("select");
      if (el.closest("option, optgroup") && sel) return sel.checkVisibility({ visibilityProperty: true });
      return el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const lines: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      // [data-raw]: what a person typed as code and the data a database returned for it (clips'
      // SQL and results, issue 21) — shown exactly as they are, by design.
      if (!parent || parent.closest("script, style, template, noscript, [data-raw]")) continue;
      const t = n.nodeValue ?? "";
      if (t.trim() && shown(parent)) lines.push(t);
    }
    out.push(lines.join(" "));
    for (const el of Array.from(
      document.querySelectorAll("[title], [aria-label], [alt], [placeholder], [aria-description]"),
    ))
      for (const a of ["title", "aria-label", "alt", "placeholder", "aria-description"]) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    return out;
  });
}

/** The findings of one page, each as "kind word — …context…". */
export async function checkPlainText(page: Page): Promise<string[]> {
  const path = new URL(page.url(), "http://x").pathname;
  return findInternalNames(await pageTexts(page), path).map((f) => `${f.kind} ${f.word} — “${f.context}”`);
}
