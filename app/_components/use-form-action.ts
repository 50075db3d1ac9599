"use client";
// A server action bound to a form that keeps what was typed. React 19 resets the uncontrolled
// fields of a `<form action={fn}>` once the action has run — after a refusal too, so the person
// would type everything again. With JavaScript the submit goes through `onSubmit` and a transition
// instead (React does not reset a form whose submit event was handled), so every field keeps its
// value and the refusal's messages appear beside them; after a success the form is emptied as
// React would have done. `action` stays for a submit before hydration or without JavaScript,
// which the server checks as always.
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";

export type FormAction<S> = (prev: S | null, form: FormData) => Promise<S>;

/**
 * The action's last answer, the props for `<form action={form.action} onSubmit={form.onSubmit}>`
 * (or KeptForm), and whether it runs. `keep`: the form is not emptied after a success either (a
 * question asked again and again, a settings form showing what was saved).
 */
export function useFormAction<S>(action: FormAction<S>, { keep = false }: { keep?: boolean } = {}) {
  const [state, dispatch, pending] = useActionState<S | null, FormData>(action, null);
  const sent = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    if (!keep && (state as { ok?: unknown } | null)?.ok === true) sent.current?.reset();
  }, [state, keep]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    // Another handler (a confirm dialog asking first) stopped this submit.
    if (e.defaultPrevented) return;
    e.preventDefault();
    sent.current = e.currentTarget;
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(e.currentTarget, submitter instanceof HTMLElement ? submitter : null);
    startTransition(() => dispatch(data));
  };
  return { state, pending, form: { action: dispatch, onSubmit } };
}
