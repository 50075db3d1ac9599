"use client";

import { signIn } from "next-auth/react";
import { ProviderButtonList } from "@/app/_components/provider-button-list";
import { afterSignIn } from "./sign-in-form";

/** One "Continue with …" button per provider; the one pressed says it is on its way. */
export function ProviderButtons({ providers, next }: { providers: { id: string; name: string }[]; next: string }) {
  return (
    <div className="space-y-2">
      <ProviderButtonList
        providers={providers}
        label={(p) => `Continue with ${p.name}`}
        go={(p) => void signIn(p.id, { callbackUrl: afterSignIn(next) })}
        className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50 disabled:opacity-60"
      />
    </div>
  );
}
