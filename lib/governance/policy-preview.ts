// The platform console's policy-change preview (/platform/policies): a platform admin hands in
// one or more changed group files and sees who would gain or lose what, replayed over the real
// principals and records (./policy-diff.ts), before anyone commits them. Read-only: nothing is
// written, the files live only in a temporary folder while they compile (./policy-sources.ts).
// A set that does not load is a ValidationError naming the file and the rule, never "no change".
import "server-only";
import { ValidationError } from "@/lib/errors";
import { assertPlatformConsole } from "@/lib/data/platform-municipalities";
import { loadPolicies, PolicyLoadError } from "@/lib/policy/load";
import { actionWord, groupLabel } from "@/lib/policy/summary";
import type { Viewer } from "@/lib/identity/viewer";
import { compilePolicyFiles, type PolicyFile } from "./policy-sources";
import { diffPolicies, policyDiffMarkdown } from "./policy-diff";
import type { PolicyDiff } from "./policy-diff-types";

/** At most this many files per preview, each at most this many bytes (a group file is a few KB). */
export const PREVIEW_MAX_FILES = 20;
export const PREVIEW_MAX_FILE_BYTES = 64 * 1024;

/** The diff, its Markdown, and the words the page shows: a heading per entry, each action in words. */
export type PolicyPreview = {
  diff: PolicyDiff;
  markdown: string;
  words: { titles: string[]; actions: Record<string, string> };
};

/** "Riverton — Volunteer", "Riverton — API tokens with Viewer", "The public (not signed in)". */
function entryTitle(e: PolicyDiff["entries"][number], labels: Record<string, string>): string {
  if (e.kind === "public") return e.groups.includes("citizen") ? "Citizen accounts" : "The public (not signed in)";
  const groups = e.groups.map((g) => labels[g] ?? groupLabel(g)).join(" + ") || "no group";
  const place = e.municipality?.name ?? "Platform";
  return e.kind === "token" ? `${place} — API tokens with ${groups}` : `${place} — ${groups}`;
}

function wordsOf(diff: PolicyDiff): PolicyPreview["words"] {
  const actions = new Set(diff.entries.flatMap((e) => e.changes.map((c) => c.action)));
  return {
    titles: diff.entries.map((e) => entryTitle(e, diff.groupLabels ?? {})),
    actions: Object.fromEntries([...actions].map((a) => [a, actionWord(a)])),
  };
}

/** An uploaded file (a File satisfies it) or a pasted one. */
export type PolicyUpload = { name: string; size: number; text(): Promise<string> };

/** A pasted file's text as an upload. */
export function pastedFile(name: string, text: string): PolicyUpload {
  return { name, size: Buffer.byteLength(text, "utf8"), text: async () => text };
}

/** Refuses what is not a preview's files before reading them: none, too many, too large, unnamed. */
function checkUploads(files: readonly PolicyUpload[]): void {
  const refuse = (message: string): never => {
    throw new ValidationError(message, { files: [message] });
  };
  if (files.length === 0) refuse("Choose at least one group file, or paste one with its file name.");
  if (files.length > PREVIEW_MAX_FILES) refuse(`At most ${PREVIEW_MAX_FILES} files at once (${files.length} given).`);
  for (const f of files) {
    if (!f.name.trim()) refuse("A pasted file needs its file name, e.g. volunteer.yaml.");
    if (f.size > PREVIEW_MAX_FILE_BYTES)
      refuse(
        `${f.name} is ${Math.ceil(f.size / 1024)} KB: a group file may be at most ${PREVIEW_MAX_FILE_BYTES / 1024} KB.`,
      );
  }
}

/**
 * What would change for whom if these group files replaced (or joined) the deployed ones: the
 * diff and its Markdown. Platform console only (anyone else: not found).
 */
export async function previewPolicyFiles(
  viewer: Viewer,
  uploads: readonly PolicyUpload[],
  /** Only these municipalities' people, tokens and records (tests; default: all). */
  opts: { municipalityIds?: string[] } = {},
): Promise<PolicyPreview> {
  assertPlatformConsole(viewer);
  checkUploads(uploads);
  const files: PolicyFile[] = [];
  for (const u of uploads) {
    const text = await u.text();
    if (text.includes("\u0000") || text.includes("\uFFFD"))
      throw new ValidationError(`${u.name} is not a UTF-8 text file.`, {
        files: [`${u.name} is not a UTF-8 text file.`],
      });
    files.push({ name: u.name.trim().replace(/\.yml$/, ".yaml"), text });
  }
  let head;
  try {
    head = compilePolicyFiles(files);
  } catch (e) {
    if (!(e instanceof PolicyLoadError)) throw e;
    // The loader's message names the file and the rule: the whole point of the answer.
    throw new ValidationError("These files do not load, so nothing was previewed.", {
      files: [e.message],
    });
  }
  const diff = await diffPolicies(loadPolicies(), head, {
    baseLabel: "deployed policies",
    headLabel: `proposed: ${files.map((f) => f.name).join(", ")}`,
    municipalityIds: opts.municipalityIds,
  });
  return { diff, markdown: policyDiffMarkdown(diff), words: wordsOf(diff) };
}
