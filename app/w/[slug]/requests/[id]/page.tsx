import { workspaceDetailPage } from "@/app/_components/records/detail-page";
import { RequestTimelineSection } from "./timeline-section";

const { metadata, Page } = workspaceDetailPage("ServiceRequest", {
  sections: [RequestTimelineSection],
});
export { metadata };
export default Page;
