// Requests the way a script (not a browser, not fetch) can send them: a body streamed with
// Transfer-Encoding: chunked and no Content-Length, so the server cannot know its size before it
// reads it. The client writes as fast as the server lets it (waiting for "drain"), stops writing
// the moment an answer arrives, and reports how much of the body the server had taken by then.
import http from "node:http";

export type StreamedAnswer = {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Body bytes the connection had accepted when the answer arrived (or when it ended without one). */
  writtenAtAnswer: number;
  /** Body bytes the connection accepted in all. */
  written: number;
  /** The whole body was written and the request ended before any answer came. */
  wroteAll: boolean;
  /** A write or the connection failed (the server closed it): expected once it has answered. */
  error?: string;
};

/** `total` bytes of "a", or `content` (in pieces of `chunk` bytes). */
export async function sendChunked(
  url: string,
  opts: { method: string; headers?: Record<string, string>; total?: number; content?: string; chunk?: number },
): Promise<StreamedAnswer> {
  const size = opts.chunk ?? 64 * 1024;
  const content = opts.content === undefined ? null : Buffer.from(opts.content);
  const total = content?.length ?? opts.total ?? 0;
  const filler = Buffer.alloc(size, "a");
  const pieceAt = (offset: number) =>
    content ? content.subarray(offset, offset + size) : filler.subarray(0, Math.min(size, total - offset));
  return new Promise<StreamedAnswer>((resolve) => {
    let written = 0;
    let writtenAtAnswer = -1;
    let wroteAll = false;
    let answered = false;
    let error: string | undefined;
    let settled = false;
    const agent = new http.Agent({ keepAlive: false });
    const req = http.request(url, {
      method: opts.method,
      headers: { ...opts.headers, "Transfer-Encoding": "chunked" },
      agent,
    });
    const done = (a: Pick<StreamedAnswer, "status" | "headers" | "body">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      agent.destroy();
      resolve({
        ...a,
        writtenAtAnswer: writtenAtAnswer < 0 ? written : writtenAtAnswer,
        written,
        wroteAll,
        ...(error ? { error } : {}),
      });
    };
    req.on("response", (res) => {
      answered = true;
      writtenAtAnswer = written;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) headers[k] = Array.isArray(v) ? v.join("\n") : String(v);
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      const finish = () => done({ status: res.statusCode ?? 0, headers, body: Buffer.concat(parts).toString("utf8") });
      res.on("end", finish);
      res.on("close", finish);
      res.on("error", finish);
    });
    // A server that neither answers nor closes: give up after a minute rather than hang the suite.
    const timer = setTimeout(() => {
      error ??= "no answer within 60 s";
      done({ status: 0, headers: {}, body: "" });
    }, 60_000);
    req.on("close", () => clearTimeout(timer));
    req.on("error", (e) => {
      error = e.message;
      if (!answered) done({ status: 0, headers: {}, body: "" });
    });
    void (async () => {
      while (written < total && !answered && !error) {
        const piece = pieceAt(written);
        const ok = req.write(piece);
        written += piece.length;
        if (!ok) {
          await new Promise<void>((r) => {
            const go = () => {
              req.off("drain", go);
              req.off("response", go);
              req.off("error", go);
              r();
            };
            req.once("drain", go);
            req.once("response", go);
            req.once("error", go);
          });
        }
        // Let an answer that has arrived be seen before the next piece: writes the kernel takes at
        // once never wait for "drain", and a loop that never yields would write on regardless.
        await new Promise<void>((r) => setImmediate(r));
      }
      // Answered mid-body: stop writing; the connection is the server's to close.
      if (!answered && !error) {
        wroteAll = true;
        req.end();
      }
    })();
  });
}
