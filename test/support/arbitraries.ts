/**
 * Generators for the property tests: text as an attacker writes it (weighted towards the characters
 * that break cookies, URLs and markup), query strings as they arrive on a landing, HotLinks, options.
 */
import fc from 'fast-check';
import './property-settings';

export const CODE_PATTERN = /^[A-Z][0-9]{7,9}[A-Z]$/;
export const HOSTS = ['pay.hotmart.com', 'payment.hotmart.com'];
/** The default `forward` list. */
export const FORWARD = [
  'src', 'sck', 'xcod', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
  'fbclid', 'gclid', 'gbraid', 'wbraid', 'ttclid', 'msclkid',
];
export const DAY = 86_400_000;

/** Pieces that mean something to a cookie header, a URL, HTML or a log line. */
const DANGEROUS = [
  ';', ',', ' ', '\t', '\r', '\n', '\r\n', '\0', '\x7f', '=', '|', '%', '%0A', '%3B', '%E0%A4%A', '+', '&', '?', '#', '/', '\\',
  '"', "'", '`', '<', '>', '<script>', '; Domain=evil.example', '; Path=/', 'Set-Cookie: x=1', '__proto__', 'constructor',
  'é', 'ç', '\u041e', '\uff2f', '\u200b', '\ufeff', '😀', 'O95340038V', 'a', '9',
];

/** Any well-formed string, often made of dangerous pieces. */
export const anyText = (maxLength = 40) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: fc.constantFrom(...DANGEROUS), maxLength: Math.ceil(maxLength / 4) }),
    fc.string({ unit: 'grapheme-ascii', maxLength }),
  );

/** A valid affiliate code of the default pattern. */
export const validCode = fc.stringMatching(CODE_PATTERN);
/** A visit id as the script makes them: 16 URL-safe characters. */
export const visitId = fc.stringMatching(/^[\w-]{16}$/);

/** What `isForwardable` promises to keep: 1 to 200 characters, none of them control, quote, markup or `;\`. */
export const UNSAFE_FOR_TAGS = /[\0-\x1f\x7f-\x9f\u2028\u2029<>"'`;\\]|\p{Cf}/u;
export const forwardableValue = fc
  .oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }))
  .filter((value) => !UNSAFE_FOR_TAGS.test(value));

/** A query key as it may arrive: one the script looks at, or anything else, sometimes percent-encoded. */
export const queryKey = fc.oneof(
  fc.constantFrom('a', 'af', 'aff', 'affiliate', 'ref', 'A', 'a%66', '%61f', ...FORWARD, '__proto__', 'constructor', 'x'),
  anyText(10),
);

/** A query value: a code (valid or nearly), a tag, or anything, raw or percent-encoded. */
export const queryValue = fc.oneof(
  validCode,
  validCode.map((code) => code.toLowerCase()),
  fc.tuple(validCode, anyText(8)).map(([code, junk]) => code + junk),
  forwardableValue,
  anyText(),
);

