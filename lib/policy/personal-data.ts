// policies/personal-data.yaml (issue 21): the fields of each clips record type that hold personal
// information — no `query` rule may ever list one, so no clips view can hold it — and the free-text
// fields that may (a name typed into a title), left out of a view unless a `query` rule names them.
// Validated like a group file: an unknown subject or field is a load error naming the file.
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { readYamlFile } from "./service-policies";
import { CLIPS_SUBJECTS, fieldsOf } from "./subjects";

export type ClipsSubject = (typeof CLIPS_SUBJECTS)[number];

export type PersonalData = {
  file: string;
  personal: Record<ClipsSubject, readonly string[]>;
  freeText: Record<ClipsSubject, readonly string[]>;
};

export const DEFAULT_PERSONAL_DATA_FILE = path.join(process.cwd(), "policies", "personal-data.yaml");

const FieldLists = z.record(z.string(), z.array(z.string()).default([]));
const PersonalDataSchema = z.object({ personal: FieldLists, freeText: FieldLists.default({}) }).strict();

/** policies/personal-data.yaml beside policies/groups; the project's own when a copied folder has none. */
export function personalDataFileFor(groupDir: string): string {
  const beside = path.join(path.dirname(groupDir), "personal-data.yaml");
  return existsSync(beside) ? beside : DEFAULT_PERSONAL_DATA_FILE;
}

export function loadPersonalData(file: string, LoadError: new (m: string) => Error): PersonalData {
  const rel = path.join("policies", path.basename(file));
  if (!existsSync(file)) throw new LoadError(`${rel}: missing (it names the fields no clips view may hold)`);
  const parsed = PersonalDataSchema.safeParse(readYamlFile(path.dirname(file), path.basename(file), rel, LoadError));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LoadError(`${rel}${issue.path.length ? ` ${issue.path.join(".")}` : ""}: ${issue.message}`);
  }
  const lists = (key: "personal" | "freeText") => {
    const given = parsed.data[key];
    for (const [s, fields] of Object.entries(given)) {
      if (!(CLIPS_SUBJECTS as readonly string[]).includes(s)) {
        throw new LoadError(`${rel} ${key}.${s}: not a clips record type; known: ${CLIPS_SUBJECTS.join(", ")}`);
      }
      const known = fieldsOf(s as ClipsSubject);
      for (const f of fields) {
        if (!known.includes(f)) throw new LoadError(`${rel} ${key}.${s}: unknown field "${f}" for ${s}`);
      }
    }
    return Object.fromEntries(CLIPS_SUBJECTS.map((s) => [s, given[s] ?? []])) as Record<ClipsSubject, string[]>;
  };
  return { file: rel, personal: lists("personal"), freeText: lists("freeText") };
}
