"use client";
// The error summary at the top of a refused form (the GOV.UK pattern): "There is a problem", the
// form's own message, and each field's message as a link that moves to its field. Focus moves to
// the summary when a refusal arrives, so keyboard and screen-reader users start from the list;
// the messages also stay beside their fields (form-field.tsx). Which field a message belongs to
// is found by name in the enclosing form, so forms need not tell it their ids.
import { useEffect, useId, useLayoutEffect, useRef, useState, type MouseEvent } from "react";
import type { FieldErrors, FieldValues, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { actionItems, type SummaryItem } from "./form-field";
import { FormAlert } from "./form-alert";

/** Where a message's field is: the control's id (or its fieldset's) and the label a person reads. */
type Target = { href: string | null; label: string };

function controlOf(form: HTMLFormElement | null, name: string): HTMLElement | null {
  const found = form?.elements.namedItem(name);
  if (!found) return null;
  const el = found instanceof RadioNodeList ? (found[0] as HTMLElement | undefined) : (found as HTMLElement);
  return el && !(el instanceof HTMLInputElement && el.type === "hidden") ? el : null;
}

function labelOf(el: HTMLElement): string {
  const group = el.closest("fieldset");
  const text =
    (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio") && group
      ? group.querySelector("legend")?.textContent
      : null) ??
    ("labels" in el ? (el as HTMLInputElement).labels?.[0]?.textContent : null) ??
    el.getAttribute("aria-label") ??
    "";
  return text.replace(/\s*\*\s*$/, "").trim();
}

function targetOf(form: HTMLFormElement | null, name: string): Target {
  const el = controlOf(form, name);
  if (!el) return { href: null, label: "" };
  const id = el.id || el.closest("fieldset")?.id || "";
  return { href: id ? `#${id}` : null, label: labelOf(el) };
}

/**
 * The summary for `items`, focused each time `refusal` changes to a new refusal (an action's
 * state, a react-hook-form submit count). Renders nothing without a message.
 */
export function ErrorSummary({
  items,
  intro,
  refusal,
}: {
  items: SummaryItem[];
  intro?: string | null;
  refusal: unknown;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [targets, setTargets] = useState<Record<string, Target>>({});
  const key = items.map((i) => i.name).join("\n");
  const shown = items.length > 0;
  useLayoutEffect(() => {
    if (!shown) return;
    const form = ref.current?.closest("form") ?? null;
    setTargets(Object.fromEntries(key.split("\n").map((n) => [n, targetOf(form, n)])));
  }, [key, shown]);
  useEffect(() => {
    if (!shown) return;
    // After react-hook-form's own deferred focus of the first invalid field, so the summary wins.
    const t = setTimeout(() => ref.current?.focus(), 0);
    return () => clearTimeout(t);
  }, [refusal, shown]);
  if (!shown) return null;
  const go = (e: MouseEvent<HTMLAnchorElement>, name: string) => {
    const el = controlOf(ref.current?.closest("form") ?? null, name);
    if (!el) return;
    e.preventDefault();
    el.focus();
    el.scrollIntoView({ block: "center" });
  };
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={titleId}
      data-error-summary=""
      className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-sm text-red-900 focus:outline-none focus:ring-2 focus:ring-red-700"
    >
      <h2 id={titleId} className="font-semibold">
        There is a problem
      </h2>
      {intro && <p className="mt-1">{intro}</p>}
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {items.map((i) => {
          const t = targets[i.name];
          const text = t?.label ? `${t.label}: ${i.message}` : i.message;
          return (
            <li key={i.name}>
              {t?.href ? (
                <a href={t.href} onClick={(e) => go(e, i.name)} className="underline">
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The summary of a server action's refusal (its field messages, its form message as the intro). */
export function ActionErrorSummary({ state }: { state: ActionResult<unknown> | null | undefined }) {
  return (
    <ErrorSummary items={actionItems(state)} intro={state && !state.ok ? state.formError : null} refusal={state} />
  );
}

/** The first message per field react-hook-form holds (from its resolver or from the server). */
export function hookItems<T extends FieldValues>(errors: FieldErrors<T>): SummaryItem[] {
  return Object.entries(errors).flatMap(([name, e]) => {
    const message = (e as { message?: unknown } | undefined)?.message;
    return message ? [{ name, message: String(message) }] : [];
  });
}

/**
 * Where a react-hook-form form says it was refused, at its top: the error summary when fields have
 * messages (with the form's own message as its intro), else the form's message alone (FormAlert).
 */
export function HookRefusal<T extends FieldValues>({
  form,
  message,
  id,
  stepUp,
}: {
  form: Pick<UseFormReturn<T>, "formState">;
  message: string | null | undefined;
  id?: string;
  /** The refusal asks for a fresh authentication (FormAlert's prompt). */
  stepUp?: boolean;
}) {
  const { errors, submitCount } = form.formState;
  const items = hookItems(errors);
  if (items.length === 0 || stepUp) return <FormAlert message={message} id={id} stepUp={stepUp} />;
  return <ErrorSummary items={items} intro={message} refusal={submitCount} />;
}
