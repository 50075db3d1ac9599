import { resetLink } from "@/lib/flows/password-reset";
import { brokenLinkTitles, secretLinkMetadata, secretLinkPage } from "@/app/_components/secret-link-page";
import { ResetPasswordForm } from "./reset-password-form";

const TITLE = "Choose a new password";
export const metadata = secretLinkMetadata(TITLE);

export default secretLinkPage({
  title: TITLE,
  read: resetLink,
  brokenTitles: brokenLinkTitles("This password reset link"),
  broken: [
    { href: "/forgot-password", label: "Ask for a new link" },
    { href: "/signin", label: "Sign in" },
  ],
  valid: (link, token) => (
    <>
      <p className="text-sm text-slate-600">
        Setting it signs you out everywhere. If you use a passkey or an authenticator app, you still need it to sign in.
      </p>
      <ResetPasswordForm token={token} email={link.email!} name={link.name} />
    </>
  ),
});
