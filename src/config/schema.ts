/**
 * The options schema: the one source of truth for every setting's name, type, default and the
 * message a wrong value gets. Each key is also the drop-in attribute (`cookieDays` is
 * `data-cookie-days`: the key is the attribute's `dataset` name).
 *
 * Full zod runs only at build time, on the server and in tests: the build compiles this schema,
 * through JSON Schema, into a small check function per option (`build/options-plugin.mjs`), because
 * zod itself would cost more than the whole capture budget. Keep to what that compiler knows (it
 * refuses anything else): type, enum, const, pattern, minimum, maximum, minItems, maxItems,
 * minLength, maxLength, anyOf, a `format` from `formats.ts`, default, and a `description` on every option.
 */
import { z } from 'zod';
import * as formats from './formats.js';

const name = z.string().regex(/^[\w.-]{1,64}$/);
const names = (description: string, fallback: string[]) =>
  z.array(name).min(1).max(32).default(fallback).meta({ description });
const host = z.string().max(253).regex(/^([a-z\d-]{1,63}\.)+[a-z]{2,63}$/);
/** A host name, or `*.` and a domain for the domain and every subdomain of it (not a public suffix). */
const hostPattern = z
  .string()
  .max(255)
  .regex(/^(\*\.)?([a-z\d-]{1,63}\.)+[a-z]{2,63}$/)
  .refine(formats.ownDomain)
  .meta({ format: 'ownDomain' });
const flag = (fallback: boolean) => z.boolean().default(fallback).meta({ description: 'true or false' });

export const optionsSchema = z.strictObject({
  /** Incoming query parameters that may carry an affiliate code, checked in order. Default `a,af,aff,affiliate,ref`. */
  params: names('a comma-separated list of parameter names (letters, digits, _ . -)', ['a', 'af', 'aff', 'affiliate', 'ref']),
  /** An incoming value is an affiliate code only if it matches. Default `^[A-Z][0-9]{7,9}[A-Z]$`. */
  codePattern: z
    .string()
    .min(1)
    .max(200)
    .refine(formats.regex)
    .default('^[A-Z][0-9]{7,9}[A-Z]$')
    .meta({ format: 'regex', description: 'a valid regular expression of at most 200 characters' }),
  /** `last-click` (default): a new code replaces the stored one; `first-click`: a stored, unexpired code is kept. */
  attribution: z.enum(['last-click', 'first-click']).default('last-click').meta({ description: '"last-click" or "first-click"' }),
  /** Cookie lifetime in days, 1 to 400, or `forever` (= 400). Default 60. */
  cookieDays: z
    .union([z.int().min(1).max(400), z.literal('forever')])
    .default(60)
    .meta({ description: 'a whole number of days from 1 to 400, or "forever"' }),
  /** `auto` (default): the registrable domain, found by probing the browser; or a domain name. */
  cookieDomain: z
    .union([z.literal('auto'), host])
    .default('auto')
    .meta({ description: '"auto" or a lowercase domain name such as "example.com"' }),
  /** Default `hotlinks`. */
  cookieName: z.string().regex(/^[\w-]{1,64}$/).default('hotlinks').meta({ description: 'a cookie name of letters, digits, _ and -' }),
  /** The query parameter that carries the affiliate code into checkout. Default `af`. */
  checkoutParam: name.default('af').meta({ description: 'a parameter name (letters, digits, _ . -)' }),
  /**
   * The checkout parameter that carries the visit id, which Hotmart's webhook echoes back so a sale
   * joins its visit; `false`: none. A HotLink's own value wins. Default `xcod`.
   */
  visitParam: z
    .union([name, z.literal(false)])
    .default('xcod')
    .meta({ description: 'a parameter name (letters, digits, _ . -), or false' }),
  /** The only hosts that count as checkout. Default `pay.hotmart.com,payment.hotmart.com`. */
  checkoutHosts: z
    .array(host)
    .min(1)
    .max(32)
    .default(['pay.hotmart.com', 'payment.hotmart.com'])
    .meta({ description: 'a comma-separated list of lowercase host names' }),
  /**
   * Landing parameters kept with the attribution and forwarded to checkout. Default `src,sck,xcod`,
   * the five `utm_*`, and the ad click ids `fbclid,gclid,gbraid,wbraid,ttclid,msclkid` (the pixels on
   * Hotmart's checkout match the sale to the ad with them).
   */
  forward: z
    .array(name)
    .max(32)
    .default([
      'src',
      'sck',
      'xcod',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'utm_term',
      'utm_content',
      'fbclid',
      'gclid',
      'gbraid',
      'wbraid',
      'ttclid',
      'msclkid',
    ])
    .meta({ description: 'a comma-separated list of parameter names (letters, digits, _ . -)' }),
  /**
   * `granted` (default); `pending`: nothing is written to the device until `consent(true)`; `google`:
   * storage while Google Consent Mode's `ad_storage` is granted; `tcf`: storage once an IAB TCF v2.2
   * consent tool reports consent to purpose 1 (or that GDPR does not apply).
   */
  consent: z
    .enum(['granted', 'pending', 'google', 'tcf'])
    .default('granted')
    .meta({ description: '"granted", "pending", "google" or "tcf"' }),
  /**
   * Remove captured parameters from the address bar: `true`, the affiliate code and the tags only
   * this script reads (`src`, `sck`, `xcod`); `all`, also `utm_*` and the ad click ids, which other
   * tags on the page (GA4, Meta's pixel) may not have read yet. Default false.
   */
  cleanUrl: z
    .union([z.boolean(), z.literal('all')])
    .default(false)
    .meta({ description: 'true, false or "all"' }),
  /** Decorate checkout links and forms, including ones added later. Default true. */
  decorate: flag(true),
  /**
   * The producer's other sites: links and GET forms to these hosts carry the affiliate code (as the
   * first name of `params`) and the forwarded parameters. `*.example.com` is example.com and every
   * subdomain of it. Default: none.
   */
  crossDomain: z
    .array(hostPattern)
    .max(32)
    .default([])
    .meta({ description: 'a comma-separated list of lowercase host names, or "*." and a domain of yours (not "*.com.br")' }),
  /** The producer's endpoint for `attribution` and `checkout` reports. Default: none. */
  collect: z
    .string()
    .max(2000)
    .regex(/^(https?:\/\/[^\s/?#]+|\/(?![/\\]))[^\s]*$/)
    .optional()
    .meta({ description: 'an http: or https: URL, or a path on this site such as "/api/hotlinks"' }),
  /** Push the same reports to `window.dataLayer`. Default false. */
  datalayer: flag(false),
  /** Console diagnostics. Default false. */
  debug: flag(false),
});

/** What `init()` accepts: every option is optional. */
export type HotLinksOptions = z.input<typeof optionsSchema>;
/** Options after defaults. */
export type ResolvedOptions = z.output<typeof optionsSchema>;
