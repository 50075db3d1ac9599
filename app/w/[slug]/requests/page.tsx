import { workspaceListPage } from "@/app/_components/records/list-page";

const { metadata, Page } = workspaceListPage("ServiceRequest");
export { metadata };
export default Page;
