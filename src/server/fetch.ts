/**
 * Adapters for fetch-style servers: `(Request) => Response` handlers as in Cloudflare Workers,
 * Deno, Bun, Vercel and Netlify edge functions, Hono, and frameworks' middleware.
 */
import { type ServerOptions, attributionCookie, resolveServerOptions } from './attribution-cookie.js';
import { type CollectOptions, collect } from './collect.js';
import { isPageRequest, publicUrl } from './page-request.js';
import { type Incoming, type Outcome, answerHeaders, concat } from './receive.js';
import { type WebhookOptions, checkHottok, receiveWebhook } from './webhook.js';

export interface FetchMiddlewareOptions {
  /** Whether this visitor agreed to cookies (read your consent tool's cookie). Default: the `consent` option. */
  consent?(request: Request): boolean;
  /** Hears of unexpected failures; the response goes out regardless. Default: `console.error`. */
  onError?(error: unknown): void;
}

/**
 * Wraps a handler so that page loads get the attribution cookie (see `attributionCookie`) on its
 * response. Extra arguments (a Worker's `env` and `ctx`) pass through. The handler's response goes
 * out whatever happens here. Throws at creation for a bad option, naming it.
 */
export function fetchMiddleware(options: ServerOptions, adapter: FetchMiddlewareOptions = {}) {
  const resolved = resolveServerOptions(options, 'fetchMiddleware()');
  return <Args extends unknown[]>(handler: (request: Request, ...args: Args) => Response | Promise<Response>) =>
    async (request: Request, ...args: Args): Promise<Response> => {
      const response = await handler(request, ...args);
      try {
        const header = (name: string) => request.headers.get(name);
        if (!isPageRequest(request.method, header)) return response;
        const url = publicUrl(request.url, header);
        const cookie = attributionCookie({ url, cookie: header('cookie'), consent: adapter.consent?.(request) }, resolved);
        if (!cookie) return response;
        // A fetched response's headers are immutable: answer with a copy.
        const copy = new Response(response.body, response);
        copy.headers.append('set-cookie', cookie);
        return copy;
      } catch (error) {
        (adapter.onError ?? console.error)(error);
        return response;
      }
    };
}

async function readBody(request: Request, reader: ReadableStreamDefaultReader<Uint8Array> | undefined, limit: number): Promise<Uint8Array | null> {
  if (Number(request.headers.get('content-length')) > limit) return null;
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return concat(chunks);
}

const answer = (outcome: Outcome) => new Response(outcome.message ?? null, { status: outcome.status, headers: answerHeaders(outcome) });

/** A fetch `Request` as the receivers read it. */
const incoming = (request: Request): Incoming => {
  // The reader that reads the body is the one that can stop it: a stream being read is locked, and
  // its own cancel() then only fails.
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return {
    method: request.method,
    contentType: request.headers.get('content-type'),
    header: (name) => request.headers.get(name),
    read: (limit: number) => readBody(request, (reader = request.body?.getReader()), limit),
    abort: () => void reader?.cancel().catch(() => {}),
  };
};

/** Runs a receiver; an unexpected throw answers 500 and goes to `onError`. Never rejects. */
async function run(receive: () => Promise<Outcome>, onError = console.error): Promise<Response> {
  try {
    return answer(await receive());
  } catch (error) {
    onError(error);
    return answer({ status: 500, message: 'unexpected error' });
  }
}

/**
 * `(Request) => Promise<Response>` handler for the `collect` endpoint: 204 for a valid report
 * (handed to `onReport`), 400 for a malformed or oversized body, 405 for a method other than POST,
 * 415 for a body that is not text/plain or application/json. Never rejects.
 */
export function fetchCollectHandler(options: CollectOptions<Request>) {
  return (request: Request): Promise<Response> => run(() => collect(incoming(request), request, options), options.onError);
}

/**
 * `(Request) => Promise<Response>` handler for Hotmart's webhook, answering as `nodeWebhookHandler`
 * does. Never rejects. Throws at creation for a hottok that cannot be one.
 */
export function fetchWebhookHandler(options: WebhookOptions<Request>) {
  checkHottok(options.hottok, 'fetchWebhookHandler()');
  return (request: Request): Promise<Response> => run(() => receiveWebhook(incoming(request), request, options), options.onError);
}
