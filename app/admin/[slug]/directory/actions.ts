"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { rotateScimToken, setScimEnabled, setUpScimConnection } from "@/lib/data/scim-connections";
import type { ActionResult } from "@/lib/action-result";
import type { Viewer } from "@/lib/identity/viewer";

type TokenResult = ActionResult<{ token: string }>;
const scope = z.object({ slug: z.string().max(64) });
const revalidate = ({ muni }: { muni: { slug: string } }) => `/admin/${muni.slug}/directory`;
const SHOWN_ONCE =
  "Copy the token now and paste it into your directory's provisioning settings: it is shown only this once.";

/** An action that issues a token (set up, rotate) and hands it back once, to be shown once. */
function issuing<I extends z.ZodType | undefined>(
  input: I,
  issue: (viewer: Viewer, municipalityId: string) => Promise<string>,
  done: string,
) {
  return defineAction(
    { who: "admin", form: true, stepUp: true, scope, input, revalidate },
    async ({ viewer, muni }) => ({
      ok: true as const,
      message: `${done} ${SHOWN_ONCE}`,
      data: { token: await issue(viewer, muni.id) },
    }),
  );
}

const setUp = issuing(undefined, setUpScimConnection, "Directory sync is set up.");
const rotate = issuing(
  z.object({ confirm: z.literal("yes", { error: "Tick the box: the current token stops working at once." }) }),
  rotateScimToken,
  "A new token replaces the old one, which no longer works.",
);

const enable = defineAction(
  {
    who: "admin",
    form: true,
    stepUp: true,
    scope,
    input: z.object({ enabled: z.enum(["true", "false"]) }),
    revalidate,
  },
  async ({ viewer, muni, input }) => {
    const on = input.enabled === "true";
    await setScimEnabled(viewer, muni.id, on);
    return {
      ok: true,
      message: on ? "Directory sync is on again." : "Directory sync is off: the directory's requests are refused.",
    };
  },
);

export async function setUpScimConnectionAction(_: TokenResult | null, form: FormData): Promise<TokenResult> {
  return setUp(form);
}

export async function rotateScimTokenAction(_: TokenResult | null, form: FormData): Promise<TokenResult> {
  return rotate(form);
}

export async function setScimEnabledAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return enable(form);
}
