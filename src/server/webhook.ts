/**
 * Receiving Hotmart's webhook: the checks every adapter runs. Only Hotmart knows the hottok, so a
 * delivery with the wrong one is refused before anything is kept; a delivery with the right one is
 * reduced to the fields the loop needs (`parseDelivery`) and handed to `onDelivery`, which must keep
 * it durably before it resolves: the 200 that follows tells Hotmart the delivery is safe.
 */
import { type Delivery, parseDelivery } from './hotmart-delivery.js';
import { type BodyLimits, type Incoming, type Outcome, bodyJson, receiveBody } from './receive.js';

export interface WebhookOptions<Req> extends BodyLimits {
  /** The hottok of your Hotmart account (Hotmart's webhook settings): only deliveries carrying it are accepted. */
  hottok: string;
  /**
   * Receives each accepted delivery, already stripped of personal data. Resolve only once it is kept
   * (on disk, or in your database): Hotmart takes the 200 that follows as "delivered" and never sends
   * it again. A throw or rejection answers 500, and Hotmart retries later. The same delivery may come
   * again (its `id` says so): count it once.
   */
  onDelivery(delivery: Delivery, request: Req): void | Promise<void>;
  /** The largest body accepted, in bytes. Default 65,536 (Hotmart's deliveries are a few kilobytes). */
  maxBytes?: number;
  /** Hears of `onDelivery` failures. Default: `console.error`. */
  onError?(error: unknown): void;
}

export const MAX_DELIVERY_BYTES = 65_536;

/** Throws, naming the caller, for a hottok that cannot be one. */
export function checkHottok(hottok: unknown, caller: string): string {
  if (typeof hottok != 'string' || !hottok || hottok.length > 256 || /[^\x21-\x7e]/.test(hottok)) {
    const shown = typeof hottok == 'string' ? JSON.stringify(hottok.length > 40 ? hottok.slice(0, 40) + '…' : hottok) : typeof hottok;
    throw new Error(`${caller}: hottok must be the token from Hotmart's webhook settings (1 to 256 printable characters), got ${shown}`);
  }
  return hottok;
}

const digest = async (value: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));

/**
 * Compares in constant time: both sides are hashed to 32 bytes first, so neither the length nor the
 * first differing character of the expected token shows in how long the comparison takes.
 * (Web Crypto rather than `node:crypto`, so the fetch adapter runs on edge runtimes too.)
 */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference == 0;
}

/** JSON only: version 2.0.0 of Hotmart's webhook sends JSON (version 1 sent a form). */
const TYPES = ['application/json'];

export async function receiveWebhook<Req>(incoming: Incoming, request: Req, options: WebhookOptions<Req>): Promise<Outcome> {
  const received = await receiveBody(incoming, { ...options, maxBytes: options.maxBytes ?? MAX_DELIVERY_BYTES, types: TYPES, what: 'webhooks' });
  if ('outcome' in received) {
    const { outcome } = received;
    if (outcome.status == 415) outcome.message += ' (choose version 2.0.0 in Hotmart\'s webhook settings: it sends JSON)';
    return outcome;
  }
  const unauthorized: Outcome = { status: 401, message: 'the hottok is missing or wrong' };
  // The header, when sent, is the answer; Hotmart's panel tests may carry the token only in the body.
  const header = incoming.header('x-hotmart-hottok');
  if (header != null && !(await sameSecret(header, options.hottok))) return unauthorized;
  const parsed = bodyJson(received.body);
  if (!parsed) return { status: 400, message: 'the body is not JSON (UTF-8)' };
  if (header == null) {
    const hottok = (parsed.json as { hottok?: unknown } | null)?.hottok;
    if (typeof hottok != 'string' || !(await sameSecret(hottok, options.hottok))) return unauthorized;
  }
  const result = parseDelivery(parsed.json);
  if ('error' in result) return { status: 400, message: result.error };
  // Answered 200: Hotmart stops sending it, and there is nothing of it to keep.
  if ('ignored' in result) return { status: 200, message: `ignored: ${result.ignored}` };
  try {
    await options.onDelivery(result.delivery, request);
  } catch (error) {
    (options.onError ?? console.error)(error);
    return { status: 500, message: 'the delivery could not be kept; send it again' };
  }
  return { status: 200, message: 'kept' };
}
