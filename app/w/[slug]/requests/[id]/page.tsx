import { workspaceDetailPage } from "@/app/_components/records/detail-page";
import { AssignmentSection } from "./assignment-section";

const { metadata, Page } = workspaceDetailPage("ServiceRequest", [AssignmentSection]);
export { metadata };
export default Page;
