import { workspaceNewPage } from "@/app/_components/records/new-page";

const { metadata, Page } = workspaceNewPage("ServiceRequest");
export { metadata };
export default Page;
