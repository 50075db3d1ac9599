// The transaction client our flows receive from db.$transaction(async (tx) => …): the extended
// client's type, not Prisma.TransactionClient (which lacks the CASL extension and global omit).
import "server-only";
import type { Db } from "@/lib/db";

type TxCallback = Extract<Parameters<Db["$transaction"]>[0], (tx: never) => unknown>;
export type Tx = Parameters<TxCallback>[0];
