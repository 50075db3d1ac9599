// The request-body gate of Gatehouse's HTTP server (scripts/server.mjs).
//
// Why: Next hands every request body to proxy.ts through a copy it buffers (up to 10 MB) and
// waits for the whole body to arrive before the proxy's answer goes out. A body with a
// Content-Length over the limit can be refused from its headers, but one streamed with
// Transfer-Encoding: chunked says nothing about its size until it has been read — so Next read
// 20 MiB (or a gigabyte, at network speed) before proxy.ts could say 413. Node's HTTP server is
// the only place that sees the bytes as they arrive; this gate counts them there:
// - a declared Content-Length over the limit is refused before any of the body is read;
// - a streamed body is held here (never more than the limit) until it ends, then handed to Next
//   whole; the byte that passes the limit ends it: the answer goes out at once, and at most a few
//   megabytes more are read (and dropped) before the connection is cut.
// The refusal itself is proxy.ts's (a 413 with the usual security headers, a problem document on
// the API): the gate only hands Next the request without its body, marked with TOO_LARGE_HEADER —
// a header it first removes from whatever the client sent.
// Plain JavaScript (like next.config.mjs): it runs under plain `node`, before Next loads anything.
import http from "node:http";

/** The same limit as proxy.ts (MAX_BODY_BYTES); e2e/security/bad-input.spec.ts pins both to it. */
export const MAX_BODY_BYTES = 1_000_000;
/**
 * Photo uploads (issue 18) are the one exception: a server action posted as multipart to the
 * report form (/m/<slug>/requests/new) may carry
 * up to 3 photos of 10 MB each (lib/photos/limits.ts). lib/security/upload-limit.ts holds the same
 * rule for proxy.ts; scripts/body-limits.test.ts pins the two together.
 */
export const UPLOAD_BODY_BYTES = 32 * 1024 * 1024;
export const UPLOAD_PATHS = [/^\/m\/[a-z0-9-]{1,64}\/requests\/new$/];

/**
 * The body limit of one request: UPLOAD_BODY_BYTES for a multipart server-action POST to an upload
 * page, MAX_BODY_BYTES for everything else.
 * @param {{ method?: string; url?: string; headers: Record<string, string | string[] | undefined> }} req
 */
export function bodyLimitFor(req) {
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  const path = (req.url ?? "").split("?")[0];
  const upload =
    req.method === "POST" &&
    req.headers["next-action"] !== undefined &&
    type.startsWith("multipart/form-data") &&
    UPLOAD_PATHS.some((p) => p.test(path));
  return upload ? UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
}

/** Set by this server only, on a request whose body passed the limit; proxy.ts answers it with a 413. */
export const TOO_LARGE_HEADER = "x-gatehouse-body-too-large";
/** After a refusal, how long and how much more of the body is dropped before the connection is cut. */
const LINGER_MS = 5_000;
const LINGER_FACTOR = 4;

/**
 * Calls `proceed` with the request Next should handle: at once for a body of declared,
 * acceptable length (Node's parser enforces Content-Length itself), after the last chunk for a
 * streamed body under the limit, at the first byte over it for one that is not.
 *
 * The body reaches the request through IncomingMessage#push (Node's HTTP parser pushes each
 * piece, and null at the end); wrapping it on this one request holds the pieces back without
 * reading anything faster than the socket delivers it.
 *
 * A refused request goes to Next as a stand-in without a body (and with the mark), never as
 * itself: Next's body copy for proxy.ts puts its own stream methods onto the request it was given
 * once the proxy is done, and the parser must keep pushing what the client still sends into our
 * drop-it-all wrapper, not into a finished stream.
 *
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} limit
 * @param {(forNext: http.IncomingMessage) => void} proceed
 */
export function gateBody(req, res, limit, proceed) {
  // The mark is ours alone: whatever a client sent under that name is dropped.
  delete req.headers[TOO_LARGE_HEADER];
  req.rawHeaders = req.rawHeaders.filter(
    (_, i, all) => (i % 2 === 0 ? all[i] : all[i - 1]).toLowerCase() !== TOO_LARGE_HEADER,
  );
  const declared = req.headers["content-length"];
  const streamed = req.headers["transfer-encoding"] !== undefined;
  const push = (/** @type {Buffer | null} */ chunk) => http.IncomingMessage.prototype.push.call(req, chunk);
  const tooLarge = () => {
    // Next answers 413 at once (proxy.ts); until that answer is out, the socket is not read at all
    // (returning false to the parser pauses it). After it, what the client still sends is dropped
    // unread — for a little while only (LINGER_*): closing the socket the moment the answer is out
    // would reset the connection under a client still writing, and most clients then report the
    // reset, not the 413 (nginx's "lingering close"). Past LINGER_MS after the refusal, or
    // LINGER_FACTOR times the limit more, the connection is cut: the rest is never read.
    let answered = false;
    let dropped = 0;
    const cut = () => {
      clearTimeout(timer);
      req.socket.destroy();
    };
    const timer = setTimeout(cut, LINGER_MS).unref();
    // When the answer is the connection's last (the client sent Connection: close), Node closes
    // the socket right after it — with unread bytes pending, a reset. Half-close instead (our side
    // is done) and keep dropping until the client stops or the linger ends.
    req.socket.destroySoon = () => void req.socket.end();
    res.once("finish", () => {
      answered = true;
      req.socket.resume();
    });
    req.push = (chunk) => {
      if (chunk === null) {
        // The client sent the rest: the linger is over; a half-closed connection is closed now.
        clearTimeout(timer);
        delete req.socket.destroySoon;
        if (req.socket.writableEnded) req.socket.destroy();
        return true;
      }
      if (!answered) return false;
      dropped += chunk.length;
      if (dropped > LINGER_FACTOR * limit) cut();
      return true;
    };
    // Not from inside the parser's callback: Next starts on the next tick.
    process.nextTick(() => proceed(standIn(req)));
  };
  if (declared !== undefined && Number(declared) > limit) return tooLarge();
  if (!streamed) return proceed(req);
  /** @type {Buffer[]} */
  const held = [];
  let size = 0;
  req.push = (chunk, encoding) => {
    if (chunk === null) {
      delete req.push;
      for (const piece of held) push(piece);
      held.length = 0;
      push(null);
      process.nextTick(() => proceed(req));
      return false;
    }
    const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding);
    size += piece.length;
    if (size > limit) {
      held.length = 0;
      tooLarge();
      return false;
    }
    held.push(piece);
    return true;
  };
}

/**
 * The refused request as Next gets it: same method, URL, headers and socket, no body, marked.
 * @param {http.IncomingMessage} req
 */
function standIn(req) {
  const copy = new http.IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.httpVersion = req.httpVersion;
  copy.headers = { ...req.headers, [TOO_LARGE_HEADER]: "1" };
  copy.rawHeaders = [...req.rawHeaders, TOO_LARGE_HEADER, "1"];
  copy.complete = true;
  // Destroying an unread IncomingMessage destroys its socket; the socket is the real request's
  // (which drops the rest of the body, then lets it go), not this stand-in's, whatever Next does.
  copy._destroy = (err, cb) => cb(err);
  copy.push(null);
  return copy;
}
