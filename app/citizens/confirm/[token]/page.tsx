import { citizenSignupLink } from "@/lib/flows/citizen-signup";
import { brokenLinkTitles, secretLinkMetadata, secretLinkPage } from "@/app/_components/secret-link-page";
import { CitizenPasswordForm } from "./citizen-password-form";

// The link a citizen's sign-up mail carries: the address is confirmed once a password is chosen.
export const metadata = secretLinkMetadata("Choose your password");

export default secretLinkPage({
  title: "Choose your password",
  read: citizenSignupLink,
  valid: (link, token) => <CitizenPasswordForm token={token} email={link.email!} />,
  brokenTitles: brokenLinkTitles("This sign-up link"),
  broken: [
    { href: "/citizens/sign-up", label: "Ask for a new link" },
    { href: "/signin", label: "Sign in" },
  ],
});
