// The schema names clips lives in, apart so the role helpers (also used by the database scripts)
// need nothing of the policies.
export const CLIPS_SCHEMA = "clips";
export const CLIPS_PRIVATE_SCHEMA = "clips_private";
