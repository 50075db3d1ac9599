import { getDocument, updateDocument, type documentUpdate } from "@/lib/data/documents";
import { getHandler } from "@/lib/http/record-routes";
import { updateHandler } from "@/lib/http/write-routes";
import type { z } from "zod";

export const GET = getHandler(getDocument, true);
export const PATCH = updateHandler((viewer, id, body) => updateDocument(viewer, id, body as z.input<typeof documentUpdate>));
