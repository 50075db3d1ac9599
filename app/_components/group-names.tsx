// Groups as people read them (issue 17): each group's label from its policy file, its description
// on hover, never the file name ("municipality_admin"); a deprecated group marked "Deprecated". Server component (the policy files are
// read on the server); client components get labels from their page.
import { Fragment } from "react";
import { groupInfo } from "@/lib/policy/summary";
import { DeprecatedBadge } from "./deprecated-badge";

export function GroupNames({ names, none = "none" }: { names: readonly string[]; none?: string }) {
  const groups = groupInfo(names);
  if (!groups.length) return <>{none}</>;
  return (
    <>
      {groups.map((g, i) => (
        <Fragment key={g.name}>
          {i > 0 && ", "}
          <span title={g.description}>{g.label}</span>
          {g.deprecated && (
            <>
              {" "}
              <DeprecatedBadge reason={g.deprecated} />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}
