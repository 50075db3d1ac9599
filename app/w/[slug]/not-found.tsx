import { RefusedOrNotFound } from "@/app/_components/refused-or-not-found";

/** A member whose access here is suspended or not yet approved is told so; anyone else: not found. */
export default function WorkspaceNotFound() {
  return <RefusedOrNotFound area="w" />;
}
