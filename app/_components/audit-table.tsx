// The audit log as both consoles show it (a municipality's /admin/<slug>/audit and the platform's
// /platform/audit): the filter form (every filter chosen from a list), the events as sentences
// with links to the people and records the viewer may open, times in the municipality's zone with
// UTC on hover, and one event's page. Everything comes from lib/people/audit-log.ts as DTOs.
import Link from "next/link";
import type { AuditChoices, AuditDetail, AuditPageData, AuditRow, Option } from "@/lib/data/audit-log";
import type { Ref, Sentence } from "@/lib/data/audit-log";
import { localTime, utcTime } from "@/lib/data/audit-log";
import { SimpleTable } from "./simple-table";
import { Field, SelectField, TextField } from "./form-field";
import { Empty, InvalidQuery, Pager } from "./pager";

/** One column on a phone, a wrapping row from small screens up. */
const FORM = "grid grid-cols-[minmax(0,1fr)] gap-3 sm:flex sm:flex-wrap sm:items-end";
const FILTER = "w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 sm:w-auto sm:max-w-xs";

/** A time in `timeZone`, with UTC on hover and in the markup. */
export function LocalTime({ at, timeZone }: { at: string | Date; timeZone: string }) {
  const d = typeof at === "string" ? new Date(at) : at;
  return (
    <time dateTime={d.toISOString()} title={utcTime(d)}>
      {localTime(d, timeZone)}
    </time>
  );
}

export function RefView({ r }: { r: Ref }) {
  return r.href ? (
    <Link href={r.href} className="text-brand-700 underline">
      {r.label}
    </Link>
  ) : (
    <span>{r.label}</span>
  );
}

/** An event's sentence, its people and records as links where the viewer may open them. */
export function AuditSentence({ sentence }: { sentence: Sentence }) {
  return (
    <>{sentence.map((p, i) => (typeof p === "string" ? <span key={i}>{p}</span> : <RefView key={i} r={p.ref} />))}</>
  );
}

