import { workspaceListPage } from "@/app/_components/records/list-page";
import { REQUEST_BULK } from "./bulk-bar";
import { RequestViews } from "./views";

const { metadata, Page } = workspaceListPage("ServiceRequest", { bulk: REQUEST_BULK, views: RequestViews });
export { metadata };
export default Page;
