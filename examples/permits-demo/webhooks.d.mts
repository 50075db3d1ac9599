// Types for webhooks.mjs (plain JavaScript run by `node`), for the TypeScript that tests it.
export function createWebhookVerifier(opts: {
  secret: string;
}): (
  body: string,
  headers: Record<string, string | string[] | undefined>,
) =>
  | { verified: true; id: string; duplicate: boolean; event: unknown }
  | { verified: false; id: string | null; error: string };
