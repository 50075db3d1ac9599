import { workspaceListPage } from "@/app/_components/records/list-page";

const { metadata, Page } = workspaceListPage("Document");
export { metadata };
export default Page;
