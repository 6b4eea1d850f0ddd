/**
 * Receiving a POST body, for every receiver here (the browser's reports, Hotmart's webhook) and
 * every adapter (Node, fetch): the method, the content type, the size limit and the time limit are
 * checked the same way, and the answer is one `Outcome` each adapter writes in its own terms.
 */

/** The answer to a request: a status, and a message naming the problem (or a short receipt). */
export interface Outcome {
  status: 200 | 204 | 400 | 401 | 405 | 408 | 415 | 500 | 503;
  message?: string;
}

/** What an adapter knows about the request: its method, its type, and how to read its body. */
export interface Incoming {
  method: string | undefined;
  contentType: string | null | undefined;
  /** A request header by lowercase name (the webhook's `X-HOTMART-HOTTOK`). */
  header(name: string): string | null | undefined;
  /** The body as bytes, or an already-parsed body (Express), or `null` when it exceeds `limit`. */
  read(limit: number): Promise<Uint8Array | { parsed: unknown } | null>;
  /** Stops reading a body that took too long. */
  abort(): void;
}

export type Body = Uint8Array | { parsed: unknown };

/** Limits a receiver takes from its options. */
export interface BodyLimits {
  /** The largest body accepted, in bytes. */
  maxBytes?: number;
  /**
   * How long the body may take to arrive, in ms. Default 5000: a client that trickles one byte at a
   * time would otherwise hold a connection for minutes.
   */
  bodyTimeoutMs?: number;
}

const BODY_TIMEOUT_MS = 5000;

/** The chunks of a body read in pieces, as one array. */
export function concat(chunks: Uint8Array[]): Uint8Array {
  const body = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** A message naming the problem when `contentType` is none of `types` or not UTF-8. */
export function checkType(contentType: string | null | undefined, types: readonly string[]): string | undefined {
  const [type, ...parameters] = (contentType ?? '').toLowerCase().split(';').map((part) => part.trim());
  if (!types.includes(type)) return `content-type must be ${types.join(' or ')}, got ${JSON.stringify(contentType ?? '')}`;
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (charset && charset != 'utf-8') return `charset must be utf-8, got ${JSON.stringify(charset)}`;
}

/**
 * Reads the body within `limit` bytes and `ms` milliseconds: the body, `null` when it is larger,
 * or `'late'` when it did not arrive in time (the reading is then aborted). Throws when it cannot be read.
 */
export async function readWithin(incoming: Pick<Incoming, 'read' | 'abort'>, limit: number, ms: number): Promise<Body | null | 'late'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, ms, 'late')));
  const body = await Promise.race([incoming.read(limit), late]).finally(() => clearTimeout(timer));
  if (body == 'late') incoming.abort();
  return body;
}

/**
 * Checks the method and type, then reads the body within the size and time limits: the body, or
 * the outcome that refuses the request (405, 415, 400 too large or unreadable, 408 too slow).
 */
export async function receiveBody(
  incoming: Incoming,
  { types, maxBytes, bodyTimeoutMs = BODY_TIMEOUT_MS, what }: BodyLimits & { types: readonly string[]; maxBytes: number; what: string },
): Promise<{ body: Body } | { outcome: Outcome }> {
  if (incoming.method != 'POST') return { outcome: { status: 405, message: `${what} are sent with POST` } };
  const typeProblem = checkType(incoming.contentType, types);
  if (typeProblem) return { outcome: { status: 415, message: typeProblem } };
  let body: Body | null | 'late';
  try {
    body = await readWithin(incoming, maxBytes, bodyTimeoutMs);
  } catch {
    return { outcome: { status: 400, message: 'the body could not be read' } };
  }
  if (body == 'late') return { outcome: { status: 408, message: `the body did not arrive within ${bodyTimeoutMs} ms` } };
  if (!body) return { outcome: { status: 400, message: `the body is larger than ${maxBytes} bytes` } };
  return { body };
}

/** The body as JSON, or `undefined` when it is not valid UTF-8 JSON (an Express-parsed body is taken as is). */
export function bodyJson(body: Body): { json: unknown } | undefined {
  if (!(body instanceof Uint8Array)) return { json: body.parsed };
  try {
    return { json: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) };
  } catch {
    // Not JSON, invalid UTF-8, or nested too deep for the parser's stack: all the sender's problem.
    return undefined;
  }
}

/** The headers of a receiver's answer, whatever the server: never cached; `Allow` on a 405; text for a message. */
export function answerHeaders({ status, message }: Outcome, allow = 'POST'): Record<string, string> {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (status == 405) headers.allow = allow;
  if (message) headers['content-type'] = 'text/plain; charset=utf-8';
  return headers;
}
