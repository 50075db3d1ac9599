import { workspaceDetailPage } from "@/app/_components/records/detail-page";
import { RequestMapSection } from "./request-map-section";

const { metadata, Page } = workspaceDetailPage("ServiceRequest");
export { metadata };

type Props = { params: Promise<{ slug: string; id: string }> };

// The generic record page, then this request's own sections (one line each).
export default async function RequestPage(props: Props) {
  return (
    <div className="space-y-6">
      <Page {...props} />
      <RequestMapSection params={props.params} />
    </div>
  );
}
