import { workspaceListPage } from "@/app/_components/records/list-page";

const { metadata, Page } = workspaceListPage("HeritageSite");
export { metadata };
export default Page;
