/**
 * A delivery of Hotmart's webhook (version 2.0.0), reduced at the door to the few fields the loop
 * needs (docs/CONTRACT.md, "The loop"). Everything else, and above all the buyer's personal data
 * (`data.buyer.*`, the producer's and affiliates' names), is never copied out of the parsed body:
 * the schema below is the list of what is kept, and zod drops the rest.
 */
import { z } from 'zod';
import { hasEmail } from '../report/personal-data.js';

/** What the loop keeps of one delivery. No personal data: ids, dates, money, tracking tags, an affiliate code. */
export interface Delivery {
  /** The delivery's own `id`: the same delivery sent twice has the same one. */
  id: string;
  /** `PURCHASE_APPROVED`, `PURCHASE_REFUNDED`, ... */
  event: string;
  /** `creation_date`, ms since the epoch. */
  createdAt: number | null;
  /** `data.purchase.transaction`: the sale. */
  transaction: string;
  /** `data.purchase.approved_date`, ms since the epoch. */
  approvedAt: number | null;
  /** `data.purchase.price.value` and `.currency_value`, both or neither. */
  value: number | null;
  currency: string | null;
  /**
   * `data.purchase.origin.xcod` (or `xcode`): the checkout's own `xcod`, the visit id when our script
   * set it. One that holds an e-mail address (a producer's own lead tracking) is the buyer's personal
   * data and never a visit id of ours: it is not kept, and the sale is unjoined.
   */
  xcod: string | null;
  /** The first `data.affiliates[].affiliate_code`: the affiliate Hotmart credited. */
  affiliate: string | null;
  /** For an order bump, `data.purchase.order_bump.parent_purchase_transaction`: the order it belongs to. */
  parent: string | null;
}

/** Hotmart's own ids: delivery ids are UUIDs, transactions `HP16015479281022`. Room to spare, no room for abuse. */
const DELIVERY_ID = /^[\w.:-]{1,128}$/;
const TRANSACTION = /^[\w.-]{1,64}$/;
const TRANSACTION_RULE = 'must be 1 to 64 characters of A-Z a-z 0-9 _ . -';

/** A tag echoed from a checkout URL: kept verbatim for the join, so no controls and no lone surrogates. */
const tag = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((value) => !/[\0-\x1f\x7f-\x9f\u2028\u2029]|\p{Cs}/u.test(value));

/** A time in ms since the epoch, within reason (before the year 5138). */
const millis = z.number().int().min(0).max(1e14);

/**
 * Fields the loop can do without are kept only when well formed: a delivery Hotmart signed (the
 * hottok matched) is never refused for them, since a refused delivery is retried and an endpoint
 * that keeps refusing is switched off. Without its `xcod` a sale is `unjoined`; without a price it
 * brings no revenue; both are visible, neither is lost.
 */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().catch(null);

const purchaseSchema = z.object({
  transaction: z.string(TRANSACTION_RULE).regex(TRANSACTION, TRANSACTION_RULE),
  approved_date: optional(millis),
  price: optional(
    z.object({
      value: z.number().min(0).max(1e12),
      currency_value: z.string().regex(/^[A-Z]{3}$/),
    }),
  ),
  origin: optional(z.object({ xcod: optional(tag(200)), xcode: optional(tag(200)) })),
  order_bump: optional(
    z.object({
      is_order_bump: z.boolean().catch(false),
      parent_purchase_transaction: optional(z.string().regex(TRANSACTION)),
    }),
  ),
});

const envelopeSchema = z.object({
  id: z.string('must be a string').regex(DELIVERY_ID, 'must be 1 to 128 characters of A-Z a-z 0-9 _ . : -'),
  event: z.string('must be a string').regex(/^[A-Z0-9_]{1,64}$/, 'must be 1 to 64 characters of A-Z 0-9 _'),
  creation_date: optional(millis),
});

const dataSchema = z.object({
  purchase: purchaseSchema,
  // Only the first code is read: a list of any length costs no more than its first entries.
  affiliates: optional(z.array(z.unknown())),
});

const affiliateCode = tag(64);

/** A checkout tag as kept: not one that holds an e-mail address. */
const keptTag = (tag: string | null) => (tag && hasEmail(tag) ? null : tag);

/** The credited affiliate: the first entry with a well-formed `affiliate_code`. */
function creditedAffiliate(affiliates: unknown[] | null | undefined): string | null {
  for (const entry of affiliates ?? []) {
    const code = (entry as { affiliate_code?: unknown } | null)?.affiliate_code;
    if (affiliateCode.safeParse(code).success) return code as string;
  }
  return null;
}

const problem = (error: z.ZodError, prefix: string) => {
  const issue = error.issues[0];
  return `${[prefix, ...issue.path].filter(Boolean).join('.')}: ${issue.message}`;
};

/**
 * A webhook body as the loop keeps it: the delivery; or `ignored` for an event that is not about a
 * purchase (`CLUB_FIRST_ACCESS`, `SUBSCRIPTION_CANCELLATION`: nothing the loop counts); or an
 * error naming the field that makes it unusable (no `id`, no `event`, no `data.purchase.transaction`).
 */
export function parseDelivery(json: unknown): { delivery: Delivery } | { ignored: string } | { error: string } {
  if (typeof json != 'object' || json === null || Array.isArray(json)) return { error: 'the body must be a JSON object' };
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { error: problem(envelope.error, '') };
  const { id, event, creation_date } = envelope.data;
  if (!event.startsWith('PURCHASE_')) return { ignored: `${event} is not a purchase event` };
  const data = dataSchema.safeParse((json as { data?: unknown }).data);
  if (!data.success) return { error: problem(data.error, 'data') };
  const { purchase, affiliates } = data.data;
  const bump = purchase.order_bump?.is_order_bump ? (purchase.order_bump.parent_purchase_transaction ?? null) : null;
  return {
    delivery: {
      id,
      event,
      createdAt: creation_date ?? null,
      transaction: purchase.transaction,
      approvedAt: purchase.approved_date ?? null,
      value: purchase.price?.value ?? null,
      currency: purchase.price?.currency_value ?? null,
      xcod: keptTag(purchase.origin?.xcod ?? purchase.origin?.xcode ?? null),
      affiliate: creditedAffiliate(affiliates),
      // A bump naming itself as its parent is its own order.
      parent: bump == purchase.transaction ? null : bump,
    },
  };
}
