// The transaction client lib/data's writes receive from db.$transaction(async (tx) => …): the
// extended client's type, not Prisma.TransactionClient (which lacks the CASL extension and the
// global omit), so helpers that write inside a change (the timeline) can take it as it is.
import "server-only";
import type { Db } from "@/lib/db";

type TxCallback = Extract<Parameters<Db["$transaction"]>[0], (tx: never) => unknown>;
export type DataTx = Parameters<TxCallback>[0];
