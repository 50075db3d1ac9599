// The "forms keep what was typed" check (issue 17): one form on an open page is filled with
// plausible values, exactly one field is made invalid (a value the browser's script or the server
// refuses), the form is submitted, and then every other non-secret field must still hold what was
// typed, the invalid one must say why beside it (aria-invalid, aria-describedby) and an error
// summary must list it. Only invalid submissions are sent, so nothing on the server changes.
import type { Locator, Page } from "@playwright/test";

export type FormReport = {
  /** The form's accessible name, or its first field's label. */
  form: string;
  /**
   * checked: submitted once with one invalid field; skipped: with the reason; deferred: it would be
   * checked, but another run's rotating sample submits it (`send` said no).
   */
  outcome: "checked" | "skipped" | "deferred";
  reason?: string;
  /** The field made invalid and how. */
  invalid?: string;
  /** What went wrong (empty when the form behaved). */
  problems: string[];
};

/** What the browser knows of one control, read in the page. */
type Control = {
  index: number;
  tag: "input" | "select" | "textarea";
  type: string;
  name: string;
  label: string;
  required: boolean;
  secret: boolean;
  /** More than one checkbox shares its name (a group of choices). */
  grouped: boolean;
  maxLength: number;
  minLength: number;
  pattern: string;
  min: string;
  max: string;
  value: string;
  checked: boolean;
  options: string[];
};

/** Typed values that no field keeps (passwords, codes, tokens), by type, autocomplete or name. */
const SECRET = /(password|passwd|secret|token|^code$|otp|totp)/i;

/** The form's controls a person types into or chooses, in order; each handle has a data-fk index. */
async function controlsOf(form: Locator): Promise<Control[]> {
  return form.evaluate((f: HTMLFormElement, secretSource: string) => {
    const secret = new RegExp(secretSource, "i");
    const out: unknown[] = [];
    const all = Array.from(f.querySelectorAll("input, select, textarea")) as (
      HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
    )[];
    const names = new Map<string, number>();
    for (const el of all)
      if (el instanceof HTMLInputElement && el.type === "checkbox") names.set(el.name, (names.get(el.name) ?? 0) + 1);
    all.forEach((el, i) => {
      el.setAttribute("data-fk", String(i));
      const type = el instanceof HTMLInputElement ? el.type : el.tagName.toLowerCase();
      if (["hidden", "submit", "button", "reset", "image", "file"].includes(type)) return;
      if (el.disabled || el.closest("fieldset:disabled") || el.getClientRects().length === 0) return;
      const label = (
        (el.labels?.[0]?.textContent ?? "") ||
        el.getAttribute("aria-label") ||
        el.closest("fieldset")?.querySelector("legend")?.textContent ||
        el.name
      )
        .replace(/\s*\*\s*$/, "")
        .trim();
      out.push({
        index: i,
        tag: el.tagName.toLowerCase(),
        type,
        name: el.name,
        label,
        required: el.required || el.getAttribute("aria-required") === "true",
        secret:
          type === "password" ||
          el.getAttribute("autocomplete") === "one-time-code" ||
          secret.test(el.name) ||
          secret.test(el.id),
        grouped: type === "checkbox" && (names.get(el.name) ?? 0) > 1,
        maxLength: el instanceof HTMLSelectElement ? -1 : el.maxLength,
        pattern: el instanceof HTMLInputElement ? el.pattern : "",
        min: el instanceof HTMLInputElement ? el.min : "",
        max: el instanceof HTMLInputElement ? el.max : "",
        value: el.value,
        checked: el instanceof HTMLInputElement ? el.checked : false,
        options: el instanceof HTMLSelectElement ? Array.from(el.options).map((o) => o.value) : [],
      });
    });
    return out as never;
  }, SECRET.source);
}

const TEXTLIKE = new Set(["text", "email", "url", "tel", "search", "number", "password", "textarea", ""]);

/** A plausible value for a text-like control that differs from what it holds. */
function plausible(c: Control, n: number): string {
  const fit = (s: string) => (c.maxLength > 0 ? s.slice(0, c.maxLength) : s);
  if (c.type === "email") return fit(`kept.${n}@riverton.test`);
  if (c.type === "url" || /url|issuer/i.test(c.name)) return fit(`https://idp${n}.example.org/realm`);
  if (c.type === "tel" || /phone/i.test(c.name)) return fit(`+1 555 010${n % 10}`);
  if (c.type === "number") {
    const lo = c.min ? Number(c.min) : 1;
    const hi = c.max ? Number(c.max) : lo + 10;
    const v = Math.min(hi, lo + 1);
    return String(String(v) === c.value ? lo : v);
  }
  if (c.type === "date") return "2026-05-01";
  if (c.secret) return fit("Correct-horse-battery-9");
  if (c.pattern) return fit(`kept-${n}`);
  // One more item of the same shape: a line of a list of lines, an item of a comma list (attribute
  // names), a word of a list of words (scopes), or a longer word (a single token).
  const v = c.value;
  const sep = v.includes("\n") ? "\n" : v.includes(",") ? ", " : /\s/.test(v) ? " " : "-";
  const base = !v || v.length > 200 ? `kept-text-${n}` : `${v}${sep}kept${n}`;
  return fit(base.padEnd(Math.max(0, c.minLength), "x"));
}

