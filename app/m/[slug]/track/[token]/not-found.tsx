import Link from "next/link";

// One answer for every tracking link that does not open a report — mistyped, expired, or another
// municipality's — so the page tells nothing about which.
export default function TrackingLinkNotFound() {
  return (
    <div className="mx-auto max-w-2xl space-y-3">
      <h1 className="text-2xl font-semibold text-brand-900">This link does not open a report</h1>
      <p className="text-slate-700">
        The link may be incomplete or may have expired (links work for a year). Copy the whole link from your email, or
        report the problem again.
      </p>
      <Link href="/" className="text-brand-700 underline">
        Go to the start page
      </Link>
    </div>
  );
}
