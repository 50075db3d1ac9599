import { createDocument, documentListQuery, listDocumentsAfter, type documentInput } from "@/lib/data/documents";
import { listHandler } from "@/lib/http/record-routes";
import { createHandler } from "@/lib/http/write-routes";
import type { z } from "zod";

export const GET = listHandler(documentListQuery, listDocumentsAfter, true);
export const POST = createHandler((viewer, body) => createDocument(viewer, body as z.input<typeof documentInput>));
