import { listDocumentsAfter } from "@/lib/data/documents";
import { listHandler } from "@/lib/http/record-routes";

export const GET = listHandler((viewer, q) => listDocumentsAfter(viewer, q as never), true);
