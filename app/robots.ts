import type { MetadataRoute } from "next";

// The public portal (/m/…, the home page's list of municipalities) may be indexed; staff, admin,
// platform, account and API addresses may not. robots.txt is advice to well-behaved crawlers, not
// protection: every one of those pages checks who is asking on the server.
export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      allow: ["/", "/m/"],
      // Prefixes: "/w" covers /w and everything under it. Links that carry a secret are never for crawlers.
      disallow: [
        "/admin",
        "/w",
        "/platform",
        "/account",
        "/api",
        "/scim",
        "/signin",
        "/invite",
        "/reset-password",
        "/confirm-email",
      ],
    },
  };
}
