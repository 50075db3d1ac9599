// What the two consoles' service pages share: reading the list from the URL, and loading one
// service with what its page shows (developer notes, people signed in, the kinds of service).
// The page decides which console it is (its scope and whose services it holds).
import { notFound } from "next/navigation";
import { firstValues } from "@/lib/http/search-params";
import type { Viewer } from "@/lib/identity/viewer";
import { orInvalid } from "@/lib/pages/scope";
import { listServices, serviceFor, signedInCount } from "@/lib/data/services";
import { developerInfo, serviceKinds } from "@/lib/flows/services";
import { InvalidQuery } from "@/app/_components/pager";
import type { KindChoice } from "./service-form";
import type { ServiceDetailActions } from "./service-detail";
import { ServiceList } from "./service-list";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const LIST_KEYS = ["q", "state", "municipality", "sort", "dir", "page", "pageSize"] as const;

/** The kinds of service with a policy file, as the form offers them (labels and resource types only). */
export function kindChoices(): KindChoice[] {
  return serviceKinds().map((k) => ({
    slug: k.slug,
    label: k.label,
    resourceTypes: k.resourceTypes.map((t) => ({ name: t.name, label: t.label })),
  }));
}

/** The list of services, read from the URL (an invalid filter is said in place of the list). */
export async function ServicesFromUrl({
  viewer,
  searchParams,
  base,
  within,
  owners,
}: {
  viewer: Viewer;
  searchParams: SearchParams;
  base: string;
  within?: { municipalityId: string };
  owners?: (municipalityIds: (string | null)[]) => Promise<Parameters<typeof ServiceList>[0]["owners"]>;
}) {
  const params = firstValues(await searchParams, within ? LIST_KEYS.filter((k) => k !== "municipality") : LIST_KEYS);
  const listed = await orInvalid(listServices(viewer, params, within));
  if (!listed.ok) return <InvalidQuery message={listed.invalid} />;
  const list = listed.value;
  return (
    <ServiceList
      list={list}
      params={params}
      base={base}
      owners={owners ? await owners(list.rows.map((r) => r.municipalityId)) : undefined}
    />
  );
}

/** One service for its page, when the viewer may read it and it is on this console (`holds`); else 404. */
export async function servicePageData(viewer: Viewer, id: string, holds: (municipalityId: string | null) => boolean) {
  const service = await serviceFor(viewer, id);
  if (!service || !holds(service.municipalityId)) notFound();
  return {
    service,
    info: developerInfo(service),
    signedIn: await signedInCount(viewer, service.id),
    kinds: kindChoices(),
  };
}

/**
 * A console's service actions by their names (`update<noun>Action`, `rotate<noun>SecretAction`, …):
 * the admin console's are "Service", the platform console's "PlatformService" (names are unique
 * across the build, so the security suites can tell them apart).
 */
export function serviceActionsOf(
  mod: Record<string, unknown>,
  noun: "Service" | "PlatformService",
): ServiceDetailActions {
  const get = (name: string) => {
    const f = mod[name];
    if (typeof f !== "function") throw new Error(`no server action ${name}`);
    return f as never;
  };
  return {
    update: get(`update${noun}Action`),
    rotateClientSecret: get(`rotate${noun}SecretAction`),
    rotateWebhookSecret: get(`rotate${noun}WebhookSecretAction`),
    disable: get(`disable${noun}Action`),
    enable: get(`enable${noun}Action`),
  };
}
