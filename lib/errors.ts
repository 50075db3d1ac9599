// Typed errors: only their messages reach the user. Anything else is logged and shown as a
// generic message, so database errors never leak to the client.
import { z } from "zod";

/** The base of every typed error: the HTTP status it answers with and a name for the logs. */
export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number = 500,
    name = "AppError",
  ) {
    super(message);
    this.name = name;
  }
}

/** Also used for records outside the caller's reach, so existence does not leak. */
export class NotFoundError extends AppError {
  constructor(message = "Not found") {
    super(message, 404, "NotFoundError");
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[] | undefined> = {},
  ) {
    super(message, 400, "ValidationError");
  }
}

/** A ValidationError with `message` and zod's errors per field (z.flattenError), for forms that show each field's error beside it. */
export function fieldValidationError(message: string, error: z.ZodError): ValidationError {
  return new ValidationError(message, z.flattenError(error).fieldErrors as Record<string, string[]>);
}

/** A form's input parsed by its schema, or a ValidationError with each field's message beside it. */
export function parseFormInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw fieldValidationError("Please correct the marked fields.", parsed.error);
  return parsed.data;
}

type Issue = z.core.$ZodIssue;

/**
 * zod's issues as a ValidationError whose fieldErrors name every offending key. z.flattenError
 * files a strict schema's unknown keys under formErrors, so a body with an unknown or read-only
 * key came back with an empty `errors` object: here each such key gets its own entry — "cannot
 * be set here" for a field the record has (`known`, e.g. its model's fields: read-only, or not
 * yours to set through this schema), "unknown field" for anything else. The message names them.
 */
export function validationErrorOf(
  error: { issues: readonly Issue[] },
  opts: { message?: string; known?: readonly string[] } = {},
): ValidationError {
  // A Map, then Object.fromEntries: a key named "__proto__" stays an own property.
  const fields = new Map<string, string[]>();
  const form: string[] = [];
  const add = (key: string, message: string) => fields.set(key, [...(fields.get(key) ?? []), message]);
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const name = [...issue.path.map(String), key].join(".").slice(0, 100);
        add(
          name,
          issue.path.length === 0 && opts.known?.includes(key) ? "This field cannot be set here." : "Unknown field.",
        );
      }
    } else if (issue.path.length > 0) add(String(issue.path[0]).slice(0, 100), issue.message);
    else form.push(issue.message);
  }
  const names = [...fields.keys()];
  const base = opts.message ?? "Some values are not valid.";
  const message = names.length
    ? `${base.replace(/\.$/, "")}: ${names.slice(0, 10).join(", ")}${names.length > 10 ? ` and ${names.length - 10} more` : ""}.`
    : form[0]
      ? `${base} ${form[0]}`
      : base;
  return new ValidationError(message, Object.fromEntries(fields));
}

export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do this") {
    super(message, 403, "ForbiddenError");
  }
}

/** Someone else changed the record first (optimistic concurrency), or a duplicate. */
export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409, "ConflictError");
  }
}

/** A request body over a limit (413): the message says the limit. */
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(message, 413, "PayloadTooLargeError");
  }
}

/**
 * The action needs a fresh authentication (lib/auth/step-up.ts): forms answer it with the
 * "confirm it's you" prompt rather than an error, and the action changed nothing.
 */
export class StepUpRequiredError extends AppError {
  override readonly status = 401;
  constructor(
    message = "Please confirm it's you before you do this: sign in again with your strongest sign-in method.",
  ) {
    super(message);
    this.name = "StepUpRequiredError";
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
