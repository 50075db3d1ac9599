import { workspaceNewPage } from "@/app/_components/records/new-page";

const { metadata, Page } = workspaceNewPage("Document");
export { metadata };
export default Page;
