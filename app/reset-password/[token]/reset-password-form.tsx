"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import type { Resolver } from "react-hook-form";
import { resetPasswordInput, type ResetPasswordInput } from "@/lib/schemas/account";
import { PasswordLinkForm } from "@/app/_components/password-link-form";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token, email, name }: { token: string; email: string; name: string | null }) {
  return (
    <PasswordLinkForm<ResetPasswordInput>
      label="Choose a new password"
      email={email}
      name={name}
      resolver={zodResolver(resetPasswordInput) as Resolver<ResetPasswordInput>}
      send={(values) => resetPasswordAction(token, values)}
      saved="Your password was changed."
      submitLabel="Set the new password"
    />
  );
}
