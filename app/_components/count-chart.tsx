"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { SimpleTable } from "./simple-table";

/**
 * A bar chart of counts. The drawing is for the eye only: it is hidden from assistive technology
 * and takes no focus (Recharts' keyboard layer is off, so Tab never stops inside a hidden chart);
 * the same numbers are a table one click away ("Show as table"), for keyboards, screen readers
 * and anyone who wants the exact figures.
 */
export function CountChart({
  title,
  column,
  data,
}: {
  title: string;
  /** What the labels are ("Month", "Category"): the table's first column heading. */
  column: string;
  data: { label: string; count: number }[];
}) {
  if (data.length === 0) return <p className="text-sm text-slate-600">No data yet.</p>;
  return (
    <figure className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="font-medium">{title}</figcaption>
      <div aria-hidden className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            accessibilityLayer={false}
            tabIndex={-1}
            margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={50} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={32} />
            <Tooltip />
            <Bar dataKey="count" name="Count" fill="#1d5fbf" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700 underline">Show as table</summary>
        <div className="mt-2">
          <SimpleTable caption={title} headers={[column, "Count"]} look="plain">
            {data.map((d) => (
              <tr key={d.label} className="border-t border-slate-100">
                <th scope="row" className="py-1 font-normal">
                  {d.label}
                </th>
                <td className="py-1 tabular-nums">{d.count}</td>
              </tr>
            ))}
          </SimpleTable>
        </div>
      </details>
    </figure>
  );
}
