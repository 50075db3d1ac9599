import { workspaceNewPage } from "@/app/_components/records/new-page";

const { metadata, Page } = workspaceNewPage("HeritageSite");
export { metadata };
export default Page;
