/**
 * Adapters for Node's `http` server and Express-style frameworks (Express, Connect, Polka, Fastify
 * via middie). The request and response types are structural, so the package needs no Node typings.
 */
import { type ServerOptions, attributionCookie, resolveServerOptions } from './attribution-cookie.js';
import { type CollectOptions, collect } from './collect.js';
import { isPageRequest, publicUrl } from './page-request.js';
import { type Incoming, type Outcome, answerHeaders, concat } from './receive.js';
import { type WebhookOptions, checkHottok, receiveWebhook } from './webhook.js';

/** The parts of `http.IncomingMessage` (or Express's `req`) used here. */
export interface NodeRequest {
  method?: string;
  url?: string;
  /** Express: the URL before a router mounted at a path trimmed it. */
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  /** A TLS socket has `encrypted: true` (typed loosely: Node's `Socket` shares no property with that). */
  socket?: unknown;
  /** Set by a body parser that already read the request (Express). */
  body?: unknown;
  readableEnded?: boolean;
  /** Ends the connection (a body that took too long). */
  destroy?(): unknown;
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
  resume(): unknown;
}

/** The parts of `http.ServerResponse` (or Express's `res`) used here. */
export interface NodeResponse {
  headersSent?: boolean;
  getHeader(name: string): number | string | string[] | undefined;
  setHeader(name: string, value: number | string | readonly string[]): unknown;
  writeHead(status: number, headers?: Record<string, string>): unknown;
  end(body?: string): unknown;
}

export interface NodeMiddlewareOptions {
  /** Whether this visitor agreed to cookies (read your consent tool's cookie). Default: the `consent` option. */
  consent?(request: NodeRequest): boolean;
  /** Hears of unexpected failures; the request goes on regardless. Default: `console.error`. */
  onError?(error: unknown): void;
}

/** A request header by its lower-case name, repeated ones joined. */
export const headerOf = (request: NodeRequest) => (name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** The URL `request` asked for, as this server received it (a proxy's X-Forwarded-* headers are `publicUrl`'s). */
export const requestUrl = (request: NodeRequest, host = request.headers.host) =>
  `${(request.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http'}://${host}${request.originalUrl ?? request.url ?? '/'}`;

/**
 * `(req, res, next)` middleware that gives page loads the attribution cookie (see
 * `attributionCookie`). Whatever happens, the request goes on to `next`: the page always loads.
 * Throws at creation for a bad option, naming it.
 */
export function nodeMiddleware(options: ServerOptions, adapter: NodeMiddlewareOptions = {}) {
  const resolved = resolveServerOptions(options, 'nodeMiddleware()');
  return function hotlinks(request: NodeRequest, response: NodeResponse, next?: (error?: unknown) => void): void {
    try {
      const header = headerOf(request);
      const asked = requestUrl(request);
      // A `Host` header no URL can hold (a client's or a scanner's garbage) is not worth a log line per request.
      if (isPageRequest(request.method, header) && request.headers.host && URL.canParse(asked)) {
        const url = publicUrl(asked, header);
        const cookie = attributionCookie({ url, cookie: header('cookie'), consent: adapter.consent?.(request) }, resolved);
        if (cookie && !response.headersSent) {
          const existing = response.getHeader('set-cookie') ?? [];
          response.setHeader('set-cookie', [...(Array.isArray(existing) ? existing : [String(existing)]), cookie]);
        }
      }
    } catch (error) {
      (adapter.onError ?? console.error)(error);
    }
    next?.();
  };
}

/** Reads the body up to `limit` bytes; past it, the rest is drained unread and `null` returned. */
export function readBody(request: NodeRequest, limit: number): Promise<Uint8Array | { parsed: unknown } | null> {
  if (request.readableEnded) {
    const { body } = request;
    // Read by a middleware that kept nothing: it will not arrive again (not a 408 after the deadline).
    if (body === undefined) return Promise.reject(new Error('the body was read before this handler, and not kept'));
    if (typeof body == 'string') return Promise.resolve(new TextEncoder().encode(body));
    return Promise.resolve(body instanceof Uint8Array ? body : { parsed: body });
  }
  return new Promise((resolve, reject) => {
    if (Number(headerOf(request)('content-length')) > limit) {
      request.resume();
      return resolve(null);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const onData = (chunk: Uint8Array | string) => {
      const bytes = typeof chunk == 'string' ? new TextEncoder().encode(chunk) : chunk;
      size += bytes.byteLength;
      if (size > limit) {
        // Not destroyed: that would close the socket before the 400 is sent.
        request.removeListener('data', onData);
        request.resume();
        resolve(null);
      } else chunks.push(bytes);
    };
    request.on('data', onData);
    request.on('error', reject);
    request.on('end', () => resolve(concat(chunks)));
  });
}

/** A Node request as the receivers read it. */
export function incoming(request: NodeRequest): Incoming {
  const header = headerOf(request);
  return {
    method: request.method,
    contentType: header('content-type'),
    header,
    read: (limit) => readBody(request, limit),
    // After the 408 has been written: the connection then closes whatever the client still sends.
    abort: () => setTimeout(() => request.destroy?.(), 0),
  };
}

/** Writes an outcome, unless a framework already answered. */
function answer(response: NodeResponse, outcome: Outcome): void {
  if (response.headersSent) return;
  const headers = answerHeaders(outcome);
  // A body refused or too slow: the connection closes, whatever the client still sends.
  if (outcome.status == 400 || outcome.status == 408) headers.connection = 'close';
  response.writeHead(outcome.status, headers);
  response.end(outcome.message);
}

/** Runs a receiver; an unexpected throw answers 500 and goes to `onError`. Never throws. */
async function run(response: NodeResponse, receive: () => Promise<Outcome>, onError = console.error): Promise<void> {
  let outcome: Outcome;
  try {
    outcome = await receive();
  } catch (error) {
    onError(error);
    outcome = { status: 500, message: 'unexpected error' };
  }
  answer(response, outcome);
}

/**
 * `(req, res)` handler for the `collect` endpoint: 204 for a valid report (handed to `onReport`),
 * 400 for a malformed or oversized body, 405 for a method other than POST, 408 for a body slower
 * than `bodyTimeoutMs` (the connection is then closed), 415 for a body that is not text/plain or
 * application/json. Never throws. Headers are the server's to time out: set Node's
 * `server.headersTimeout` and `server.requestTimeout` (see the README).
 */
export function nodeCollectHandler(options: CollectOptions<NodeRequest>) {
  return function collectReports(request: NodeRequest, response: NodeResponse): Promise<void> {
    return run(response, () => collect(incoming(request), request, options), options.onError);
  };
}

/**
 * `(req, res)` handler for Hotmart's webhook (version 2.0.0): 200 once `onDelivery` has kept the
 * delivery (or for an event that is not about a purchase, kept nowhere), 401 for a missing or wrong
 * hottok (`X-HOTMART-HOTTOK` header, else the body's `hottok`) with nothing handed over, 400 for a
 * body that is not JSON or lacks what a purchase needs (naming it), 405, 408 and 415 as the collect
 * handler. Never throws. Throws at creation for a hottok that cannot be one.
 */
export function nodeWebhookHandler(options: WebhookOptions<NodeRequest>) {
  checkHottok(options.hottok, 'nodeWebhookHandler()');
  return function receiveHotmart(request: NodeRequest, response: NodeResponse): Promise<void> {
    return run(response, () => receiveWebhook(incoming(request), request, options), options.onError);
  };
}
