/**
 * The report payload: the one definition of what the browser sends to `collect` (and pushes to
 * `dataLayer`) and what the server accepts. The browser derives its `Report` type from this with a
 * type-only import, so zod never reaches a browser bundle; the server validates with it.
 */
import { z } from 'zod';
import { VISIT_ID, isForwardable } from '../attribution/attribution.js';

/** A report is a few hundred bytes; anything near this is not one. */
export const MAX_REPORT_BYTES = 8192;

/** A lone surrogate (valid JSON: `"\ud800"`) has no UTF-8 form: a database or log would refuse or mangle it. */
const wellFormed = (value: string) => !/\p{Cs}/u.test(value);
const WELL_FORMED = 'must be well-formed Unicode';

/** An absolute http(s) URL: pages and checkout links, never `javascript:` or `data:`, and no raw controls or invisible characters. */
const webUrl = (max: number) =>
  z
    .string()
    .max(max)
    .refine(wellFormed, WELL_FORMED)
    .refine((value) => !/[\0-\x20\x7f-\x9f\u2028\u2029]|\p{Cf}/u.test(value), 'must not contain spaces, control or invisible characters')
    .refine((value) => {
      try {
        return /^https?:$/.test(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'must be an absolute http: or https: URL');

/** Kept verbatim in the producer's logs and analytics: no control characters (C0, C1, U+2028, U+2029). */
const text = (max: number) =>
  z.string().min(1).max(max).refine(isForwardable, 'must not contain control characters').refine(wellFormed, WELL_FORMED);

export const reportSchema = z
  .object({
    /** `attribution`: a code was captured on a landing; `checkout`: the visitor left for checkout. */
    event: z.enum(['attribution', 'checkout']),
    /** The affiliate code, or `null` when the visitor came without one. */
    affiliate: text(64).nullable(),
    /**
     * The visit id (docs/CONTRACT.md, "The loop"): random, URL-safe, at least 64 bits; the same id
     * goes to checkout as `xcod`, so Hotmart's webhook names it back. Absent from older scripts.
     */
    visit: z.string().regex(VISIT_ID, 'must be 11 to 64 characters of A-Z a-z 0-9 _ -').optional(),
    /** The page the event happened on, without its query or hash. */
    page: webUrl(2000),
    /** The forwarded landing parameters (`src`, `sck`, `xcod`, `utm_*`). */
    params: z
      .record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), text(200))
      .refine((params) => Object.keys(params).length <= 32, 'must have at most 32 parameters'),
    /** For `checkout`: the decorated checkout URL the visitor went to, without personal data. */
    checkoutUrl: webUrl(4000).optional(),
    /** When it happened, in ms since the epoch (the visitor's clock). */
    timestamp: z.int().min(0),
  })
  .refine((report) => (report.event == 'checkout') == (report.checkoutUrl !== undefined), {
    message: 'is required for checkout reports, and only for them',
    path: ['checkoutUrl'],
  });

/** What the browser sends: the JSON body of a report. */
export type Report = z.output<typeof reportSchema>;
