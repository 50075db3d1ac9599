import { workspaceDetailPage } from "@/app/_components/records/detail-page";
import { RequestPhotos } from "./request-photos";

const { metadata, Page } = workspaceDetailPage("ServiceRequest");
export { metadata };

// The request's own sections follow the record (each its own file).
export default async function ServiceRequestPage(props: { params: Promise<{ slug: string; id: string }> }) {
  return (
    <div className="space-y-6">
      <Page {...props} />
      <RequestPhotos params={props.params} />
    </div>
  );
}
