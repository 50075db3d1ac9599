import { citizenSignupLink } from "@/lib/flows/citizen-signup";
import { brokenLinkTitles, secretLinkMetadata, secretLinkPage } from "@/app/_components/secret-link-page";
import { CitizenPasswordForm } from "./citizen-password-form";

const TITLE = "Choose your password";
export const metadata = secretLinkMetadata(TITLE);

export default secretLinkPage({
  title: TITLE,
  read: citizenSignupLink,
  brokenTitles: brokenLinkTitles("This sign-up link"),
  broken: [
    { href: "/citizens/sign-up", label: "Ask for a new link" },
    { href: "/signin", label: "Sign in" },
  ],
  valid: (link, token) => (
    <>
      <p className="text-sm text-slate-600">Your address is confirmed once you choose a password.</p>
      <CitizenPasswordForm token={token} email={link.email!} />
    </>
  ),
});
