import { emailChangeLink } from "@/lib/flows/email-change";
import { brokenLinkTitles, secretLinkMetadata, secretLinkPage } from "@/app/_components/secret-link-page";
import { ConfirmEmailButton } from "./confirm-button";

const TITLE = "Confirm your new email address";
export const metadata = secretLinkMetadata(TITLE);

export default secretLinkPage({
  title: TITLE,
  read: emailChangeLink,
  brokenTitles: { ...brokenLinkTitles("This confirmation link"), used: "This address was already confirmed" },
  footer: [{ href: "/account", label: "Your account" }],
  valid: (link, token) => (
    <>
      <p className="text-slate-600">
        Your Gatehouse account will use <strong>{link.newEmail}</strong> to sign in and for mail. Your old address is
        told.
      </p>
      <ConfirmEmailButton token={token} newEmail={link.newEmail!} />
    </>
  ),
});
