// /account's self-service sections (profile, password, email), loaded here so the page only
// places them.
import { ownProfile } from "@/lib/flows/account-settings";
import { emailManagedBy } from "@/lib/flows/email-change";
import { EmailForm, PasswordForm, ProfileForm } from "./self-service-forms";

export async function SelfServiceSections({ userId }: { userId: string }) {
  const [p, managedBy] = await Promise.all([ownProfile(userId), emailManagedBy(userId)]);
  return (
    <>
      <ProfileForm initial={{ name: p.name, jobTitle: p.jobTitle, phone: p.phone }} />
      <EmailForm email={p.email} hasPassword={p.hasPassword} managedBy={managedBy} />
      {p.hasPassword && <PasswordForm name={p.name} email={p.email} />}
    </>
  );
}
