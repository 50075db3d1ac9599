import { idleStatus } from "@/lib/auth/idle-status";

/**
 * How long this browser's session has left before its idle limit (lib/auth/idle-status.ts). Read
 * without counting as activity, for the idle warning; answers for anyone (no session: "none").
 */
export async function GET() {
  return Response.json(await idleStatus(), { headers: { "Cache-Control": "no-store" } });
}
