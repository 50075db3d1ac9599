import type { Metadata } from "next";
import Link from "next/link";
import { getPrincipal, getSession, getViewer } from "@/lib/auth/current-session";
import { adminMunicipalities, administrationHref } from "@/lib/people/admin-scope";
import { IDLE_WARNING_SECONDS } from "@/lib/auth/session-limits";
import { CITIZEN_HOME, homePathOf, PLATFORM_HOME } from "@/lib/identity/principal";
import { IdleWarning } from "./_components/idle-warning";
import { StepUpReturn } from "./_components/step-up-prompt";
import { SignOutButton } from "./_components/sign-out-button";
import { FlashRegion } from "./_components/flash";
import { HeaderMenu } from "./_components/header-menu";
import { ViewAsBanner } from "./_components/view-as/banner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gatehouse", template: "%s · Gatehouse" },
  description: "Access management and public records for municipalities.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const principal = await getPrincipal();
  const session = await getSession();
  // Seconds, not a time: the browser's clock may be wrong (./_components/idle-warning.tsx).
  const idleLeft =
    principal.kind === "user" && session.status === "active" ? secondsUntil(session.idleExpiresAt) : null;
  // Links only; every page checks access itself. Administration: the municipalities whose people
  // the person may see, by the same check the admin pages make (lib/people/admin-scope.ts).
  const adminHref = principal.kind === "user" ? administrationHref(await adminMunicipalities(await getViewer())) : null;
  const links =
    principal.kind === "user" ? (
      <>
        <Link href="/" className="hover:underline">
          Municipalities
        </Link>
        {homePathOf(principal) === PLATFORM_HOME && (
          <Link href={PLATFORM_HOME} className="hover:underline">
            Platform console
          </Link>
        )}
        {principal.isCitizen ? (
          <Link href={CITIZEN_HOME} className="hover:underline">
            My reports
          </Link>
        ) : (
          <Link href="/w" className="hover:underline">
            Workspace
          </Link>
        )}
        {adminHref && (
          <Link href={adminHref} className="hover:underline">
            Administration
          </Link>
        )}
        <Link
          href="/account"
          className="max-w-full break-all hover:underline"
          aria-label={`Account of ${principal.name ?? principal.email}`}
        >
          {principal.name ?? principal.email}
        </Link>
        <SignOutButton />
      </>
    ) : null;
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        {principal.kind === "user" && principal.viewAs && <ViewAsBanner mark={principal.viewAs} />}
        <header className="border-b border-slate-200 bg-white">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3"
          >
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-brand-900">
              <span aria-hidden className="inline-block h-6 w-6 rounded bg-brand-600" />
              Gatehouse
            </Link>
            {links ? (
              <>
                {/* The full row from tablet width up; on a phone the same links sit in the menu. */}
                <div className="hidden min-w-0 flex-wrap items-center gap-x-4 gap-y-2 text-sm md:flex">{links}</div>
                <HeaderMenu className="md:hidden">{links}</HeaderMenu>
              </>
            ) : (
              <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-2 text-sm">
                <Link href="/" className="hover:underline">
                  Municipalities
                </Link>
                <Link
                  href="/signin"
                  className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700"
                >
                  Sign in
                </Link>
              </div>
            )}
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          <FlashRegion />
          {children}
        </main>
        {idleLeft !== null && <IdleWarning remainingSeconds={idleLeft} warningSeconds={IDLE_WARNING_SECONDS} />}
        {principal.kind === "user" && <StepUpReturn />}
        <footer className="mx-auto max-w-6xl px-4 py-8 text-xs text-slate-500">
          Gatehouse — access management for municipal staff and public records.
        </footer>
      </body>
    </html>
  );
}

function secondsUntil(when: Date): number {
  return Math.max(0, Math.floor((when.getTime() - new Date().getTime()) / 1000));
}
