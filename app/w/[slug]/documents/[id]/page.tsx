import { workspaceDetailPage } from "@/app/_components/records/detail-page";

const { metadata, Page } = workspaceDetailPage("Document");
export { metadata };
export default Page;
