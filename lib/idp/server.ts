// A local OpenID Connect identity provider (oidc-provider) for development and tests, so the
// real authorization-code flow with PKCE runs end to end. Loopback only; its sign-in form is
// oidc-provider's development interaction (any password), so it must never face a network.
// The test people's claims cover every case of policies/sso.yaml, and the email_verified claim
// that decides whether an SSO sign-in may join an existing account (lib/auth/sso.ts).
import http from "node:http";
import Provider, { type Configuration } from "oidc-provider";
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
    sub: "mona",
    email: "mona@riverton.test",
    name: "Mona Multifactor (SSO)",
    job_codes: ["RIV-READ"],
    amr: ["pwd", "mfa"],
    note: "the IdP says it did multi-factor (amr: mfa) → counts where the connection trusts it",
  },
];

export async function startIdp(opts: {
  port: number;
  appUrl: string;
  authSecret: string;
  municipalities?: string[];
}): Promise<{ issuer: string; stop(): Promise<void> }> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const slugs = opts.municipalities ?? ["riverton"];
  const config: Configuration = {
    clients: slugs.map((slug) => ({
      client_id: `gatehouse-${slug}`,
      client_secret: devIdpClientSecret(opts.authSecret, slug),
      redirect_uris: [`${opts.appUrl.replace(/\/$/, "")}/api/auth/callback/sso-${slug}`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
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
    const raw = Buffer.concat(chunks).toString("utf8");
    (ctx.req as { body?: string }).body = raw;
    const form = new URLSearchParams(raw);
    const person = IDP_PEOPLE.find((p) => p.sub === form.get("login"));
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
