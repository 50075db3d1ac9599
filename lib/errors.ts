// Typed errors: only their messages reach the user. Anything else is logged and shown as a
// generic message, so database errors never leak to the client.
export class AppError extends Error {
  readonly status: number = 500;
}

/** Also used for records outside the caller's reach, so existence does not leak. */
export class NotFoundError extends AppError {
  override readonly status = 404;
  constructor(message = "Not found") {
    super(message);
    this.name = "NotFoundError";
  }
}

export class ValidationError extends AppError {
  override readonly status = 400;
  constructor(message: string, readonly fieldErrors: Record<string, string[] | undefined> = {}) {
    super(message);
    this.name = "ValidationError";
  }
}

export class ForbiddenError extends AppError {
  override readonly status = 403;
  constructor(message = "You are not allowed to do this") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Someone else changed the record first (optimistic concurrency), or a duplicate. */
export class ConflictError extends AppError {
  override readonly status = 409;
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
