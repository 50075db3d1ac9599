// Types for app.mjs (plain JavaScript run by `node`), for the TypeScript that starts or tests it.
import type http from "node:http";

export type PermitsDemoConfig = {
  gatehouseUrl: string;
  /** Default `${gatehouseUrl}/oidc`. */
  issuer?: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  publicUrl: string;
  port?: number;
  host?: string;
  scope?: string;
  /** Default: the jwks_uri of the issuer's discovery document. */
  jwksUri?: string;
  log?: (line: string) => void;
};

export function configFromEnv(
  env: Record<string, string | undefined>,
): Required<
  Pick<
    PermitsDemoConfig,
    "gatehouseUrl" | "issuer" | "clientId" | "clientSecret" | "webhookSecret" | "publicUrl" | "port" | "host" | "scope"
  >
>;

export function createPermitsDemo(cfg: PermitsDemoConfig): {
  server: http.Server;
  events(): { logouts: Record<string, unknown>[]; webhooks: Record<string, unknown>[] };
  sessionCount(): number;
  listen(port?: number): Promise<number>;
  close(): Promise<void>;
};
