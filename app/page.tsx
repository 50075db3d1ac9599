import Link from "next/link";
import { connection } from "next/server";
import { listMunicipalities } from "@/lib/data/municipalities";
import { CitizenAccountLink } from "./_components/citizen-account-link";

export default async function HomePage() {
  await connection();
  const municipalities = await listMunicipalities();
  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight text-brand-900">Municipalities</h1>
        <p className="max-w-2xl text-slate-600">
          Public pages of the municipalities on Gatehouse: service requests, heritage sites and documents, with
          citizens&apos; personal details always kept private.
        </p>
        <CitizenAccountLink />
      </section>
      {municipalities.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          No municipalities yet. A platform administrator can add one.
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Municipalities">
          {municipalities.map((m) => (
            <li key={m.slug}>
              <Link
                href={`/m/${m.slug}`}
                className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-600 hover:shadow"
              >
                <h2 className="text-lg font-semibold text-brand-900">{m.name}</h2>
                {m.region && <p className="text-sm text-slate-500">{m.region}</p>}
                {m.description && <p className="mt-2 text-sm text-slate-700">{m.description}</p>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
