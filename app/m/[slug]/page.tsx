import type { Metadata } from "next";
import Link from "next/link";
import { findMunicipalityBySlug } from "@/lib/data/municipalities";
import { portalMunicipality, anonymousViewer } from "./portal";
import { recordsOf } from "@/lib/data/record-store";
import { listQuerySchema } from "@/lib/records/list";
import { getStatistics, canReadStatistics } from "@/lib/data/statistics";
import { parseListParams } from "@/lib/http/list-params";
import { Empty, label, Pager } from "@/app/_components/pager";
import { StatsPanel } from "@/app/_components/stats-panel";
import { SimpleTable } from "@/app/_components/simple-table";
import { TitledSection } from "@/app/_components/titled-section";
import { StatusBadge } from "@/app/_components/badge";

const requestRecords = recordsOf("ServiceRequest");
const siteRecords = recordsOf("HeritageSite");
const documentRecords = recordsOf("Document");

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const m = await findMunicipalityBySlug((await params).slug);
  return { title: m?.name ?? "Not found" };
}

// The public portal: what anyone may see, through the same policies as staff pages. Staff who
// browse here see the public view too: the lists below are the public group's limited fields.
export default async function MunicipalityPage({ params, searchParams }: Props) {
  const m = await portalMunicipality((await params).slug);
  const viewer = await anonymousViewer();
  const parsed = parseListParams(
    listQuerySchema(requestRecords.def),
    await searchParams,
    ["page", "category", "status", "q"],
    { municipalityId: m.id, pageSize: 10 },
  );
  const q = parsed.values;
  const requests = parsed.ok ? await requestRecords.list(viewer, parsed.query) : null;
  const [sites, docs] = await Promise.all([
    siteRecords.list(viewer, { municipalityId: m.id, pageSize: 6 }),
    documentRecords.list(viewer, { municipalityId: m.id, pageSize: 6 }),
  ]);
  const stats = canReadStatistics(viewer, m.id, "public")
    ? await getStatistics(viewer, m.id, { scope: "public" })
    : null;
  return (
    <div className="space-y-10">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <p className="text-sm text-slate-500">{m.region}</p>
          <h1 className="text-3xl font-bold tracking-tight text-brand-900">{m.name}</h1>
          {m.description && <p className="max-w-2xl text-slate-700">{m.description}</p>}
        </div>
        <Link
          href={`/m/${m.slug}/requests/new`}
          className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
        >
          Report a problem
        </Link>
      </header>

      {stats && <StatsPanel stats={stats} noun="public reports" headingId="stats-h" heading="In numbers" />}

      <TitledSection look="open" id="requests-h" title="Reported problems">
        {!requests ? (
          <p role="alert" className="text-red-700">
            Those filters are not valid.
          </p>
        ) : requests.rows.length === 0 ? (
          <Empty>No public reports yet.</Empty>
        ) : (
          <SimpleTable
            caption={`Public service requests of ${m.name}`}
            headers={["Reference", "Problem", "Category", "Area", "Status", "Reported"]}
          >
            {requests.rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="px-3 py-2 font-mono text-xs">{r.reference}</td>
                <td className="px-3 py-2">{r.title}</td>
                <td className="px-3 py-2">{label(r.category)}</td>
                <td className="px-3 py-2">{r.area}</td>
                <td className="px-3 py-2">
                  <StatusBadge kind="request" value={r.status ?? ""} />
                </td>
                <td className="px-3 py-2">{label(r.createdAt)}</td>
              </tr>
            ))}
          </SimpleTable>
        )}
        <Pager list={requests} params={q} noun="reports" />
        <p>
          <Link href={`/m/${m.slug}/requests`} className="text-sm text-brand-700 underline">
            All reported problems, with filters
          </Link>
        </p>
      </TitledSection>

      <TitledSection look="open" id="heritage-h" title="Heritage">
        <p className="text-sm text-slate-600">
          Places are shown by district only.{" "}
          <Link href={`/m/${m.slug}/heritage`} className="text-brand-700 underline">
            All heritage sites
          </Link>
        </p>
        {sites.rows.length === 0 ? (
          <Empty>No public heritage sites.</Empty>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {sites.rows.map((s) => (
              <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="text-xs uppercase tracking-wide text-slate-500">
                  {label(s.kind)} · {s.district}
                </p>
                <h3 className="font-semibold">{s.name}</h3>
                <p className="text-sm text-slate-700">{s.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </TitledSection>

      <TitledSection look="open" id="docs-h" title="Documents">
        {docs.total > docs.rows.length && (
          <p>
            <Link href={`/m/${m.slug}/documents`} className="text-sm text-brand-700 underline">
              All {docs.total} documents
            </Link>
          </p>
        )}
        {docs.rows.length === 0 ? (
          <Empty>No public documents.</Empty>
        ) : (
          <ul className="space-y-2">
            {docs.rows.map((d) => (
              <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="font-semibold">
                  <Link href={`/m/${m.slug}/documents/${d.id}`} className="text-brand-700 underline">
                    {d.title}
                  </Link>
                </h3>
                <p className="text-sm text-slate-700">{d.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </TitledSection>
    </div>
  );
}
