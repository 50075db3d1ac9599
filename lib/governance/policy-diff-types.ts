// The shape of a policy-change preview (`npm run policy:diff`, /platform/policies): who gains or
// loses what when the policy files change, replayed over real principals and records. Shared by
// the engine (./policy-diff.ts), its Markdown/JSON report and the platform console's page.

/** Whose access a change entry is about: one municipality's holders of one set of groups, the public, or an API token. */
export type DiffPrincipalKind = "membership" | "public" | "token";

/** A field that became visible (or hidden) on some records for these principals. */
export type FieldChange = {
  field: string;
  /** Plain words, e.g. "owner's contact" (lib/records field labels). */
  label: string;
  /** How many records show (or hide) it now. */
  records: number;
};

/** One action on one record type: how many records are newly reachable, or no longer. */
export type ActionChange = {
  subject: string;
  /** Plain words for the subject ("heritage sites"). */
  subjectLabel: string;
  action: string;
  gained: number;
  lost: number;
  fieldsShown: FieldChange[];
  fieldsHidden: FieldChange[];
  /** A few records gained / lost / with a field change: id and a human name (reference, title). */
  examples: { id: string; name: string; change: "gained" | "lost" | "fields" }[];
};

/** Everyone in one municipality holding exactly these groups (or the public, or one token). */
export type PrincipalChange = {
  kind: DiffPrincipalKind;
  municipality: { id: string; slug: string; name: string } | null;
  /** The groups these principals hold there (public: ["public"]; token: its groups). */
  groups: string[];
  /** How many principals this entry stands for, and a few of them (emails, or the token's name). */
  principals: number;
  examplePrincipals: string[];
  changes: ActionChange[];
};

export type PolicyDiff = {
  /** What was compared: a git ref or "current", and "working tree" or "proposed files". */
  base: string;
  head: string;
  /** Group files that changed (added, removed or edited), by file name. */
  changedFiles: string[];
  /** Principals replayed, and how many of them have a different ability. */
  principalsChecked: number;
  principalsChanged: number;
  /** Empty when nothing changes for anyone (a rename or reorder only). */
  entries: PrincipalChange[];
  /** Wall-clock seconds the replay took. */
  seconds: number;
  /** Group name → its label (head's, else base's), so reports name groups in words. */
  groupLabels?: Record<string, string>;
};
