"use client";

import { EmailLinkForm } from "@/app/_components/email-link-form";
import { requestCitizenSignupAction } from "../actions";

export function CitizenSignUpForm() {
  return (
    <EmailLinkForm
      label="Make a citizen account"
      send={requestCitizenSignupAction}
      submitLabel="Send me a confirmation link"
      hint="We mail you a link to confirm it; then you choose a password."
    />
  );
}
