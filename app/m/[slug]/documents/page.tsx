import { portalListPage } from "@/app/_components/records/portal-list-page";

const { metadata, Page } = portalListPage("Document");
export { metadata };
export default Page;
