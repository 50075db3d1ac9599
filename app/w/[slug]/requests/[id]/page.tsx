import { workspaceDetailPage } from "@/app/_components/records/detail-page";
import { AssignmentSection } from "./assignment-section";
import { RequestMapSection } from "./request-map-section";
import { RequestTimelineSection } from "./timeline-section";
import { RequestPhotos } from "./request-photos";

// The request's own sections follow the record, each its own file.
const { metadata, Page } = workspaceDetailPage("ServiceRequest", [
  RequestMapSection,
  AssignmentSection,
  RequestTimelineSection,
  RequestPhotos,
]);
export { metadata };
export default Page;
