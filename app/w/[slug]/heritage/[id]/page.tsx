import { workspaceDetailPage } from "@/app/_components/records/detail-page";

const { metadata, Page } = workspaceDetailPage("HeritageSite");
export { metadata };
export default Page;
