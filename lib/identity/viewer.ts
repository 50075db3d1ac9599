// Who is asking and what they may do, as one value handed to lib/data. A type only: viewers are
// built by lib/auth/viewer.ts from the request (session or token), or by
// lib/data/anonymous-viewer.ts for the public, always through lib/policy — so a caller cannot
// hand lib/data a wider ability than it has.
import type { AppAbility } from "./ability";
import type { Principal } from "./principal";

export type Viewer = { principal: Principal; ability: AppAbility };
