import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveOptions } from '../../src/config/validate';
import { startHotLinks } from '../../src/hotlinks';

const options = (input: Record<string, unknown> = {}) =>
  resolveOptions(input, (key, problem) => {
    throw new Error(`${key} ${problem}`);
  });

describe('landing, then a checkout link', () => {
  beforeEach(() => {
    document.cookie.split('; ').forEach((c) => (document.cookie = c.split('=')[0] + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'));
    history.replaceState(null, '', 'https://www.shop.example/curso?a=O95340038V&utm_source=fb&x=1');
    document.body.innerHTML = '<a id="buy" href="https://pay.hotmart.com/A72242240H?off=abc">Buy</a><a id="other" href="https://example.com/?q=1">x</a>';
  });
  afterEach(() => vi.restoreAllMocks());

  it('captures the code into the cookie and decorates checkout links only', async () => {
    const events: unknown[] = [];
    document.addEventListener('hotlinks-attribution', (e) => events.push(e.detail));
    const hotlinks = startHotLinks(options());
    const attribution = hotlinks.getAttribution();
    expect(attribution).toMatchObject({ affiliate: 'O95340038V', params: { utm_source: 'fb' }, storage: 'cookie' });
    expect(document.cookie).toContain('hotlinks=1|O95340038V|');
    expect(document.getElementById('buy')!.getAttribute('href')).toBe(
      'https://pay.hotmart.com/A72242240H?off=abc&af=O95340038V&utm_source=fb',
    );
    expect(document.getElementById('other')!.getAttribute('href')).toBe('https://example.com/?q=1');
    expect(events).toHaveLength(1);
    const late = document.createElement('a');
    late.href = 'https://payment.hotmart.com/next/T83787812B?checkoutMode=10';
    document.body.append(late);
    await new Promise((r) => setTimeout(r, 0));
    expect(late.getAttribute('href')).toBe('https://payment.hotmart.com/next/T83787812B?checkoutMode=10&af=O95340038V&utm_source=fb');
  });
});
