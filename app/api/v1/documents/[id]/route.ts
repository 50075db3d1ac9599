import { getDocument } from "@/lib/data/documents";
import { getHandler } from "@/lib/http/record-routes";

export const GET = getHandler(getDocument, true);
