import { exportHandler } from "@/lib/export/handler";

export const GET = exportHandler("Document");
