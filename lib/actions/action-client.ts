// One way to write a server action (issue 14): a server action is a public POST endpoint, so
// every one must resolve the caller's identity from the session, read the municipality it acts in
// through the caller's own reach, parse whatever was posted with zod, turn typed errors into the
// form's ActionResult and revalidate what it changed. Written by hand in each action, those steps
// drifted: five argument shapes, the same refusal written 17 times, one record action that skipped
// the workspace lookup. Here they are written once; an action supplies only its schemas and body.
//
// Own wrapper rather than next-safe-action 8 (on the registry, TOOLCHAIN.md): the library returns
// its own result shape ({ data, validationErrors, serverError }) and takes one argument (or
// bind args), so adopting it would mean rewriting every client form, ActionForm and RecordForm and
// the security suites' action plans, which read the (prev, FormData) / (value) / (value, value)
// shapes from the build. This wrapper keeps ActionResult (lib/action-result.ts), the argument
// shapes the forms send and `export async function` declarations; it is the same idea as
// formbricks' `authenticatedActionClient.inputSchema(Z).action(fn)` and dub's `authActionClient`.
//
// Usage (in a "use server" file; the exported declaration keeps the shape the form calls with,
// and the security suites read that `export async function` signature from the source):
//
//   const retry = defineAction(
//     { who: "admin", form: true, scope: z.object({ id: idField() }), revalidate: ({ muni }) => `/admin/${muni.slug}/outbox` },
//     async ({ viewer, muni, scope }) => {
//       await retryOutboxMessage(viewer, muni.id, scope.id); // a thrown NotFoundError → { ok: false, formError: "Not found" }
//       return { ok: true, message: "Queued to be sent now." };
//     },
//   );
//   export async function retryOutboxMessageAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
//     return retry(form);
//   }
//
//   // A record form posting one object { slug, id, expectedUpdatedAt, values }: the scope from the
//   // object, the input from its `values`; `viewer` is the staff viewer, `ws` the workspace.
//   const update = defineAction(
//     { who: "workspace", scope: z.object({ id: idField(), expectedUpdatedAt: z.iso.datetime().optional() }), inner: "values", input: documentForm, revalidate: ({ ws }) => `/w/${ws.municipality.slug}/documents` },
//     async ({ viewer, scope, input }) => { await updateDocument(viewer, scope.id, input); return { ok: true, message: "Saved.", data: { id: scope.id } }; },
//   );
//   export async function updateDocumentAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
//     return update(raw);
//   }
//
// Two plain arguments (target, values), as react-hook-form forms send: `scope` is the first,
// `input` the second (`changeAccess(targetInput, values)`). One plain argument without a scope:
// `input` is that argument. The slug (admin, workspace) is read from the scope's raw argument —
// the form's fields or the first object — so the scope schema need not repeat it. The body may
// return a refusal itself ({ ok: false, formError, fieldErrors }), throw a typed error
// (lib/errors.ts; ValidationError keeps its field errors) or call redirect().
//
// Steps, in order: identity (`who`; signed out → the sign-in page; viewing as someone → refused,
// except the action that ends it (`endsViewAs`); `secondFactor`/`enroll`: only a
// sign-in waiting at that stage, lib/auth/assurance.ts, anyone else sent on) → arguments (a FormData where
// `form: true`, else NOT_A_FORM) → `scope` (hidden fields the page wrote: ids, tokens; invalid →
// `incomplete`, no field errors) → the municipality (admin: one whose people the caller may see;
// workspace: the caller's own workspace there; else "Not found") → `input` (what the person typed;
// not a record where the schema is an object → `incomplete`; invalid → `invalid` with zod's field
// errors by name) → step-up (`stepUp`: a recent authentication with the person's strongest factor,
// else `{ stepUp: true }`) → body → `revalidate` (when the body returned, ok or not, or
// redirected; not when it threw). Typed errors thrown anywhere become the form's result
// (lib/action-result.ts failure()); Next's redirect()/notFound() pass through.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer, requirePartialSession, requireUser } from "@/lib/auth/current-session";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { requireRecentAuth } from "@/lib/auth/step-up";
import { workspaceFor, type Workspace } from "@/lib/data/workspace";
import { adminMunicipality } from "@/lib/people/admin-scope";
import { ACTION_MESSAGES, failure, NOT_A_FORM, type ActionResult } from "@/lib/action-result";
import type { Viewer } from "@/lib/identity/viewer";
import { VIEW_AS_READ_ONLY } from "@/lib/auth/view-as";
import { ForbiddenError } from "@/lib/errors";

type SignedIn = Awaited<ReturnType<typeof requireUser>>;

