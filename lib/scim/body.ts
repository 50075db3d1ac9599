// Request bodies and PATCH documents, bounded before anything reads them: JSON only, at most 32
// levels deep, no NUL characters (PostgreSQL cannot store them), and no `__proto__`,
// `constructor` or `prototype` anywhere in a key or a PATCH path — scim-patch walks paths and
// dotted keys onto plain objects, and `add __proto__.x` would otherwise write to every object's
// prototype in the process (checked: it does). Each refusal is a SCIM 400 with its scimType.
import "server-only";
import { z } from "zod";
import { scimPatch, type ScimPatchOperation, type ScimResource } from "scim-patch";
import { ScimError } from "./response";

const MAX_DEPTH = 32;
const MAX_OPERATIONS = 1000;
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const PROTO = /(^|[^A-Za-z0-9_$])(__proto__|constructor|prototype)([^A-Za-z0-9_$]|$)/i;

const syntax = (detail: string) => new ScimError(400, "invalidSyntax", detail);

/** The request's JSON body, checked as above. */
export async function readJson(req: Request): Promise<unknown> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type && !/^application\/(scim\+)?json\b/.test(type))
    throw syntax("Send the body as application/scim+json or application/json.");
  let text: string;
  try {
    text = await req.text();
  } catch {
    throw syntax("The request body could not be read.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw syntax("The body is not valid JSON.");
  }
  checkValue(value);
  return value;
}

/** Depth, NUL and prototype keys, walked with an explicit stack (no recursion on hostile input). */
function checkValue(root: unknown): void {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) throw syntax(`The body is nested more than ${MAX_DEPTH} levels deep.`);
    if (typeof v === "string") {
      if (v.includes("\u0000")) throw new ScimError(400, "invalidValue", "A value contains a NUL character.");
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push([x, depth + 1]);
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (PROTO.test(k)) throw new ScimError(400, "invalidValue", `"${k.slice(0, 60)}" is not an attribute name.`);
        if (k.includes("\u0000")) throw new ScimError(400, "invalidValue", "A key contains a NUL character.");
        stack.push([x, depth + 1]);
      }
    }
  }
}

const operation = z.object({
  op: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(["add", "replace", "remove"])),
  path: z.string().max(500).optional(),
  value: z.unknown().optional(),
});
const patchDocument = z.object({
  schemas: z.array(z.string()).refine((s) => s.includes(PATCH_SCHEMA), `schemas must include ${PATCH_SCHEMA}`),
  Operations: z.array(z.unknown()).min(1).max(MAX_OPERATIONS),
});

/** `resource` with the PATCH document's operations applied (scim-patch), or a SCIM 400. */
export function applyPatch<T extends object>(resource: T, body: unknown): T {
  const doc = patchDocument.safeParse(body);
  if (!doc.success) throw syntax(`Not a PATCH request: ${doc.error.issues[0]!.message}.`);
  const ops: ScimPatchOperation[] = doc.data.Operations.map((raw, i) => {
    const o = operation.safeParse(raw);
    if (!o.success) throw syntax(`Operation ${i + 1}: op is add, replace or remove.`);
    if (o.data.path !== undefined && PROTO.test(o.data.path))
      throw new ScimError(400, "invalidPath", `Operation ${i + 1}: "${o.data.path.slice(0, 60)}" is not a path.`);
    if (o.data.op === "remove" && !o.data.path)
      throw new ScimError(400, "noTarget", `Operation ${i + 1}: remove needs a path.`);
    return { op: o.data.op, path: o.data.path, value: o.data.value } as ScimPatchOperation;
  });
  try {
    return scimPatch(resource as unknown as ScimResource, ops, {
      mutateDocument: false,
      treatMissingAsAdd: true,
    }) as unknown as T;
  } catch (e) {
    const code = (e as { scimCode?: unknown }).scimCode;
    const message =
      e instanceof Error ? e.message.replace(/\[object Object\]/g, "").trim() : "The PATCH could not be applied.";
    const scimType =
      code === "noTarget" || /target/i.test(message)
        ? "noTarget"
        : /path/i.test(message)
          ? "invalidPath"
          : "invalidSyntax";
    throw new ScimError(400, scimType, message.slice(0, 300));
  }
}
