/**
 * Receiving reports: the checks every adapter runs, whatever its request type. A report is a
 * claim made by a visitor's browser: it is validated, never trusted further than that.
 */
import { MAX_REPORT_BYTES, type Report, reportSchema } from '../report/report-schema.js';

export interface CollectOptions<Req> {
  /** Receives each valid report, with the request it came in. A throw or rejection answers 500. */
  onReport(report: Report, request: Req): void | Promise<void>;
  /** The largest body accepted, in bytes. Default 8192. */
  maxBytes?: number;
  /**
   * How long the body may take to arrive, in ms. Default 5000: a report is a few hundred bytes, and
   * a client that trickles one byte at a time would otherwise hold a connection for minutes.
   */
  bodyTimeoutMs?: number;
  /** Hears of `onReport` failures. Default: `console.error`. */
  onError?(error: unknown): void;
}

/** The answer to a report request: 204 when accepted, else a status and a message naming the problem. */
export interface Outcome {
  status: 204 | 400 | 405 | 408 | 415 | 500;
  message?: string;
}

/** What an adapter knows about the request: its method, its type, and how to read its body. */
export interface Incoming {
  method: string | undefined;
  contentType: string | null | undefined;
  /** The body as bytes, or an already-parsed body (Express), or `null` when it exceeds `limit`. */
  read(limit: number): Promise<Uint8Array | { parsed: unknown } | null>;
  /** Stops reading a body that took too long. */
  abort(): void;
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

/** `text/plain` is what `sendBeacon` sends without a CORS preflight; `application/json` is the honest type. */
const TYPES = ['text/plain', 'application/json'];

function checkType(contentType: string | null | undefined): string | undefined {
  const [type, ...parameters] = (contentType ?? '').toLowerCase().split(';').map((part) => part.trim());
  if (!TYPES.includes(type)) return `content-type must be text/plain or application/json, got ${JSON.stringify(contentType ?? '')}`;
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (charset && charset != 'utf-8') return `charset must be utf-8, got ${JSON.stringify(charset)}`;
}

/** Checks a body against the report schema: the report, or a message naming what is wrong. */
export function parseReport(body: Uint8Array | { parsed: unknown }): { report: Report } | { error: string } {
  let json: unknown;
  if (body instanceof Uint8Array) {
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      return { error: 'the body is not JSON (UTF-8)' };
    }
  } else json = body.parsed;
  const result = reportSchema.safeParse(json);
  if (result.success) return { report: result.data };
  const issue = result.error.issues[0];
  return { error: `${issue.path.join('.') || 'report'}: ${issue.message}` };
}

export async function collect<Req>(incoming: Incoming, request: Req, options: CollectOptions<Req>): Promise<Outcome> {
  if (incoming.method != 'POST') return { status: 405, message: 'reports are sent with POST' };
  const typeProblem = checkType(incoming.contentType);
  if (typeProblem) return { status: 415, message: typeProblem };
  const limit = options.maxBytes ?? MAX_REPORT_BYTES;
  const deadline = options.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, deadline, 'late')));
  let body: Awaited<ReturnType<Incoming['read']>> | 'late';
  try {
    body = await Promise.race([incoming.read(limit), late]);
  } catch {
    return { status: 400, message: 'the body could not be read' };
  } finally {
    clearTimeout(timer);
  }
  if (body == 'late') {
    incoming.abort();
    return { status: 408, message: `the body did not arrive within ${deadline} ms` };
  }
  if (!body) return { status: 400, message: `the body is larger than ${limit} bytes` };
  const parsed = parseReport(body);
  if ('error' in parsed) return { status: 400, message: parsed.error };
  try {
    await options.onReport(parsed.report, request);
  } catch (error) {
    (options.onError ?? console.error)(error);
    return { status: 500, message: 'the report could not be stored' };
  }
  return { status: 204 };
}
