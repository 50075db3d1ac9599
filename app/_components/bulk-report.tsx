// What a bulk step did, row by row (the approval queue, the request list's bulk change): the
// summary line, announced, then a table of each row — its name, the outcome as a labelled badge,
// and why when it was refused. Shown below the form once the step has answered.
import { SimpleTable } from "./simple-table";
import { Badge, type Tone } from "./badge";

export type BulkOutcomes<O extends string> = Record<O, { tone: Tone; text: string }>;

export function BulkReport<O extends string>({
  message,
  caption,
  noun,
  outcomes,
  rows,
}: {
  message?: string;
  caption: string;
  /** The first column's heading ("Person", "Request"). */
  noun: string;
  outcomes: BulkOutcomes<O>;
  rows: { key: string; name: string; outcome: O; reason?: string | null }[];
}) {
  return (
    <div className="space-y-2">
      <p role="status" className="font-medium">
        {message}
      </p>
      <SimpleTable caption={caption} headers={[noun, "Result", "Why"]}>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-slate-100">
            <td className="break-all px-3 py-2">{r.name}</td>
            <td className="px-3 py-2">
              <Badge tone={outcomes[r.outcome].tone}>{outcomes[r.outcome].text}</Badge>
            </td>
            <td className="px-3 py-2">{r.reason ?? ""}</td>
          </tr>
        ))}
      </SimpleTable>
    </div>
  );
}
