/**
 * The messages the shipped drop-in really prints: `dist/hotlinks-capture.js`, run as a browser runs
 * `<script src=… data-…>`, with one invalid attribute each. The drop-in carries the option checks
 * without their descriptions (they would cost a tenth of the script), so it names the attribute and
 * the value it refused, and says the default is used; `init()` in the npm package adds what a valid
 * value is (test/config/options.test.ts). Needs the build (`npm test` builds first).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { built } from '../support/built';
import { ORIGIN, usePage } from '../support/page';

/** Runs the built capture script as if loaded from `/js/` with these attributes; returns its console warnings. */
function run(attributes: Record<string, string>): string[] {
  const script = document.createElement('script');
  script.setAttribute('src', `${ORIGIN}/js/hotlinks-capture.js`);
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(Document.prototype, 'currentScript', 'get').mockReturnValue(script);
  (0, eval)(built('hotlinks-capture.js'));
  return warn.mock.calls.map((call) => call.join(' '));
}

const ROWS: [attribute: string, value: string][] = [
  ['data-params', 'a b'],
  ['data-code-pattern', '('],
  ['data-attribution', 'first'],
  ['data-cookie-days', 'abc'],
  ['data-cookie-domain', '.shop.example'],
  ['data-cookie-name', 'a;b'],
  ['data-checkout-param', 'a&b'],
  ['data-checkout-hosts', 'pay.hotmart.com/x'],
  ['data-forward', 'utm source'],
  ['data-consent', 'yes'],
  ['data-clean-url', 'sim'],
  ['data-decorate', 'nao'],
  ['data-cross-domain', 'https://curso.example'],
  ['data-collect', 'javascript:alert(1)'],
  ['data-datalayer', 'maybe'],
  ['data-debug', 'verbose'],
];

describe('the built drop-in names a bad attribute and its value, and uses the default', () => {
  usePage(`${ORIGIN}/?a=O95340038V`);
  afterEach(() => vi.restoreAllMocks());

  it.each(ROWS)('%s="%s"', (attribute, value) => {
    const warnings = run({ [attribute]: value });
    expect(warnings).toEqual([`[hotlinks] ${attribute} is not valid: ${JSON.stringify(value)}; the default is used`]);
    // The default used: the visitor's code is still captured under the default cookie name.
    expect((window as unknown as { HotLinks: { getAttribution(): { affiliate: string } | null } }).HotLinks.getAttribution()?.affiliate).toBe('O95340038V');
  });

  it('a list with one bad item is refused whole, and said so', () => {
    expect(run({ 'data-checkout-hosts': 'pay.hotmart.com, evil' })).toEqual([
      '[hotlinks] data-checkout-hosts is not valid: "pay.hotmart.com, evil"; the default is used',
    ]);
  });
});
