// Why a person must use MFA, in words for the enrollment page (/signin/enroll): "your
// municipality requires it for administrators and managers" is something a person can act on
// (or ask about); "MFA required" is not. The rule itself is lib/auth/assurance.ts mfaRequired.
import "server-only";
import { mfaRulesOf, PRIVILEGED_GROUPS } from "./assurance";

export async function mfaReasons(userId: string): Promise<string[]> {
  const user = await mfaRulesOf(userId);
  if (!user) return [];
  const out: string[] = [];
  if (user.platformGroups.length > 0) out.push("Gatehouse requires it for every platform administrator.");
  for (const m of user.memberships) {
    if (m.municipality.mfaRequirement === "EVERYONE")
      out.push(`${m.municipality.name} requires a second sign-in step for everyone who works there.`);
    else if (m.groups.some((g) => (PRIVILEGED_GROUPS as readonly string[]).includes(g)))
      out.push(`${m.municipality.name} requires a second sign-in step for administrators and managers.`);
  }
  return out;
}
