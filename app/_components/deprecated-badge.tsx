// The mark of a deprecated group (a group file's `deprecated: true`) wherever groups are shown:
// pickers, people lists, the person page, the Policies page. The reason goes in the title here
// and, where there is room, in words beside it.
import { Badge } from "./badge";

export function DeprecatedBadge({ reason }: { reason?: string }) {
  return (
    <span title={reason ? `Deprecated: ${reason}` : undefined}>
      <Badge tone="warn">Deprecated</Badge>
    </span>
  );
}
