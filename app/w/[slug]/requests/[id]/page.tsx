import { workspaceDetailPage } from "@/app/_components/records/detail-page";
import { RequestTimelineSection } from "./timeline-section";
import { RequestPhotos } from "./request-photos";

// The request's own sections follow the record, each its own file.
const { metadata, Page } = workspaceDetailPage("ServiceRequest", {
  sections: [RequestTimelineSection, RequestPhotos],
});
export { metadata };
export default Page;
