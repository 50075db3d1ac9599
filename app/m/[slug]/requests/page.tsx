import { portalListPage } from "@/app/_components/records/portal-list-page";

const { metadata, Page } = portalListPage("ServiceRequest");
export { metadata };
export default Page;