/** The field to make invalid, and how: an empty required field, a bad email, an unknown choice, an overlong text. */
function chooseInvalid(
  cs: Control[],
): { control: Control; how: "empty" | "bad-email" | "bad-choice" | "too-long" } | null {
  const text = cs.filter((c) => TEXTLIKE.has(c.type) || c.tag === "textarea");
  const required = text.filter((c) => c.required);
  const pick = required.find((c) => !c.secret) ?? required[0];
  if (pick) return { control: pick, how: "empty" };
  const email = text.find((c) => c.type === "email");
  if (email) return { control: email, how: "bad-email" };
  const select = cs.find((c) => c.tag === "select");
  if (select) return { control: select, how: "bad-choice" };
  const long = text.find((c) => c.maxLength > 0 && !c.secret);
  if (long) return { control: long, how: "too-long" };
  return null;
}

/** What each control holds now, by its data-fk index (null: it is gone). */
async function valuesOf(form: Locator, cs: Control[]) {
  return form.evaluate(
    (f: HTMLFormElement, idx: number[]) =>
      idx.map((i) => {
        const el = f.querySelector(`[data-fk="${i}"]`) as HTMLInputElement | null;
        if (!el) return null;
        return el.type === "checkbox" || el.type === "radio" ? (el.checked ? "(checked)" : "(unchecked)") : el.value;
      }),
    cs.map((c) => c.index),
  );
}

function handle(form: Locator, c: Control): Locator {
  return form.locator(`[data-fk="${c.index}"]`);
}

/** Fills every control with a plausible value (checkboxes: a lone one toggled, a group's first unchecked one ticked). */
async function fillAll(form: Locator, cs: Control[]) {
  const ticked = new Set<string>();
  let n = 0;
  for (const c of cs) {
    n += 1;
    const el = handle(form, c);
    if (c.type === "checkbox") {
      if (!c.grouped) await el.setChecked(!c.checked);
      else if (!c.checked && !ticked.has(c.name)) {
        ticked.add(c.name);
        await el.check();
      }
    } else if (c.type === "radio") continue;
    else if (c.tag === "select") {
      const other = c.options.find((o) => o !== "" && o !== c.value);
      if (other !== undefined) await el.selectOption(other);
    } else await el.fill(plausible(c, n));
  }
}

async function makeInvalid(form: Locator, choice: NonNullable<ReturnType<typeof chooseInvalid>>) {
  const el = handle(form, choice.control);
  if (choice.how === "empty") await el.fill("");
  else if (choice.how === "bad-email") await el.fill("not-an-email");
  else if (choice.how === "too-long") {
    await el.evaluate((e) => e.removeAttribute("maxlength"));
    await el.fill("x".repeat(choice.control.maxLength + 1));
  } else {
    await el.evaluate((e) => {
      const o = document.createElement("option");
      o.value = "__not_a_choice__";
      o.textContent = "Not a choice";
      e.appendChild(o);
    });
    await el.selectOption("__not_a_choice__");
  }
}

