"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import type { Resolver } from "react-hook-form";
import { citizenPasswordInput, type CitizenPasswordInput } from "@/lib/schemas/citizen";
import { TextField } from "@/app/_components/form-field";
import { bindField } from "@/app/_components/hook-form";
import { PasswordLinkForm } from "@/app/_components/password-link-form";
import { completeCitizenSignupAction } from "../../actions";

export function CitizenPasswordForm({ token, email }: { token: string; email: string }) {
  return (
    <PasswordLinkForm<CitizenPasswordInput>
      before={(form) => (
        <TextField
          label="Your name (optional)"
          autoComplete="name"
          {...bindField(form, "name")}
          hint="Only you and the staff handling your reports see it."
        />
      )}
      submitLabel="Make my account"
      send={(values) => completeCitizenSignupAction(token, values)}
      resolver={zodResolver(citizenPasswordInput) as Resolver<CitizenPasswordInput>}
      label="Choose your password"
      saved="Your citizen account is ready."
      email={email}
      name={null}
    />
  );
}
