import { GroupNames } from "@/app/_components/group-names";
import Link from "next/link";
import type { PersonMembership } from "@/lib/data/platform-people";
import { StatusBadge } from "@/app/_components/badge";

/** A person's memberships: municipality, groups and state, each linking to its admin page. */
export function MembershipList({ memberships }: { memberships: PersonMembership[] }) {
  if (memberships.length === 0) return <span className="text-slate-500">no municipality</span>;
  return (
    <ul className="space-y-0.5">
      {memberships.map((m) => (
        <li key={m.id}>
          {m.archived ? (
            <span>{m.municipality} (archived)</span>
          ) : (
            <Link href={`/admin/${m.slug}/people/${m.id}`} className="text-brand-700 underline">
              {m.municipality}
            </Link>
          )}
          : <GroupNames names={m.groups} none="no groups" />
          {m.status !== "ACTIVE" && (
            <>
              {" "}
              <StatusBadge kind="membership" value={m.status} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