/** What the body gets besides its parsed scope and input, per identity. */
export type ActionContexts = {
  /** Anyone; `viewer` is the session's (anonymous when signed out). */
  anonymous: { viewer: Viewer };
  /** A signed-in person (else the sign-in page, which says why). */
  user: SignedIn;
  /** A signed-in person who may see the people of the municipality named by the `slug` field. */
  admin: SignedIn & { muni: Awaited<ReturnType<typeof adminMunicipality>> };
  /** A signed-in member of the municipality named by `slug`; `viewer` is the staff viewer (own groups only), as on workspace pages. */
  workspace: Omit<SignedIn, "viewer" | "staffViewer"> & { viewer: Viewer; ws: Workspace };
  /** A sign-in waiting for its second factor (/signin/verify); `next` is the posted `next` field, made safe. */
  secondFactor: { partial: PartialSignIn; next: string };
  /** A sign-in waiting for enrollment of a first factor (/signin/enroll). */
  enroll: { partial: PartialSignIn; next: string };
};
type PartialSignIn = Awaited<ReturnType<typeof requirePartialSession>>;
export type Who = keyof ActionContexts;

// A schema that may be left out: then its parsed value is `undefined`.
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ActionSpec<W extends Who, S extends z.ZodType | undefined, I extends z.ZodType | undefined> = {
  who: W;
  /** The action is posted by a <form> (useActionState: previous state, FormData): fields are read by name. */
  form?: boolean;
  /** Hidden fields the page wrote (slug, ids, a token). admin and workspace need a `slug` among them. */
  scope?: S;
  /** What the person typed: the form's fields; or the `inner` key of the one object, the second argument after a scope, the only argument. */
  input?: I;
  /** For one-object actions ({ slug, id, values }): the key that holds the input. */
  inner?: string;
  /** The refusal when the scope (or the argument's shape) is wrong; default ACTION_MESSAGES.incomplete. */
  incomplete?: string;
  /** The form error when the input is invalid; default ACTION_MESSAGES.invalid. */
  invalid?: string;
  /**
   * A privileged action (lib/auth/step-up.ts): the session must have authenticated within
   * STEP_UP_MINUTES with the person's strongest factor, checked after the input parsed and before
   * the body runs; else the form gets `{ ok: false, stepUp: true }` ("confirm it's you") and
   * nothing changed. Only for signed-in `who`s.
   */
  stepUp?: boolean;
  /**
   * The one action a read-only view-as (lib/auth/view-as.ts) may call: ending it. Every other
   * action is refused while the session views as someone, before its arguments are read.
   */
  endsViewAs?: boolean;
  /** Every page and the root layout (its header and banner) are drawn again: the action changes who is asking (view-as). */
  revalidateLayout?: boolean;
  /** Paths to revalidate after the body returned. */
  revalidate?: (args: BodyArgs<W, S, I>) => string | readonly string[];
};

export type BodyArgs<W extends Who, S, I> = ActionContexts[W] & { scope: Parsed<S>; input: Parsed<I> };

const slugField = z.object({ slug: z.string().max(64) });

/** A text field the lib call parses itself (it names the field when it refuses): absent is "". */
export const formText = z.string().default("");
/** Every value of a repeated field (checkboxes, a multi-select): absent is none. */
export const formList = z.array(z.string()).default([]);
/** A box the person ticks to confirm a step ("yes"), checked on the server so it holds without JavaScript. */
export const confirmBox = z.literal("yes", { error: "Tick the box to confirm." });
/** An id-like string (1 to `max` characters) whose every issue reads `message`, if given: the field error the form shows. */
export function idField(message?: string, max = 64) {
  const error = message ? { error: message } : undefined;
  return z.string(error).min(1, error).max(max, error);
}

/**
 * Declares an action; returns the function the exported `async function …Action` calls with its
 * own arguments: `(form)` for form actions, `(value)` or `(scope, input)` for value actions.
 */
export function defineAction<
  W extends Who,
  T = undefined,
  S extends z.ZodType | undefined = undefined,
  I extends z.ZodType | undefined = undefined,
