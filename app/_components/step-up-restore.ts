// Keeps what a person typed across the step-up round trip (./step-up-prompt.tsx): when they follow
// "Confirm it's you", the form's visible fields are kept in this tab's sessionStorage (never
// passwords, files or hidden fields); when they come back to the same page, the fields are filled
// in again, through the events a person's typing fires, so react-hook-form and React state see
// them too. They then submit again. Kept for the step-up window only.

const KEY = "gatehouse.step-up-form";
const KEEP_MS = 15 * 60_000;

type Field = { name: string; type: string; value: string; checked: boolean };
type Kept = { path: string; form: string | number; fields: Field[]; at: number };

const here = () => `${window.location.pathname}${window.location.search}`;
const formKey = (f: HTMLFormElement): string | number =>
  f.getAttribute("aria-label") ?? Array.from(document.forms).indexOf(f);

/** Called as the person leaves for the step-up page: the form around `from`, its typed values. */
export function keepFormOf(from: Element): void {
  const form = from.closest("form");
  if (!form) return;
  const fields: Field[] = [];
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement))
      continue;
    const type = el instanceof HTMLInputElement ? el.type : el.tagName.toLowerCase();
    if (!el.name || ["hidden", "password", "file", "submit", "button"].includes(type)) continue;
    const checked = el instanceof HTMLInputElement && el.checked;
    fields.push({ name: el.name, type, value: el.value, checked });
  }
  const kept: Kept = { path: here(), form: formKey(form), fields, at: Date.now() };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // Storage full or refused: the person types it again.
  }
}

/** On page load: fills the kept form of this page back in, once. */
export function restoreKeptForm(): void {
  let kept: Kept | null = null;
  try {
    kept = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Kept | null;
  } catch {
    kept = null;
  }
  if (!kept || kept.path !== here()) return;
  sessionStorage.removeItem(KEY);
  if (Date.now() - kept.at > KEEP_MS) return;
  const form = Array.from(document.forms).find((f) => formKey(f) === kept.form);
  if (!form) return;
  for (const f of kept.fields) {
    const els = Array.from(form.elements).filter(
      (el): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement => "name" in el && el.name === f.name,
    );
    for (const el of els) {
      if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
        if (el.value === f.value && el.checked !== f.checked && !el.disabled) el.click();
      } else if (els.length === 1) {
        setValue(el, f.value);
      }
    }
  }
}

/** Sets a field's value as typing does: the native setter, then input and change events. */
function setValue(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string) {
  const proto = Object.getPrototypeOf(el) as object;
  Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
}
