// Judges for e2e/security/faults.spec.ts: what a request answered while the database was down.
// Each returns the list of what is wrong (empty = acceptable), so the spec can also feed them a
// deliberately broken server's answers and show they object.

export type Answer = { status: number; headers: Record<string, string>; body: string };

// Internals that must never reach a client: stack frames, driver codes, connection strings.
const LEAKS =
  /\n\s+at [\w.<>[\] ]+\(|\.(?:ts|js):\d+:\d+|ECONNREFUSED|ECONNRESET|Prisma|P1001|postgres(?:ql)?:\/\/|SQLSTATE|pg-pool/i;

function retryAfter(a: Answer): string[] {
  const v = a.headers["retry-after"];
  return v && /^\d+$/.test(v) && Number(v) > 0
    ? []
    : [`Retry-After is ${v === undefined ? "missing" : JSON.stringify(v)}`];
}

function noLeak(a: Answer): string[] {
  const m = LEAKS.exec(a.body);
  return m ? [`the answer shows internals: ${JSON.stringify(m[0])}`] : [];
}

/** What a person reads: "temporarily unavailable", "nothing was lost", "try again". */
function clearMessage(text: string): string[] {
  const problems: string[] = [];
  if (!/temporarily unavailable/i.test(text)) problems.push('no "temporarily unavailable"');
  if (!/nothing (?:you saved before )?was (?:lost|changed)/i.test(text)) problems.push('no "nothing was lost"');
  if (!/try again/i.test(text)) problems.push('no "try again"');
  return problems;
}

/** A page while the database is down: 503, HTML, Retry-After, the clear message, no internals. */
export function judgeOutagePage(a: Answer): string[] {
  return [
    ...(a.status === 503 ? [] : [`status ${a.status}, expected 503`]),
    ...((a.headers["content-type"] ?? "").startsWith("text/html")
      ? []
      : [`content type ${a.headers["content-type"]}, expected HTML`]),
    ...retryAfter(a),
    ...clearMessage(a.body),
    ...noLeak(a),
  ];
}

/** An API answer while the database is down: 503 problem+json with Retry-After and a usable detail. */
export function judgeOutageProblem(a: Answer): string[] {
  const problems = [
    ...(a.status === 503 ? [] : [`status ${a.status}, expected 503`]),
    ...((a.headers["content-type"] ?? "").startsWith("application/problem+json")
      ? []
      : [`content type ${a.headers["content-type"]}, expected application/problem+json`]),
    ...retryAfter(a),
    ...noLeak(a),
  ];
  try {
    const p = JSON.parse(a.body) as { status?: unknown; title?: unknown; detail?: unknown };
    if (p.status !== 503) problems.push(`problem status ${String(p.status)}`);
    if (typeof p.detail !== "string" || !/try again/i.test(p.detail))
      problems.push("the problem's detail does not say to try again");
  } catch {
    problems.push("the body is not JSON");
  }
  return problems;
}

/**
 * The first request after the database went away may reach the app before the health probe has
 * noticed (it runs at most once a second): then the app's own error page answers. It must still
 * be a server error with the clear message and no internals, never a success or a stack trace.
 */
export function judgeFirstFailure(a: Answer): string[] {
  if (a.status === 503 && a.headers["retry-after"]) return judgeOutagePage(a);
  return [
    ...(a.status >= 500 ? [] : [`status ${a.status}: an outage must not look like success`]),
    ...clearMessage(a.body.replace(/<[^>]+>/g, " ")),
    ...noLeak(a),
  ];
}

export async function answerOf(res: {
  status(): number;
  headers(): Record<string, string>;
  text(): Promise<string>;
}): Promise<Answer> {
  return { status: res.status(), headers: res.headers(), body: await res.text() };
}
