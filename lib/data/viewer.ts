import type { Principal } from "@/lib/auth/principal";
import type { AppAbility } from "@/lib/policy/casl";

/**
 * Who is asking and what they may do. Built only by lib/auth from the request (session or
 * token) via lib/policy, so a caller cannot hand lib/data a wider ability than it has.
 */
export type Viewer = { principal: Principal; ability: AppAbility };
