import { documentListQuery, listDocumentsAfter } from "@/lib/data/documents";
import { listHandler } from "@/lib/http/record-routes";

export const GET = listHandler(documentListQuery, listDocumentsAfter, false);
