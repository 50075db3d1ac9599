// A local OpenID Connect identity provider (oidc-provider) for development and tests, so the
// real authorization-code flow with PKCE runs end to end. Loopback only; its sign-in form is
// oidc-provider's development interaction (any password), so it must never face a network.
// The test people's claims cover every case of policies/sso.yaml, and the email_verified claim
// that decides whether an SSO sign-in may join an existing account (lib/auth/sso.ts).
import http from "node:http";
import Provider, { type Configuration } from "oidc-provider";
import { createMemoryAdapter } from "oidc-provider/lib/adapters/memory_adapter.js";
import { devIdpClientSecret } from "../crypto/secret-box.ts";

/** email_verified is what the IdP asserts about the address (true unless said otherwise). */
export type IdpPerson = {
  sub: string;
  email: string;
  name: string;
  email_verified?: boolean;
  job_codes?: string[];
  groups?: string[];
  /** What the IdP says the person's sign-in there used (RFC 8176), in the ID token's amr; none when absent. */
  amr?: string[];
  note: string;
};

export const IDP_PEOPLE: IdpPerson[] = [
  {
    sub: "alice",
    email: "alice@riverton.test",
    name: "Alice Operator (SSO)",
    job_codes: ["RIV-PW-OPS"],
    note: "job code → operator",
  },
  {
    sub: "bob",
    email: "bob@riverton.test",
    name: "Bob Manager (SSO)",
    job_codes: ["RIV-PW-MGR"],
    groups: ["riverton-analysts"],
    note: "job code + group → manager, analyst",
  },
  {
    sub: "carol",
    email: "carol@riverton.test",
    name: "Carol Clerk (SSO)",
    job_codes: ["RIV-CLERK-EDIT", "RIV-READ"],
    note: "two job codes → viewer, document_editor",
  },
  {
    sub: "vera",
    email: "vera@riverton.test",
    name: "Vera Volunteer (SSO)",
    groups: ["riverton-volunteers"],
    note: "groups claim only → volunteer",
  },
  {
    sub: "ivan",
    email: "ivan@riverton.test",
    name: "Ivan IT (SSO)",
    job_codes: ["RIV-IT-ADMIN", "RIV-READ"],
    note: "admin job code → municipality_admin, viewer",
  },
  {
    sub: "mallory",
    email: "mallory@riverton.test",
    name: "Mallory Nomap (SSO)",
    job_codes: ["XYZ-UNKNOWN"],
    note: "no mapped claim → refused",
  },
  {
    sub: "eve",
    email: "eve@elsewhere.test",
    name: "Eve Outsider (SSO)",
    job_codes: ["RIV-PW-OPS"],
    note: "foreign email domain → refused",
  },
  {
    sub: "petra",
    email: "petra@riverton.test",
    name: "Petra Password (SSO)",
    job_codes: ["RIV-READ"],
    note: "for an address with a Gatehouse password: refused until linked from /account",
  },
  {
    sub: "nora",
    email: "nora@riverton.test",
    name: "Nora Unverified (SSO)",
    email_verified: false,
    job_codes: ["RIV-READ"],
    note: "email_verified: false → never joins an existing account",
  },
  {
    sub: "quinn",
    email: "quinn@riverton.test",
    name: "Quinn Console (SSO)",
    job_codes: ["RIV-READ", "RIV-CONSOLE-TEST"],
    note: "for the SSO console's Try sign-in; RIV-CONSOLE-TEST maps only once mapped in the console",
  },
  // Brookfield is not in the seed: a platform admin creates it in the browser (domain
  // brookfield.test) and connects it here; these people exist for that walk-through.
  {
    sub: "first.admin",
    email: "first.admin@brookfield.test",
    name: "Frances First (SSO)",
    job_codes: ["BF-IT-ADMIN"],
    note: "Brookfield's first admin: map BF-IT-ADMIN → municipality_admin in the console",
  },
  {
    sub: "bf.clerk",
    email: "clerk@brookfield.test",
    name: "Ben Clerk (SSO)",
    job_codes: ["BF-CLERK"],
    note: "a Brookfield clerk: job code BF-CLERK",
  },
  // Oakridge: the same walk-through in e2e/sso-console.spec.ts, so it never collides with Brookfield's.
  {
    sub: "oak.admin",
    email: "oak.admin@oakridge.test",
    name: "Olive Oak (SSO)",
    job_codes: ["OR-IT-ADMIN"],
    note: "Oakridge's first admin (e2e/sso-console.spec.ts)",
  },
  {
    sub: "mona",
    email: "mona@riverton.test",
    name: "Mona Multifactor (SSO)",
    job_codes: ["RIV-READ"],
    amr: ["pwd", "mfa"],
    note: "the IdP says it did multi-factor (amr: mfa) → counts where the connection trusts it",
  },
];

