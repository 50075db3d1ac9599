"use client";

// The claim → group mapping editor: rows of claim / value / groups (municipality groups only, by
// their labels), saved whole after step-up; the server validates against the group files and names
// each bad row. The preview applies these rows and the reviewed file's rules to pasted sample
// claims with the same code the sign-ins use (lib/auth/claim-rules.ts).
import { useMemo, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { groupsFromMappings, mergeMappings, type ClaimMappings } from "@/lib/auth/claim-rules";
import type { GroupOption, MappingRow } from "@/lib/flows/sso-console";
import { FieldError, TextareaField } from "@/app/_components/form-field";
import { PendingButton } from "@/app/_components/submit-button";
import { FormResult } from "@/app/_components/form-alert";
import { saveClaimMappingsAction } from "./actions";

const INPUT = "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

function asMappings(rows: MappingRow[]): ClaimMappings {
  const out: ClaimMappings = Object.create(null);
  for (const r of rows) {
    const claim = r.claim.trim();
    const value = r.value.trim();
    if (claim && value && r.groups.length) ((out[claim] ??= Object.create(null))[value] ??= []).push(...r.groups);
  }
  return out;
}

export function MappingEditor({
  slug,
  initial,
  fileRows,
  groups,
  defaultClaim,
  requireMappedClaim,
  canManage,
}: {
  slug: string;
  initial: MappingRow[];
  fileRows: MappingRow[];
  groups: GroupOption[];
  defaultClaim: string;
  requireMappedClaim: boolean;
  canManage: boolean;
}) {
  const [rows, setRows] = useState<MappingRow[]>(initial);
  const [pending, setPending] = useState(false);
  const [state, setState] = useState<ActionResult | null>(null);
  const label = (g: string) => groups.find((o) => o.value === g)?.label ?? g;
  const set = (i: number, patch: Partial<MappingRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const err = (i: number, f: string) => (state && !state.ok ? state.fieldErrors?.[`rows.${i}.${f}`]?.[0] : undefined);

  const save = async () => {
    setPending(true);
    setState(await saveClaimMappingsAction({ slug }, { rows }).finally(() => setPending(false)));
  };

  return (
    <div className="space-y-4">
      {rows.length === 0 && <p className="text-sm text-slate-600">No mappings in the console yet.</p>}
      <ol className="space-y-3" aria-label="Claim mappings">
        {rows.map((r, i) => (
          <li key={i} className="space-y-2 rounded-md border border-slate-200 p-3">
            <fieldset className="space-y-2" disabled={!canManage}>
              <legend className="text-sm font-medium">Mapping {i + 1}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                <RowInput
                  id={`map-${i}-claim`}
                  label="Claim"
                  list="mapping-claims"
                  error={err(i, "claim")}
                  value={r.claim}
                  onChange={(claim) => set(i, { claim })}
                />
                <RowInput
                  id={`map-${i}-value`}
                  label="Value"
                  error={err(i, "value")}
                  value={r.value}
                  onChange={(value) => set(i, { value })}
                />
              </div>
              <fieldset aria-describedby={err(i, "groups") ? `map-${i}-groups-error` : undefined}>
                <legend className="text-xs font-medium">Gives the groups</legend>
                <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                  {groups.map((g) => (
                    <label key={g.value} className="flex items-center gap-1 text-sm" title={g.description}>
                      <input
                        type="checkbox"
                        checked={r.groups.includes(g.value)}
                        onChange={(e) =>
                          set(i, {
                            groups: e.target.checked ? [...r.groups, g.value] : r.groups.filter((x) => x !== g.value),
                          })
                        }
                      />
                      {g.label}
                    </label>
                  ))}
                </div>
                <FieldError id={`map-${i}-groups`} error={err(i, "groups")} />
              </fieldset>
              {canManage && (
                <button
                  type="button"
                  className="text-sm text-red-700 underline"
                  onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                >
                  Remove mapping {i + 1}
                </button>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      <datalist id="mapping-claims">
        {[...new Set([defaultClaim, ...fileRows.map((r) => r.claim), "groups", "roles"])].map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {canManage && (
        <div className="flex flex-wrap gap-3">
          <button
            type="button"
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
            onClick={() => setRows((rs) => [...rs, { claim: defaultClaim, value: "", groups: [] }])}
          >
            Add a mapping
          </button>
          <PendingButton pending={pending} pendingLabel="Saving…" size="sm" onClick={save}>
            Save mappings
          </PendingButton>
        </div>
      )}
      <FormResult
        success={state?.ok && state.message}
        error={state && !state.ok ? state.formError : null}
        stepUp={!!state && !state.ok && state.stepUp === true}
      />
      <Preview rows={rows} fileRows={fileRows} label={label} requireMappedClaim={requireMappedClaim} />
    </div>
  );
}

/** A row's text input with its label and error. */
function RowInput({
  id,
  label,
  value,
  onChange,
  error,
  list,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  list?: string;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium">
        {label}
      </label>
      <input
        id={id}
        className={INPUT}
        value={value}
        list={list}
        spellCheck={false}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

function Preview({
  rows,
  fileRows,
  label,
  requireMappedClaim,
}: {
  rows: MappingRow[];
  fileRows: MappingRow[];
  label: (g: string) => string;
  requireMappedClaim: boolean;
}) {
  const [sample, setSample] = useState("");
  const outcome = useMemo(() => {
    if (!sample.trim()) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(sample);
    } catch {
      return { error: 'Not JSON: paste the claims as an object, e.g. {"groups": ["city-it"]}.' };
    }
    if (!claims || typeof claims !== "object" || Array.isArray(claims))
      return { error: "Paste one JSON object of claims." };
    return groupsFromMappings(mergeMappings(asMappings(fileRows), asMappings(rows)), claims as Record<string, unknown>);
  }, [sample, rows, fileRows]);
  return (
    <section aria-labelledby="preview-heading" className="space-y-2 rounded-md bg-slate-50 p-3">
      <h3 id="preview-heading" className="text-sm font-semibold">
        Preview on sample claims
      </h3>
      <TextareaField
        id="mapping-sample"
        label="Sample claims (JSON)"
        hint="Paste what Try sign-in showed, or type your own. These rows (saved or not) and the policy file's rules apply."
        rows={4}
        spellCheck={false}
        value={sample}
        onChange={(e) => setSample(e.target.value)}
        className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
      />
      <div aria-live="polite" className="text-sm">
        {outcome && "error" in outcome && <p className="text-red-700">{outcome.error}</p>}
        {outcome && "groups" in outcome && (
          <p data-testid="preview-groups">
            {outcome.groups.length
              ? `Would get: ${outcome.groups.map(label).join(", ")} (from ${outcome.matched.join(", ")}).`
              : requireMappedClaim
                ? "No claim maps to a group: this person would be refused."
                : "No claim maps to a group: this person would sign in with no groups."}
          </p>
        )}
      </div>
    </section>
  );
}
