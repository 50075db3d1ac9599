"use client";

// /signin/enroll: register a passkey as the first second factor; it finishes the sign-in.
import { useId, useState } from "react";
import { PasskeyButton } from "@/app/_components/passkey-button";
import { createPasskey } from "@/app/_components/passkey-ceremony";
import { TextField } from "@/app/_components/form-field";
import { finishPasskeyEnrollmentAction, startPasskeyEnrollmentAction } from "./passkey-actions";

export function PasskeyEnrollSection({ next }: { next: string }) {
  const id = useId();
  const [name, setName] = useState("My passkey");
  return (
    <>
      <p className="text-sm text-slate-600">
        Your device&apos;s screen lock (fingerprint, face or PIN) will then sign you in. Recommended: it cannot be
        phished.
      </p>
      <TextField
        id={`${id}-name`}
        label="Name for the passkey"
        name="name"
        value={name}
        maxLength={60}
        onChange={(e) => setName(e.target.value)}
      />
      <PasskeyButton
        label="Add a passkey and continue"
        pendingLabel="Waiting for your device…"
        start={startPasskeyEnrollmentAction}
        ceremony={createPasskey}
        finish={(response) => finishPasskeyEnrollmentAction({ response, name, next })}
      />
    </>
  );
}
