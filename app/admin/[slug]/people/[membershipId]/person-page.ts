// What every action on a person's admin page shares: an administrator of the slug's municipality,
// the membership named by the form, the person's page revalidated afterwards.
import { z } from "zod";

export const personPage = {
  who: "admin",
  scope: z.object({ membershipId: z.string().max(64) }),
  revalidate: ({ muni, scope }: { muni: { slug: string }; scope: { membershipId: string } }) =>
    `/admin/${muni.slug}/people/${scope.membershipId}`,
} as const;