>(
  spec: ActionSpec<W, S, I>,
  body: (args: BodyArgs<W, S, I>) => Promise<ActionResult<T>>,
): (first?: unknown, second?: unknown) => Promise<ActionResult<T>> {
  const incomplete = { ok: false as const, formError: spec.incomplete ?? ACTION_MESSAGES.incomplete };
  return async (first, second) => {
    try {
      const ctx = await identify(spec.who, nextOf(first), spec.endsViewAs === true);
      if (spec.form && !(first instanceof FormData)) return NOT_A_FORM;
      // Only form actions read a FormData; a value action sent one refuses it (not a record).
      const fields = spec.form && first instanceof FormData ? formFields(first) : undefined;
      const rawScope = fields ?? first;
      // Value actions: the input is the `inner` key of the first argument, else the second
      // argument when the first is the scope, else the first argument itself.
      const rawInput = fields ?? (spec.inner !== undefined ? field(first, spec.inner) : spec.scope ? second : first);

      const scope = spec.scope ? spec.scope.safeParse(fields ? pick(spec.scope, fields) : rawScope) : undefined;
      if (scope && !scope.success) return incomplete;
      const place = await placeOf(spec.who, ctx as SignedIn, rawScope);
      if (place === null) return incomplete;
      if (!fields && spec.input instanceof z.ZodObject && !isRecord(rawInput)) return incomplete;
      const input = spec.input ? spec.input.safeParse(fields ? pick(spec.input, fields) : rawInput) : undefined;
      if (input && !input.success)
        return {
          ok: false,
          formError: spec.invalid ?? ACTION_MESSAGES.invalid,
          fieldErrors: z.flattenError(input.error).fieldErrors as Record<string, string[] | undefined>,
        };

      // Only a complete sign-in has a session to confirm (not anonymous, not secondFactor/enroll).
      if (spec.stepUp && "session" in ctx) await requireRecentAuth(ctx.session);

      const args = { ...ctx, ...place, scope: scope?.data, input: input?.data } as unknown as BodyArgs<W, S, I>;
      const revalidate = () => {
        [spec.revalidate?.(args) ?? []].flat().forEach((path) => revalidatePath(path));
        if (spec.revalidateLayout) revalidatePath("/", "layout");
      };
      const result = await body(args).catch((err: unknown) => {
        if (isRedirectError(err)) revalidate(); // a redirect after the change: the page it leaves is stale too
        throw err;
      });
      revalidate();
      return result;
    } catch (err) {
      unstable_rethrow(err); // redirect(), notFound(): Next's control flow, not a failure
      return failure(err);
    }
  };
}

/** The posted `next` (where a finished sign-in goes): a form's field, or a plain object's key. */
function nextOf(first: unknown): unknown {
  if (first instanceof FormData) return first.get("next");
  return first && typeof first === "object" && "next" in first ? first.next : undefined;
}

/** While the session views as someone, nothing changes (lib/auth/view-as.ts): refused for every `who`. */
function refuseDuringViewAs(viewer: Viewer): void {
  if (viewer.principal.kind === "user" && viewer.principal.viewAs) throw new ForbiddenError(VIEW_AS_READ_ONLY);
}

async function identify(who: Who, rawNext: unknown, endsViewAs: boolean): Promise<ActionContexts[Who]> {
  if (who === "anonymous") {
    const viewer = await getViewer();
    refuseDuringViewAs(viewer);
    return { viewer };
  }
  if (who === "secondFactor" || who === "enroll") {
    // Anyone else is sent on by requirePartialSession: signed out to sign in, signed in to `next`.
    const next = safeNextPath(typeof rawNext === "string" ? rawNext : undefined, "/w");
    return { partial: await requirePartialSession(who === "enroll" ? "ENROLL" : "SECOND_FACTOR", next), next };
  }
  const user = await requireUser();
  if (!endsViewAs) refuseDuringViewAs(user.viewer);
  if (who === "workspace") {
    const { viewer: _full, staffViewer, ...rest } = user;
    return { ...rest, viewer: staffViewer } as ActionContexts["workspace"];
  }
  return user;
}

/** The municipality the action acts in, through the caller's own reach; null when no slug was sent. */
async function placeOf(who: Who, ctx: SignedIn, raw: unknown): Promise<object | null> {
  if (who !== "admin" && who !== "workspace") return {};
  const s = slugField.safeParse(raw);
  if (!s.success) return null;
  // Both throw NotFoundError for a municipality outside the caller's reach.
  return who === "admin"
    ? { muni: await adminMunicipality(ctx.viewer, s.data.slug) }
    : { ws: await workspaceFor(ctx.viewer, s.data.slug) };
}

/** A FormData as a record: one value per name, every value for names posted more than once. */
export function formFields(form: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const out = new Map<string, FormDataEntryValue | FormDataEntryValue[]>();
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    out.set(key, all.length === 1 ? all[0]! : all);
  }
  // A Map, then Object.fromEntries: a field named "__proto__" stays an own property.
  return Object.fromEntries(out);
}

/**
 * A form's fields as a schema expects them: only the names an object schema declares (a strict
 * schema refuses the others, and the form also carries the scope's hidden fields); one value
 * wrapped in a list where the schema wants a list (a single ticked checkbox).
 */
export function pick(schema: z.ZodType, fields: Record<string, unknown>): unknown {
  if (!(schema instanceof z.ZodObject)) return fields;
  const shape = schema.shape as Record<string, z.ZodType>;
  const out = new Map<string, unknown>();
  for (const [key, s] of Object.entries(shape)) {
    if (!Object.hasOwn(fields, key)) continue;
    const v = fields[key];
    out.set(key, wantsList(s) && !Array.isArray(v) ? [v] : v);
  }
  return Object.fromEntries(out);
}

function wantsList(s: z.ZodType): boolean {
  let def = s._zod.def as { type: string; innerType?: z.ZodType };
  while (def.innerType && ["optional", "default", "prefault", "nullable", "readonly", "catch"].includes(def.type))
    def = def.innerType._zod.def as typeof def;
  return def.type === "array";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof FormData);
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}
