// How guessable a new password is, with zxcvbn (@zxcvbn-ts/core and its common and English
// dictionaries: the most common passwords of public breaches, names, words, keyboard patterns,
// dates, repeats and l33t substitutions). SP 800-63B asks to refuse passwords found in breach
// corpuses, dictionary words, repetitive or sequential characters and context-specific words
// such as the service's name or the person's own name and address: zxcvbn's user inputs carry
// the last. The same function rates a password in the browser (the strength meter, which loads
// this module lazily: the dictionaries are large) and decides on the server (lib/flows): the
// server is the judge, the meter only tells early.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-rules";

/**
 * zxcvbn's score (0–4) a password needs. 3 means about 10^8 guesses or more: "safely unguessable"
 * against online guessing (which the sign-in limits also cap) and a real cost offline against
 * argon2id. Lower scores are the common passwords, words with a digit appended, names and dates.
 */
export const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** What the person is known by: name, address (whole, local part, domain labels), and the service. */
export type PasswordContext = { name?: string | null; email?: string | null };

function userInputs(ctx: PasswordContext): string[] {
  const out = new Set<string>(["gatehouse"]);
  const add = (s: string | null | undefined) => {
    const t = s?.trim().toLowerCase();
    if (t && t.length >= 3) out.add(t);
  };
  add(ctx.name);
  for (const part of ctx.name?.split(/[\s.'-]+/) ?? []) add(part);
  const email = ctx.email?.trim().toLowerCase();
  if (email) {
    add(email);
    const [local, domain] = email.split("@");
    add(local);
    for (const part of local?.split(/[._+-]+/) ?? []) add(part);
    for (const label of domain?.split(".") ?? []) add(label);
  }
  return [...out];
}

export type StrengthLevel = "too short" | "weak" | "fair" | "good" | "strong";

export type PasswordRating = {
  /** 0–4 from zxcvbn (0 as well for a password outside the length rules). */
  score: number;
  level: StrengthLevel;
  acceptable: boolean;
  /** One plain sentence: why it is refused or how to make it stronger; null when there is nothing to say. */
  advice: string | null;
};

/** The share of the password's characters that are copies of the person's own words. */
function personalShare(lower: string, inputs: string[]): number {
  const covered = new Array<boolean>(lower.length).fill(false);
  for (const w of inputs) {
    if (w.length < 4) continue;
    for (let at = lower.indexOf(w); at !== -1; at = lower.indexOf(w, at + 1))
      for (let i = at; i < at + w.length; i++) covered[i] = true;
  }
  return covered.filter(Boolean).length / lower.length;
}

const LEVELS: StrengthLevel[] = ["weak", "weak", "fair", "good", "strong"];

/** Rates `password` for this person. Pure; the same answer in the browser and on the server. */
export function ratePassword(password: string, ctx: PasswordContext = {}): PasswordRating {
  if (password.length < PASSWORD_MIN)
    return { score: 0, level: "too short", acceptable: false, advice: `Use at least ${PASSWORD_MIN} characters.` };
  if (password.length > PASSWORD_MAX)
    return { score: 0, level: "weak", acceptable: false, advice: `Use at most ${PASSWORD_MAX} characters.` };
  const inputs = userInputs(ctx);
  const r = zxcvbn().check(password, inputs);
  const lower = password.toLowerCase();
  // zxcvbn lowers the score of a password built on the user inputs; one that is mostly made of
  // the person's name, address or the service's name is refused outright, however it is padded.
  const personal = personalShare(lower, inputs) >= 0.6;
  const acceptable = r.score >= MIN_SCORE && !personal;
  const warning = personal
    ? "It is mostly your own name or email address."
    : r.feedback.warning
      ? r.feedback.warning.replace(/\.?$/, ".")
      : null;
  const advice = acceptable
    ? null
    : [
        warning ?? "It would be easy to guess.",
        "Try a few unrelated words, or a longer phrase only you would think of.",
      ].join(" ");
  return {
    score: acceptable ? r.score : Math.min(r.score, MIN_SCORE - 1),
    level: LEVELS[acceptable ? r.score : Math.min(r.score, MIN_SCORE - 1)]!,
    acceptable,
    advice,
  };
}
