// Every field the viewer may read on one record, and nothing else: the DTO from lib/data already
// holds only permitted fields, so rendering "what is there" is rendering "what is allowed".
// Labels and the fields that keep their line breaks come from the record type (lib/records).
import { recordType, type RecordModel } from "@/lib/records";
import { isLongField } from "@/lib/records/forms";
import { cell, fieldLabel } from "./format";

const HIDDEN = new Set(["id", "municipalityId"]);

export function RecordDetails({ model, record, order, title = "Details" }: { model: RecordModel; record: Record<string, unknown>; order: readonly string[]; title?: string }) {
  const def = recordType(model);
  const fields = [...order.filter((f) => f in record), ...Object.keys(record).filter((f) => !order.includes(f))].filter((f) => !HIDDEN.has(f));
  return (
    <section aria-labelledby="details-h" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="details-h" className="mb-3 font-semibold">{title}</h2>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
        {fields.map((f) => (
          <div key={f} data-field={f} className="contents">
            <dt className="text-slate-500">{fieldLabel(f, model)}</dt>
            <dd className={`sm:col-span-2 ${isLongField(def, f) ? "whitespace-pre-wrap" : ""}`}>
              {f === "url" && typeof record[f] === "string" && /^https?:\/\//i.test(record[f]) ? (
                <a href={record[f]} rel="noopener noreferrer" className="text-brand-700 underline">{record[f]}</a>
              ) : cell(f, record[f])}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
