import { portalListPage } from "@/app/_components/records/portal-list-page";
import { PublicRequestsMap } from "./public-requests-map";

const { metadata, Page } = portalListPage("ServiceRequest", {
  aside: (m, sp) => <PublicRequestsMap municipality={m} bbox={sp.bbox} />,
});
export { metadata };
export default Page;
