import { describe, expect, it } from 'vitest';
import { decorateHotLink, parseHotLink } from '../../src/checkout/checkout-url';
import { checkoutLinks, otherLinks } from '../fixtures/corpus';

const HOSTS = ['pay.hotmart.com', 'payment.hotmart.com'];

const decorate = (link: string) =>
  decorateHotLink(parseHotLink(link, HOSTS)!, {
    affiliate: ['af', 'O95340038V'],
    params: [{ utm_source: 'fb', sck: 'landing', off: 'landing-offer' }],
  });

describe('checkoutUrl over the corpus of real links', () => {
  it('has both kinds of link', () => {
    expect(checkoutLinks.length).toBeGreaterThan(15);
    expect(otherLinks.length).toBeGreaterThan(3);
  });

  it.each(checkoutLinks)('%s keeps its own parameters, in order, and gains the affiliate once', (link) => {
    const result = decorate(link);
    const own = new URLSearchParams(new URL(link.replace(/(\?[^?#]*)\?/, '$1&')).search);
    const out = new URL(result);
    expect(result.split('?')).toHaveLength(2);
    expect([...out.searchParams].slice(0, [...own].length)).toEqual([...own]);
    expect(out.searchParams.getAll('af')).toHaveLength(1);
    for (const key of ['sck', 'off', 'utm_source']) expect(out.searchParams.getAll(key)).toHaveLength(1);
    if (own.has('af')) expect(out.searchParams.get('af')).toBe(own.get('af'));
    else expect(out.searchParams.get('af')).toBe('O95340038V');
  });

  it.each(otherLinks)('%s is not a checkout link', (link) => {
    expect(parseHotLink(link, HOSTS)).toBeNull();
  });

  it('keeps the existing query byte for byte, and the hash last', () => {
    expect(decorate('https://pay.hotmart.com/F104029048E?name=Maria%20Silva&email=maria%40example.com#top')).toBe(
      'https://pay.hotmart.com/F104029048E?name=Maria%20Silva&email=maria%40example.com&af=O95340038V&utm_source=fb&sck=landing&off=landing-offer#top',
    );
  });

  it('repairs a second "?" into "&"', () => {
    expect(decorate('https://pay.hotmart.com/N51854403W?off=wlvonm69?sck=fb')).toBe(
      'https://pay.hotmart.com/N51854403W?off=wlvonm69&sck=fb&af=O95340038V&utm_source=fb',
    );
  });

  it.each([
    'http://pay.hotmart.com/A72242240H',
    'javascript:alert(1)//pay.hotmart.com',
    'https://pay.hotmart.com.evil.example/A72242240H',
    'https://pay.hotmart.com@evil.example/A72242240H',
    'https://user:pw@pay.hotmart.com/A72242240H',
    'https://pay.hotmart.com:8443/A72242240H',
    '//pay.hotmart.com/A72242240H',
    'pay.hotmart.com/A72242240H',
    '',
  ])('refuses %j', (link) => {
    expect(parseHotLink(link, HOSTS)).toBeNull();
  });
});
