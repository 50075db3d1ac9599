// The clips engine's contract (issue 21, CLIPS-ENGINE: lib/clips) as lib/flows/clips.ts and the API
// call it, in one place: until the engine's branch is merged these answer "not set up", so the
// pages and the API show clips as unavailable instead of failing. Replaced by re-exports of
// lib/clips when it lands.
import "server-only";
import type { ClipOutcome, ClipsAvailability, ClipsView } from "@/lib/clips/types";

export async function clipsAvailability(_municipalityId: string): Promise<ClipsAvailability> {
  return { ready: false, reason: "The clips schema and its role are not set up." };
}

export async function runClipsSql(
  _municipalityId: string,
  _sql: string,
  _opts: { rowCap?: number; timeoutMs?: number } = {},
): Promise<ClipOutcome> {
  throw new Error("The clips engine is not installed.");
}

export function clipsCatalog(): ClipsView[] {
  return [];
}
