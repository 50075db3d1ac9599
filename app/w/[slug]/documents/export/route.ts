import { documentListQuery, listDocuments } from "@/lib/data/documents";
import { exportHandler } from "@/lib/export/handler";
import { DOCUMENT_LIST_KEYS } from "@/lib/http/list-params";

export const GET = exportHandler({ model: "Document", schema: documentListQuery, keys: DOCUMENT_LIST_KEYS, name: "documents", list: listDocuments });
