/**
 * Receiving reports: the checks every adapter runs, whatever its request type. A report is a
 * claim made by a visitor's browser: it is validated, never trusted further than that.
 */
import { MAX_REPORT_BYTES, type Report, reportSchema } from '../report/report-schema.js';
import { type Body, type BodyLimits, type Incoming, type Outcome, bodyJson, receiveBody } from './receive.js';

export interface CollectOptions<Req> extends BodyLimits {
  /** Receives each valid report, with the request it came in. A throw or rejection answers 500. */
  onReport(report: Report, request: Req): void | Promise<void>;
  /** The largest body accepted, in bytes. Default 8192. */
  maxBytes?: number;
  /** Hears of `onReport` failures. Default: `console.error`. */
  onError?(error: unknown): void;
}

/** `text/plain` is what `sendBeacon` sends without a CORS preflight; `application/json` is the honest type. */
const TYPES = ['text/plain', 'application/json'];

/** Checks a body against the report schema: the report, or a message naming what is wrong. */
export function parseReport(body: Body): { report: Report } | { error: string } {
  const parsed = bodyJson(body);
  if (!parsed) return { error: 'the body is not JSON (UTF-8)' };
  const result = reportSchema.safeParse(parsed.json);
  if (result.success) return { report: result.data };
  const issue = result.error.issues[0];
  return { error: `${issue.path.join('.') || 'report'}: ${issue.message}` };
}

export async function collect<Req>(incoming: Incoming, request: Req, options: CollectOptions<Req>): Promise<Outcome> {
  const received = await receiveBody(incoming, { ...options, maxBytes: options.maxBytes ?? MAX_REPORT_BYTES, types: TYPES, what: 'reports' });
  if ('outcome' in received) return received.outcome;
  const parsed = parseReport(received.body);
  if ('error' in parsed) return { status: 400, message: parsed.error };
  try {
    await options.onReport(parsed.report, request);
  } catch (error) {
    (options.onError ?? console.error)(error);
    return { status: 500, message: 'the report could not be stored' };
  }
  return { status: 204 };
}
