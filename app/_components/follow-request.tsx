// "Follow" on a public request's page, for a signed-in citizen account: nothing for anyone else
// (staff, visitors — visitors get the sign-up link instead). The lead places it on
// /m/<slug>/requests/<reference>; lib/data decides whether the request may be followed at all.
import Link from "next/link";
import { getViewer } from "@/lib/auth/current-session";
import { followState } from "@/lib/data/citizen-reports";
import { followRequestAction, unfollowRequestAction } from "@/app/my/actions";
import { ActionForm } from "./action-form";

export async function FollowRequest({ slug, reference }: { slug: string; reference: string }) {
  const viewer = await getViewer();
  if (viewer.principal.kind === "anonymous")
    return (
      <p className="text-sm text-slate-600">
        <Link href="/citizens/sign-up" className="text-brand-700 underline">
          Make a citizen account
        </Link>{" "}
        to follow this request and see its updates under My reports.
      </p>
    );
  const state = await followState(viewer, slug, reference);
  if (!state) return null;
  return state.following ? (
    <ActionForm
      action={unfollowRequestAction}
      hidden={{ requestId: state.requestId, slug, reference }}
      submitLabel="Stop following"
      pendingLabel="Saving…"
    />
  ) : (
    <ActionForm action={followRequestAction} hidden={{ slug, reference }} submitLabel="Follow" pendingLabel="Saving…" />
  );
}