/** The GET form of the log's filters, each a list of what the viewer may choose; errors beside their filter. */
export function AuditFilters({
  q,
  choices,
  errors = {},
  resetHref,
  timeZone,
}: {
  q: Record<string, string | undefined>;
  choices: AuditChoices;
  errors?: Record<string, string[] | undefined>;
  resetHref: string;
  timeZone: string;
}) {
  const err = (k: string) => errors[k]?.[0];
  /** A filter chosen from a list, with "any" first. */
  const choice = (name: string, label: string, options: Option[], any: string) => (
    <SelectField
      id={`f-${name}`}
      label={label}
      name={name}
      defaultValue={q[name] ?? ""}
      options={options}
      error={err(name)}
      className={FILTER}
    >
      <option value="">{any}</option>
    </SelectField>
  );
  return (
    <form method="get" role="search" aria-label="Filter audit log" className={FORM}>
      <Field id="f-action" label="Action" error={err("action")}>
        {(a11y) => (
          <select {...a11y} name="action" defaultValue={q.action ?? ""} className={FILTER}>
            <option value="">Any action</option>
            {choices.actions.map((g) => (
              <optgroup key={g.value} label={g.label}>
                {g.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      {choice("actor", "Done by", choices.people, "Anyone")}
      {choice("person", "Person (by or about)", choices.people, "Anyone")}
      {choice("target", "About", choices.targets, "Anything")}
      {choices.municipalities && choice("municipality", "Municipality", choices.municipalities, "Every municipality")}
      <TextField
        id="f-from"
        label="From"
        name="from"
        type="date"
        defaultValue={q.from}
        error={err("from")}
        className={FILTER}
      />
      <TextField id="f-to" label="To" name="to" type="date" defaultValue={q.to} error={err("to")} className={FILTER} />
      <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">Filter</button>
      <Link href={resetHref} className="py-1.5 text-sm underline">
        Clear filters
      </Link>
      <p className="basis-full text-xs text-slate-500">
        {choices.municipalities
          ? `Dates are days in ${timeZone}; each time is in its municipality's zone — hover it for UTC.`
          : `Dates and times are in ${timeZone}; hover a time for UTC.`}
      </p>
    </form>
  );
}

/** The events; in the platform log, a column naming each event's municipality ("none" for account-level ones). */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const withMunicipality = rows.some((e) => "municipality" in e);
  return (
    <SimpleTable
      caption="Audit events"
      headers={["When", "What happened", "Action", ...(withMunicipality ? ["Municipality"] : []), { srOnly: "Event" }]}
    >
      {rows.map((e) => (
        <tr key={e.seq} className="border-t border-slate-100 align-top">
          <td className="px-3 py-2 whitespace-nowrap">{e.at ? <LocalTime at={e.at} timeZone={e.timeZone} /> : "—"}</td>
          <td className="min-w-64 px-3 py-2">
            <AuditSentence sentence={e.sentence} />
          </td>
          <td className="px-3 py-2">{e.actionLabel}</td>
          {withMunicipality && <td className="px-3 py-2">{e.municipality ?? "none (account)"}</td>}
          <td className="px-3 py-2 whitespace-nowrap">
            <Link href={e.href} className="text-brand-700 underline" aria-label={`Event ${e.seq}: details`}>
              Details
            </Link>
          </td>
        </tr>
      ))}
    </SimpleTable>
  );
}

/** Hex hashes in groups of four, shortened: readable, and never mistaken for an id. */
const shortHash = (h: string | null) => (h ? `${h.slice(0, 16).replace(/(.{4})(?!$)/g, "$1 ")} …` : "—");

/** One event: its sentence, every field the viewer may read, its place in the hash chain and the raw event. */
export function AuditEventView({ detail, base }: { detail: AuditDetail; base: string }) {
  const { row, fields, details, chain } = detail;
  const dl = "grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]";
  return (
    <div className="space-y-6">
      <p className="text-lg">
        <AuditSentence sentence={row.sentence} />
      </p>
      <section aria-labelledby="ev-fields" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="ev-fields" className="font-semibold">
          The event
        </h2>
        <dl className={dl}>
          <dt className="font-medium">When</dt>
          <dd>
            {row.at ? (
              <>
                <LocalTime at={row.at} timeZone={row.timeZone} />{" "}
                <span className="text-slate-500">({utcTime(new Date(row.at))})</span>
              </>
            ) : (
              "—"
            )}
          </dd>
          {fields.map((f) => (
            <Pair key={f.label} label={f.label}>
              {typeof f.value !== "string" ? (
                <RefView r={f.value} />
              ) : f.code ? (
                // A value to copy into a log search, not words: the plain-text check leaves it be.
                <code className="font-mono text-xs break-all" data-raw>
                  {f.value}
                </code>
              ) : (
                f.value
              )}
            </Pair>
          ))}
        </dl>
      </section>
      {details.length > 0 && (
        <section aria-labelledby="ev-details" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="ev-details" className="font-semibold">
            Details
          </h2>
          <dl className={dl}>
            {details.map((d, i) => (
              <Pair key={i} label={d.label}>
                <span className="break-words">{d.value}</span>
              </Pair>
            ))}
          </dl>
        </section>
      )}
      <section aria-labelledby="ev-chain" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="ev-chain" className="font-semibold">
          Place in the tamper-evident chain
        </h2>
        <dl className={dl}>
          <Pair label="Position">Event {chain.seq}</Pair>
          <Pair label="Previous event">
            <EventLink base={base} seq={chain.previousSeq} none="none: the first event" />
          </Pair>
          <Pair label="Next event">
            <EventLink base={base} seq={chain.nextSeq} none="none yet: the latest event" />
          </Pair>
          <Pair label="Hash">
            <span className="font-mono text-xs">{shortHash(chain.hash)}</span>{" "}
            {chain.hashVersion === 2 ? "(keyed with the audit key)" : "(from before the keyed chain)"}
          </Pair>
          <Pair label="Previous hash">
            <span className="font-mono text-xs">{shortHash(chain.prevHash)}</span>
          </Pair>
          <Pair label="Checks">
            <span role="status">
              {chain.hashMatches
                ? "The hash matches the event's content."
                : "The hash does NOT match the event's content."}{" "}
              {chain.linked ? "It follows the previous event's hash." : "It does NOT follow the previous event's hash."}
            </span>
          </Pair>
        </dl>
        <p className="text-xs text-slate-500">The whole chain is checked with npm run audit:verify.</p>
      </section>
      <details className="rounded-lg border border-slate-200 bg-white p-5">
        <summary className="cursor-pointer font-semibold">Raw event (JSON)</summary>
        <pre className="mt-3 overflow-x-auto text-xs" tabIndex={0} role="region" aria-label="Raw event">
          {detail.raw}
        </pre>
      </details>
    </div>
  );
}

/** A neighbour in the chain: a link to it (the viewer may not be able to open it), or why there is none. */
function EventLink({ base, seq, none }: { base: string; seq: string | null; none: string }) {
  return seq ? (
    <Link href={`${base}/${seq}`} className="underline">
      Event {seq}
    </Link>
  ) : (
    <>{none}</>
  );
}

function Pair({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium">{label}</dt>
      <dd className="break-words">{children}</dd>
    </>
  );
}

/** A log page below its heading: the filters, the events (or why the filters were refused) and the pages. */
export function AuditLogView({
  data,
  q,
  resetHref,
}: {
  data: AuditPageData;
  q: Record<string, string | undefined>;
  resetHref: string;
}) {
  return (
    <>
      <AuditFilters
        q={q}
        choices={data.choices}
        errors={data.ok ? {} : data.errors}
        resetHref={resetHref}
        timeZone={data.timeZone}
      />
      {!data.ok ? (
        <InvalidQuery message={data.message} />
      ) : data.rows.length === 0 ? (
        <Empty>No events match these filters.</Empty>
      ) : (
        <AuditTable rows={data.rows} />
      )}
      {data.ok && <Pager list={data} params={q} noun="events" />}
    </>
  );
}

/** The export link: the same filters as the page (without its page number). */
export function exportHref(base: string, q: Record<string, string | undefined>): string {
  const params = new URLSearchParams(
    Object.entries(q).filter((e): e is [string, string] => !!e[1] && e[0] !== "page"),
  ).toString();
  return params ? `${base}?${params}` : base;
}

/** A person's history (their page in the admin console): the same sentences and times as the log, each linked to its event. */
export function AuditHistory({ rows }: { rows: AuditRow[] }) {
  return (
    <ol className="space-y-1 text-sm" aria-label="History">
      {rows.map((h) => (
        <li key={h.seq}>
          <span className="text-slate-500">{h.at ? <LocalTime at={h.at} timeZone={h.timeZone} /> : "—"}</span> ·{" "}
          <AuditSentence sentence={h.sentence} /> ·{" "}
          <Link href={h.href} className="text-brand-700 underline" aria-label={`Event ${h.seq}: details`}>
            details
          </Link>
        </li>
      ))}
    </ol>
  );
}
