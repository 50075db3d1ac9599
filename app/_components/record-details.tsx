// Every field the viewer may read on one record, and nothing else: the DTO from lib/data already
// holds only permitted fields, so rendering "what is there" is rendering "what is allowed". Order,
// labels and which fields keep their line breaks come from the record type (lib/records).
import type { RecordTypeDef } from "@/lib/records";
import { detailFields } from "@/lib/records/forms";
import { cell } from "./format";
import { HiddenField } from "./view-as/hidden-field";

export function RecordDetails({
  def,
  record,
  title = "Details",
  display = {},
  hidden = [],
}: {
  def: RecordTypeDef;
  record: Record<string, unknown>;
  title?: string;
  /** Values shown in place of the stored ones (a department's name instead of its id). */
  display?: Record<string, string>;
  /** View as (lib/auth/view-as.ts): fields hidden from the viewed person, shown as placeholders with the rule. */
  hidden?: { field: string; label: string; why?: string }[];
}) {
  return (
    <section aria-labelledby="details-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="details-h" className="mb-3 font-semibold">
        {title}
      </h2>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
        {detailFields(def, record).map(({ name: f, label, long }) => (
          <div key={f} data-field={f} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className={`sm:col-span-2 ${long ? "whitespace-pre-wrap" : ""}`}>
              {f in display ? (
                display[f]
              ) : f === "url" && typeof record[f] === "string" && /^https?:\/\//i.test(record[f]) ? (
                <a href={record[f]} rel="noopener noreferrer" className="text-brand-700 underline">
                  {record[f]}
                </a>
              ) : (
                cell(f, record[f])
              )}
            </dd>
          </div>
        ))}
        {hidden.map((h) => (
          <div key={h.field} data-field={h.field} className="contents">
            <dt className="text-slate-500">{h.label}</dt>
            <dd className="sm:col-span-2">
              <HiddenField why={h.why} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