/** The person a login names: their subject, or their email address (what people type). */
export function idpPerson(login: string | null | undefined): IdpPerson | undefined {
  const l = (login ?? "").trim().toLowerCase();
  return IDP_PEOPLE.find((p) => p.sub === l || p.email === l);
}

/**
 * The client a Gatehouse municipality uses here: `gatehouse-<slug>` for ANY slug, so a
 * municipality created in the browser can connect without restarting the IdP. Its secret is
 * derived from AUTH_SECRET (devIdpClientSecret), so only the app that shares that secret knows it;
 * it may come back to next-auth's callback and to the console's try-sign-in callback.
 */
export function devIdpClient(clientId: string, appUrl: string, authSecret: string) {
  const slug = /^gatehouse-([a-z0-9-]{1,64})$/.exec(clientId)?.[1];
  if (!slug) return undefined;
  const app = appUrl.replace(/\/$/, "");
  return {
    client_id: clientId,
    client_secret: devIdpClientSecret(authSecret, slug),
    redirect_uris: [`${app}/api/auth/callback/sso-${slug}`, `${app}/admin/${slug}/sso/callback`],
    grant_types: ["authorization_code"],
    response_types: ["code"],
  };
}

export async function startIdp(opts: {
  port: number;
  appUrl: string;
  authSecret: string;
}): Promise<{ issuer: string; stop(): Promise<void> }> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const memory = createMemoryAdapter();
  const config: Configuration = {
    // Clients are looked up by id (devIdpClient); everything else the IdP keeps in memory.
    adapter: (model: string) => {
      const store = memory(model);
      if (model !== "Client") return store;
      return Object.assign(Object.create(store) as typeof store, {
        find: async (id: string) => devIdpClient(id, opts.appUrl, opts.authSecret),
      });
    },
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile", "groups"],
    // amr and acr come from the login (below), not the account; listed under openid so the ID token carries them.
    claims: {
      openid: ["sub", "amr", "acr"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["job_codes", "groups"],
    },
    cookies: { keys: [devIdpClientSecret(opts.authSecret, "cookie-key")] },
    async findAccount(_ctx, id) {
      const p = IDP_PEOPLE.find((x) => x.sub === id);
      if (!p) return undefined;
      return {
        accountId: p.sub,
        async claims() {
          return {
            sub: p.sub,
            email: p.email,
            email_verified: p.email_verified ?? true,
            name: p.name,
            job_codes: p.job_codes ?? [],
            groups: p.groups ?? [],
          };
        },
      };
    },
    features: { devInteractions: { enabled: true } },
    // Put the scope claims (job codes, groups) in the ID token, which next-auth reads as the profile.
    conformIdTokenClaims: false,
  };
  const provider = new Provider(issuer, config);
  // The development login knows no methods, so the ID token would carry no amr. For a person with
  // `amr`, finish the login here with it (as a real IdP that did MFA would); everyone else goes on
  // to the development interaction with the body as read.
  provider.use(async (ctx, next) => {
    if (ctx.method !== "POST" || !/^\/interaction\/[^/]+$/.test(ctx.path)) return next();
    const chunks: Buffer[] = [];
    for await (const c of ctx.req) chunks.push(c as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    // A login may be typed as the person's email address: the account is their subject.
    const person = idpPerson(form.get("login"));
    if (person) form.set("login", person.sub);
    (ctx.req as { body?: string }).body = form.toString();
    if (form.get("prompt") !== "login" || !person?.amr) return next();
    await provider.interactionFinished(
      ctx.req,
      ctx.res,
      { login: { accountId: person.sub, amr: person.amr } },
      { mergeWithLastSubmission: false },
    );
    ctx.respond = false;
  });
  // Our http issuer is loopback-only; oidc-provider would otherwise insist on https cookies.
  provider.proxy = false;
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  return {
    issuer,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
