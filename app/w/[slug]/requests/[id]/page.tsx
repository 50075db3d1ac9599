import { workspaceDetailPage } from "@/app/_components/records/detail-page";

const { metadata, Page } = workspaceDetailPage("ServiceRequest");
export { metadata };
export default Page;
