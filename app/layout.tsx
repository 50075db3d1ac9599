import type { Metadata } from "next";
import Link from "next/link";
import { getPrincipal } from "@/lib/auth/current-session";
import { SignOutButton } from "./_components/sign-out-button";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gatehouse", template: "%s · Gatehouse" },
  description: "Access management and public records for municipalities.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const principal = await getPrincipal();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-brand-900">
              <span aria-hidden className="inline-block h-6 w-6 rounded bg-brand-600" />
              Gatehouse
            </Link>
            <div className="flex items-center gap-4 text-sm">
              <Link href="/" className="hover:underline">
                Municipalities
              </Link>
              {principal.kind === "user" ? (
                <>
                  <Link href="/w" className="hover:underline">
                    Workspace
                  </Link>
                  <Link
                    href="/account"
                    className="hover:underline"
                    aria-label={`Account of ${principal.name ?? principal.email}`}
                  >
                    {principal.name ?? principal.email}
                  </Link>
                  <SignOutButton />
                </>
              ) : (
                <Link
                  href="/signin"
                  className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700"
                >
                  Sign in
                </Link>
              )}
            </div>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
        <footer className="mx-auto max-w-6xl px-4 py-8 text-xs text-slate-500">
          Gatehouse — access management for municipal staff and public records.
        </footer>
      </body>
    </html>
  );
}
