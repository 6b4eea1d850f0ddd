/**
 * First-click and a capture "from the future". The codec accepts a capture up to a day ahead (a
 * visitor's clock can be hours wrong), but under first-click a stored capture dated more than 10
 * minutes in the visitor's future is no earlier click: a real click replaces it. Otherwise anyone
 * who can write the cookie could claim "first" for a day ahead of every real affiliate.
 */
import { describe, expect, it } from 'vitest';
import { encodeAttribution } from '../../src/attribution/cookie-codec';
import { CODE, DAY, ORIGIN, OTHER_CODE, click, cookie, setUrl, start, usePage, VISIT } from '../support/page';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';
const MIN = 60_000;

describe('first-click with a stored capture dated ahead of the visitor\'s clock', () => {
  usePage(ORIGIN + '/', `<a id="buy" href="${HOTLINK}">Comprar</a>`);

  it.each([
    { stored: 'a day ago', offset: -DAY, credit: OTHER_CODE },
    { stored: 'now', offset: 0, credit: OTHER_CODE },
    { stored: '5 minutes ahead (a server clock a little fast)', offset: 5 * MIN, credit: OTHER_CODE },
    { stored: '11 minutes ahead', offset: 11 * MIN, credit: CODE },
    { stored: '6 hours ahead', offset: 6 * 60 * MIN, credit: CODE },
    { stored: '23 hours ahead', offset: 23 * 60 * MIN, credit: CODE },
  ])('stored $stored: a landing with a new code credits $credit', ({ offset, credit }) => {
    const capturedAt = Date.now() + offset;
    const stored = encodeAttribution({ affiliate: OTHER_CODE, capturedAt, expiresAt: capturedAt + 30 * DAY, params: {}, visit: VISIT });
    document.cookie = `hotlinks=${stored}; Path=/`;
    const captured: (string | null)[] = [];
    document.addEventListener('hotlinks-attribution', (e) => captured.push(e.detail.affiliate));
    setUrl(`/curso?a=${CODE}`);

    const hotlinks = start({ attribution: 'first-click' });

    expect(hotlinks.getAttribution()?.affiliate).toBe(credit);
    expect(captured).toEqual(credit == CODE ? [CODE] : []);
    expect(cookie()).toMatch(new RegExp(`^2\\|${credit}\\|`));
    expect(click(document.getElementById('buy')!)).toBe(`${HOTLINK}?af=${credit}`);
  });
});