/** Whether the invalid control says why: aria-invalid and a described-by message, on it or its fieldset. */
async function invalidMessage(form: Locator, c: Control): Promise<string | null> {
  return form.evaluate((f: HTMLFormElement, i: number) => {
    const el = f.querySelector(`[data-fk="${i}"]`) as HTMLElement | null;
    if (!el) return null;
    const holders = [el, el.closest("fieldset")].filter(Boolean) as HTMLElement[];
    for (const h of holders) {
      const ids = (h.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
      const texts = ids
        .filter((id) => /error/.test(id))
        .map((id) => document.getElementById(id)?.textContent?.trim())
        .filter(Boolean);
      if (texts.length && (h === el.closest("fieldset") || el.getAttribute("aria-invalid") === "true"))
        return texts.join(" ");
    }
    return null;
  }, c.index);
}

/** Whether an error summary in the form links to the control (by its id or its fieldset's). */
async function summaryLinks(
  form: Locator,
  c: Control,
): Promise<{ present: boolean; links: boolean; focused: boolean }> {
  return form.evaluate((f: HTMLFormElement, i: number) => {
    const summary = f.querySelector("[data-error-summary]");
    const el = f.querySelector(`[data-fk="${i}"]`) as HTMLElement | null;
    const targets = [el?.id, el?.closest("fieldset")?.id].filter(Boolean).map((id) => `#${id}`);
    const links = Array.from(summary?.querySelectorAll("a") ?? []).some((a) =>
      targets.includes(a.getAttribute("href") ?? ""),
    );
    return { present: !!summary, links, focused: !!summary && summary.contains(document.activeElement) };
  }, c.index);
}

/** The form's name for the report. */
async function nameOf(form: Locator, cs: Control[]): Promise<string> {
  const own = await form.evaluate(
    (f: HTMLFormElement) =>
      f.getAttribute("aria-label") ??
      (f.getAttribute("aria-labelledby")
        ? document.getElementById(f.getAttribute("aria-labelledby")!)?.textContent
        : null) ??
      null,
  );
  if (own?.trim()) return own.trim();
  if (cs[0]) return `form with ${cs[0].label}`;
  const button = await form
    .locator("button")
    .first()
    .textContent()
    .catch(() => null);
  return `"${button?.trim() ?? "?"}" button`;
}

/**
 * Runs the check on one form: fills it, makes one field invalid, submits, and reports. A form with
 * nothing to type or choose, a search form (method GET: nothing to refuse) or one whose fields
 * cannot be made invalid for certain is skipped, with the reason. `send`, asked with the form's
 * name, may say no before anything is typed: the form is only sorted, for a sample that leaves it to another run.
 */
export async function checkFormKeepsInput(
  page: Page,
  form: Locator,
  { send = () => true }: { send?: (form: string) => boolean } = {},
): Promise<FormReport> {
  const cs = await controlsOf(form);
  const name = await nameOf(form, cs);
  const skip = (reason: string): FormReport => ({ form: name, outcome: "skipped", reason, problems: [] });
  const method = ((await form.getAttribute("method")) ?? "").toLowerCase();
  if (!(await form.isVisible())) return skip("not shown until the person opens it");
  if (method === "get") return skip("a search or filter form (GET): it narrows a list, nothing to refuse");
  if (cs.length === 0)
    return skip(
      (await form.locator('input[type="file"]').count())
        ? "a file to choose only (the browser cannot keep a chosen file)"
        : "nothing to type or choose (a one-button form)",
    );
  if (cs.every((c) => c.type === "checkbox" || c.type === "radio"))
    return skip("only a confirming tick box or choices, no typed field");
  const choice = chooseInvalid(cs);
  if (!choice)
    return skip(
      cs.every((c) => c.secret || c.type === "checkbox" || c.type === "radio")
        ? "only secrets (passwords, codes), which no form keeps"
        : "no field the browser or server refuses for certain (only optional free text)",
    );
  const invalid = choice.control;
  const label = `"${invalid.label || invalid.name}" (${choice.how})`;
  if (!send(name)) return { form: name, outcome: "deferred", invalid: label, problems: [] };
  await fillAll(form, cs);
  await makeInvalid(form, choice);
  const before = await valuesOf(form, cs);
  // The server's checks, not only the browser's: constraint validation would stop the submit first.
  await form.evaluate((f: HTMLFormElement) => (f.noValidate = true));
  const submit = form.locator('button[type="submit"], button:not([type]), input[type="submit"]').first();
  await submit.click();
  // A confirmation dialog asks first: confirm (the submission is refused all the same).
  const dialog = form.locator("dialog[open]");
  if (await dialog.isVisible().catch(() => false))
    await dialog
      .getByRole("button")
      .filter({ hasNotText: /cancel/i })
      .last()
      .click();
  await page
    .waitForFunction(
      ([i]) => {
        const el = document.querySelector(`[data-fk="${i}"]`);
        return (
          !el || el.getAttribute("aria-invalid") === "true" || !!el.closest("fieldset")?.querySelector('[id$="-error"]')
        );
      },
      [invalid.index],
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  await form
    .locator('[aria-busy="true"]')
    .first()
    .waitFor({ state: "detached", timeout: 10_000 })
    .catch(() => undefined);
  const problems: string[] = [];
  if (!(await form.isVisible().catch(() => false)))
    return {
      form: name,
      outcome: "checked",
      invalid: label,
      problems: ["the form went away after the invalid submission"],
    };
  const after = await valuesOf(form, cs);
  cs.forEach((c, k) => {
    if (c === invalid || c.secret) return;
    if (after[k] !== before[k])
      problems.push(
        `"${c.label || c.name}" lost what was typed: ${JSON.stringify(before[k])} became ${JSON.stringify(after[k])}`,
      );
  });
  const message = await invalidMessage(form, invalid);
  if (!message) {
    const others = await form.evaluate((f: HTMLFormElement) =>
      Array.from(f.querySelectorAll('[aria-invalid="true"]')).map((e) => (e as HTMLInputElement).name),
    );
    const said = await form.evaluate((f: HTMLFormElement) =>
      Array.from(f.querySelectorAll('[role="alert"]'))
        .map((e) => e.textContent?.trim())
        .join(" | "),
    );
    problems.push(
      `${label} shows no message beside it (aria-invalid + aria-describedby)` +
        (others.length ? `; marked instead: ${others.join(", ")}` : "") +
        (said ? `; the form said: ${said}` : ""),
    );
  }
  const summary = await summaryLinks(form, invalid);
  if (!summary.present) problems.push("no error summary at the top of the form");
  else {
    if (!summary.links) problems.push(`the error summary has no link to ${label}`);
    if (!summary.focused) problems.push("focus did not move to the error summary");
  }
  return { form: name, outcome: "checked", invalid: label, problems };
}

/** Every form element of the page, with closed <details> opened first so their forms count. */
export async function formsOf(page: Page): Promise<Locator[]> {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  const n = await page.locator("form").count();
  return Array.from({ length: n }, (_, i) => page.locator("form").nth(i));
}