/** `s` as it can appear in a URL: percent-encoded, raw, or raw with `&`/`#` made harmless (the parser decides). */
const asTyped = (s: string, how: number) => (how == 0 ? encodeURIComponent(s) : how == 1 ? s : s.replace(/[&#]/g, encodeURIComponent));

/** A query string (`?` and all) a landing URL may carry: pairs joined by `&`, raw junk and empty pairs included. */
export const landingQuery = fc
  .tuple(
    fc.array(fc.tuple(queryKey, queryValue, fc.nat(2), fc.boolean()), { maxLength: 8 }),
    // Often a real affiliate link's code among them, somewhere.
    fc.option(fc.tuple(fc.constantFrom('a', 'af', 'aff', 'affiliate', 'ref'), validCode, fc.constant(1), fc.constant(false))),
    fc.nat(),
  )
  .map(([pairs, code, at]) => (code ? [...pairs.slice(0, at % (pairs.length + 1)), code, ...pairs.slice(at % (pairs.length + 1))] : pairs))
  .map((pairs) => '?' + pairs.map(([key, value, how, bare]) => (bare && !value ? asTyped(key, how) : `${asTyped(key, how)}=${asTyped(value, how)}`)).join('&'));

/** A fragment, possibly with query-like text in it. */
export const hash = fc.oneof(fc.constant(''), fc.constantFrom('#top', '#a?b&af=X', '#'), anyText(10).map((s) => '#' + encodeURIComponent(s)));

/** A checkout host as a producer may write it (case, default port). */
export const checkoutHost = fc
  .tuple(fc.constantFrom(...HOSTS), fc.boolean(), fc.constantFrom('', ':443'))
  .map(([host, upper, port]) => (upper ? host.toUpperCase() : host) + port);

/** A path on a checkout host: a product code, `next/<code>`, or arbitrary segments. */
export const checkoutPath = fc.oneof(
  validCode.map((code) => '/' + code),
  validCode.map((code) => '/next/' + code),
  fc.array(anyText(12).map(encodeURIComponent), { minLength: 1, maxLength: 3 }).map((segments) => '/' + segments.join('/')),
);

/** A HotLink's own query: no raw `?` (a second `?` is repaired into `&`, tested on the corpus) and no raw `#`. */
export const ownQuery = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom('af', '%61f', 'AF', 'off', 'sck', 'src', 'utm_source', 'checkoutMode', 'bid', ''), anyText(8)),
        fc.oneof(validCode, anyText(20)),
        fc.nat(2),
      ),
      { maxLength: 6 },
    )
    .map((pairs) => '?' + pairs.map(([k, v, how]) => `${asTyped(k, how)}=${asTyped(v, how)}`.replace(/[?#]/g, encodeURIComponent)).join('&')),
);

/** A valid HotLink: `https:` on a checkout host, anything after. */
export const hotlink = fc
  .tuple(fc.constantFrom('https://', 'HTTPS://', ' https://'), checkoutHost, checkoutPath, ownQuery, hash)
  .map(([scheme, host, path, query, fragment]) => scheme + host + path + query + fragment);

/** Strings meant to pass for a checkout URL without being one, and plain junk. */
export const notQuiteHotlink = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('https:', 'http:', 'javascript:', 'data:', 'HTTPS:', 'https;', 'ftp:', '', 'https:\t'),
      fc.constantFrom('//', '/', '\\\\', '///', '', '/\\'),
      fc.constantFrom('', 'pay.hotmart.com@', 'user:pw@', 'pay.hotmart.com:x@', '@'),
      fc.constantFrom(
        'pay.hotmart.com', 'payment.hotmart.com', 'pay.hotmart.com.evil.example', 'evil.example', 'pay.hotmart.com.', 'pay-hotmart.com',
        'pay.hotmart.co', 'xn--py-hotmart-xyz.com', 'pay.hotmart.com%2eevil.example', 'pаy.hotmart.com', 'go.hotmart.com', '127.0.0.1', '',
      ),
      fc.constantFrom('', ':443', ':8443', ':0', ':'),
      fc.oneof(checkoutPath, fc.constantFrom('', '/?https://pay.hotmart.com/', '#https://pay.hotmart.com/', '/@pay.hotmart.com')),
      fc.oneof(ownQuery, hash),
    )
    .map((parts) => parts.join('')),
  anyText(60),
);

/** Names the options schema allows for `params` and `forward`, the awkward ones included. */
const optionName = fc.oneof(fc.constantFrom('a', 'ref', 'via', ...FORWARD, '__proto__', 'constructor', 'toString', 'hasOwnProperty'), fc.stringMatching(/^[\w.-]{1,12}$/));

/** Options as `init()` takes them: the defaults, or other (valid) lists, patterns and models. */
export const captureOptions = fc.record(
  {
    params: fc.uniqueArray(optionName, { minLength: 1, maxLength: 6 }),
    forward: fc.uniqueArray(optionName, { maxLength: 8 }),
    codePattern: fc.constantFrom('^[A-Z][0-9]{7,9}[A-Z]$', '^[a-z]{3}-\\d{3}$', '.+', '^.{1,64}$'),
    attribution: fc.constantFrom('last-click', 'first-click'),
    cookieDays: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.constant('forever')),
  },
  { requiredKeys: [] },
);
