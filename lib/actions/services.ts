// The connected-services actions of both consoles, written once: the municipality admin's
// (/admin/<slug>/services, `who: "admin"`: the municipality from the posted slug, and a service of
// another municipality is "not found" there even for a platform admin) and the platform console's
// (/platform/services, `who: "user"` behind the console's gate, any service the policies reach,
// registered platform-wide or for a chosen municipality). Registering, rotating a secret and
// disabling need a recent authentication (step-up); the new secrets come back once, in the
// action's answer, for the page to show once. Each app/…/actions.ts exports thin wrappers.
import "server-only";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { defineAction, idField } from "@/lib/actions/action-client";
import { assertPlatformConsole } from "@/lib/data/platform-municipalities";
import { serviceFor } from "@/lib/data/services";
import { NotFoundError } from "@/lib/errors";
import type { Viewer } from "@/lib/identity/viewer";
import {
  disableService,
  enableService,
  registerService,
  rotateClientSecret,
  rotateWebhookSecret,
  updateServiceSettings,
} from "@/lib/flows/services";
import { platformServiceFormFields, serviceFormFields } from "@/lib/schemas/services";

export type RegisteredData = {
  id: string;
  href: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
};
export type SecretData = { secret: string };
type Form = FormData;
type Action<T = undefined> = (form: Form) => Promise<ActionResult<T>>;

/** What every service action of one console needs to know about where it runs. */
type Console = {
  viewer: Viewer;
  /** The list page (revalidated; the detail page is `${base}/${id}`). */
  base: string;
  /** Whether this service belongs on this console (an admin console shows its own municipality's only). */
  holds: (municipalityId: string | null) => boolean;
};

const SHOWN_ONCE = "Copy it now: you will not see it again.";
const idScope = z.object({ id: idField() });
const disableInput = z.object({
  reason: z.string().trim().max(500, "At most 500 characters.").default(""),
});

/** The service, when it is on this console and within the viewer's reach; else "not found". */
async function ownService(c: Console, id: string) {
  const s = await serviceFor(c.viewer, id);
  if (!s || !c.holds(s.municipalityId)) throw new NotFoundError();
  return s;
}

/** The five actions on one service, for a console resolved from the action's arguments. */
function serviceActions<A extends { viewer: Viewer }>(who: "admin" | "user", consoleOf: (args: A) => Console) {
  const scope = idScope;
  const paths = (args: A & { scope: { id: string } }) => {
    const c = consoleOf(args);
    return [c.base, `${c.base}/${args.scope.id}`];
  };
  const on = <I extends z.ZodType | undefined, T>(
    spec: { stepUp?: boolean; input?: I },
    body: (c: Console, id: string, input: I extends z.ZodType ? z.output<I> : undefined) => Promise<ActionResult<T>>,
  ): Action<T> =>
    defineAction({ who, form: true, scope, ...spec, revalidate: paths as never }, async (args) => {
      const c = consoleOf(args as unknown as A);
      const id = (args.scope as { id: string }).id;
      await ownService(c, id);
      return body(c, id, args.input as never);
    }) as Action<T>;

  return {
    update: on<typeof serviceFormFields, undefined>({ input: serviceFormFields }, async (c, id, input) => {
      const r = await updateServiceSettings(c.viewer, id, input);
      return {
        ok: true,
        message: r.checks.length
          ? "Saved. Members who lost access through a membership state are being checked now."
          : "Saved.",
      };
    }),
    rotateClientSecret: on({ stepUp: true }, async (c, id) => {
      const { clientSecret } = await rotateClientSecret(c.viewer, id);
      return {
        ok: true,
        message: `A new client secret replaces the old one, which stopped working now. ${SHOWN_ONCE}`,
        data: { secret: clientSecret },
      };
    }),
    rotateWebhookSecret: on({ stepUp: true }, async (c, id) => {
      const { webhookSecret } = await rotateWebhookSecret(c.viewer, id);
      return {
        ok: true,
        message: `Webhooks are signed with the new secret from now on. ${SHOWN_ONCE}`,
        data: { secret: webhookSecret },
      };
    }),
    disable: on<typeof disableInput, undefined>({ stepUp: true, input: disableInput }, async (c, id, input) => {
      const r = await disableService(c.viewer, id, input.reason);
      return {
        ok: true,
        message: `Disabled. Nobody can sign in to it now${r.ended ? `; ${r.ended} people were signed out of it` : ""}.`,
      };
    }),
    enable: on<undefined, undefined>({}, async (c, id) => {
      await enableService(c.viewer, id);
      return { ok: true, message: "Enabled again: people with access can sign in to it." };
    }),
  };
}

function registered(base: string, r: Awaited<ReturnType<typeof registerService>>): ActionResult<RegisteredData> {
  return {
    ok: true,
    message: `Registered. Give the service its client secret and webhook secret now: you will not see them again.`,
    data: {
      id: r.service.id,
      href: `${base}/${r.service.id}`,
      clientId: r.service.clientId,
      clientSecret: r.clientSecret,
      webhookSecret: r.webhookSecret,
    },
  };
}

// ── the municipality admin's console ────────────────────────────────────────────────────────

type AdminArgs = { viewer: Viewer; muni: { id: string; slug: string } };
const adminConsole = ({ viewer, muni }: AdminArgs): Console => ({
  viewer,
  base: `/admin/${muni.slug}/services`,
  holds: (municipalityId) => municipalityId === muni.id,
});

export const adminServiceActions = {
  register: defineAction(
    {
      who: "admin",
      form: true,
      stepUp: true,
      input: serviceFormFields,
      revalidate: ({ muni }) => `/admin/${muni.slug}/services`,
    },
    async ({ viewer, muni, input }) =>
      registered(`/admin/${muni.slug}/services`, await registerService(viewer, muni.id, input)),
  ) as Action<RegisteredData>,
  ...serviceActions<AdminArgs>("admin", adminConsole),
};

// ── the platform console ────────────────────────────────────────────────────────────────────

const PLATFORM_BASE = "/platform/services";
const platformConsole = ({ viewer }: { viewer: Viewer }): Console => {
  assertPlatformConsole(viewer);
  return { viewer, base: PLATFORM_BASE, holds: () => true };
};

export const platformServiceActions = {
  register: defineAction(
    { who: "user", form: true, stepUp: true, input: platformServiceFormFields, revalidate: () => PLATFORM_BASE },
    async ({ viewer, input }) => {
      platformConsole({ viewer });
      const { municipalityId, ...fields } = input;
      return registered(PLATFORM_BASE, await registerService(viewer, municipalityId || null, fields));
    },
  ) as Action<RegisteredData>,
  ...serviceActions<{ viewer: Viewer }>("user", platformConsole),
};
