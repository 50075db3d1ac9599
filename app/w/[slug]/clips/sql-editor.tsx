"use client";

// The SQL box of the clips editor (issue 21): CodeMirror with PostgreSQL highlighting and the clips
// schema's views and columns as completions once the page is interactive; before that, and without
// JavaScript, a plain labelled <textarea name="sql"> that posts the same field. The schema beside
// it (./schema-panel.tsx) inserts a view's or column's name at the cursor through `insertRef`.
import { useEffect, useId, useMemo, useRef, type RefObject } from "react";
import CodeMirror, { EditorView, type ReactCodeMirrorRef } from "@uiw/react-codemirror";
import { PostgreSQL, sql as sqlLanguage } from "@codemirror/lang-sql";
import { useHydrated } from "@/app/_components/use-hydrated";
import { describedBy, FieldError } from "@/app/_components/form-field";
import type { ClipsView } from "@/lib/clips/types";

export type Insert = (text: string) => void;

type Props = {
  value: string;
  onChange: (sql: string) => void;
  views: ClipsView[];
  error?: string;
  /** Set to a function that inserts text at the cursor (the schema panel calls it). */
  insertRef: RefObject<Insert | null>;
};

export function SqlEditor({ value, onChange, views, error, insertRef }: Props) {
  const hydrated = useHydrated();
  const id = useId();
  const cm = useRef<ReactCodeMirrorRef>(null);
  const hint = "Read-only SQL on the clips views; one statement. Ctrl+Enter runs it.";
  const described = describedBy(id, { hint: true, error: !!error });
  const extensions = useMemo(
    () => [
      sqlLanguage({
        dialect: PostgreSQL,
        upperCaseKeywords: true,
        schema: Object.fromEntries(views.map((v) => [v.name, v.columns.map((c) => c.name)])),
      }),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        "aria-labelledby": `${id}-label`,
        "aria-describedby": described ?? "",
        "aria-invalid": error ? "true" : "false",
        "aria-multiline": "true",
        role: "textbox",
      }),
    ],
    [views, id, described, error],
  );
  useEffect(() => {
    insertRef.current = (text: string) => {
      const view = cm.current?.view;
      if (!view) return onChange(value ? `${value}${/\s$/.test(value) ? "" : " "}${text}` : text);
      const { from, to } = view.state.selection.main;
      view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length } });
      view.focus();
    };
  }, [insertRef, onChange, value]);
  return (
    <div className="space-y-1" data-raw>
      {/* The text box before JavaScript; CodeMirror's editable area names this label itself (aria-labelledby). */}
      <label id={`${id}-label`} htmlFor={hydrated ? undefined : id} className="block text-sm font-medium">
        SQL
      </label>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </p>
      {hydrated ? (
        <>
          <input type="hidden" name="sql" value={value} />
          <div
            className={`overflow-hidden rounded-md border ${error ? "border-red-600" : "border-slate-300"} focus-within:ring-2 focus-within:ring-brand-600`}
          >
            <CodeMirror
              ref={cm}
              value={value}
              onChange={onChange}
              extensions={extensions}
              minHeight="10rem"
              maxHeight="24rem"
              basicSetup={{ foldGutter: false, highlightActiveLine: false }}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  (e.currentTarget.closest("form") as HTMLFormElement | null)?.requestSubmit();
                }
              }}
            />
          </div>
        </>
      ) : (
        <textarea
          id={id}
          name="sql"
          rows={8}
          defaultValue={value}
          spellCheck={false}
          aria-invalid={!!error}
          aria-describedby={described}
          className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
        />
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}
