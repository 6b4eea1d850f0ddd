/**
 * The producer's other sites (`crossDomain`, `data-cross-domain`): a link or GET form to one of them
 * carries the affiliate code, as the first name of `params`, and the forwarded parameters, so the
 * same script there captures it. Decorated as the visitor acts on the link, like checkout links;
 * the link's own query, values and hash are kept; same-host links and other hosts are never touched.
 */
import { describe, expect, it } from 'vitest';
import { CODE, ORIGIN, click, press, recordConsole, setUrl, start, submit, usePage } from '../support/page';
import { loadDropin, pageApi } from '../support/act';
import type { HotLinks } from '../../src/hotlinks';

const LANDING = `/curso?a=${CODE}&utm_source=fb`;
/**
 * What a link to another site of the producer's gets from LANDING: the code, the tags, and the
 * hand-off (`hotlinks=<capturedAt in base 36>.<visit>`), so the attribution keeps its age and visit there.
 */
const added = (hotlinks: HotLinks, tags = '&utm_source=fb') => {
  const { capturedAt, visit } = hotlinks.getAttribution()!;
  return `a=${CODE}${tags}&hotlinks=${capturedAt.toString(36)}.${visit}`;
};
/** Where a table's expected URL says `{added}`, that; `{added without tags}`: the code and the hand-off alone. */
const expand = (url: string, hotlinks: HotLinks) => url.replace('{added}', added(hotlinks)).replace('{added without tags}', added(hotlinks, ''));

/** One link, pressed: its href after the press. */
const pressed = (href: string) => {
  const a = document.createElement('a');
  a.setAttribute('href', href);
  a.textContent = 'link';
  document.body.append(a);
  return press(a);
};

describe('links to the hosts in crossDomain', () => {
  usePage(ORIGIN + '/');

  it.each([
    { href: 'https://curso.other.example/', becomes: `https://curso.other.example/?{added}` },
    { href: 'https://curso.other.example/aula?x=1#sec', becomes: `https://curso.other.example/aula?x=1&{added}#sec` },
    { href: 'http://curso.other.example/aula', becomes: `http://curso.other.example/aula?{added}` },
    { href: 'https://curso.other.example/?utm_source=own&a=MINE', becomes: 'https://curso.other.example/?utm_source=own&a=MINE' },
    // The link's own values win; the hand-off goes with our code, not with a code the link carries.
    { href: 'https://curso.other.example/?utm_source=own', becomes: 'https://curso.other.example/?utm_source=own&{added without tags}' },
    { href: 'https://example.org/', becomes: `https://example.org/?{added}` },
    { href: 'https://www.example.org/p', becomes: `https://www.example.org/p?{added}` },
    { href: 'https://a.b.example.org/p#top', becomes: `https://a.b.example.org/p?{added}#top` },
    // Not in the list: exactly as written.
    { href: 'https://www.curso.other.example/', becomes: 'https://www.curso.other.example/' },
    { href: 'https://other.example/', becomes: 'https://other.example/' },
    { href: 'https://badexample.org/', becomes: 'https://badexample.org/' },
    { href: 'https://example.org.evil.test/', becomes: 'https://example.org.evil.test/' },
    { href: 'https://evil.test/?next=https://curso.other.example/', becomes: 'https://evil.test/?next=https://curso.other.example/' },
    { href: 'mailto:ana@curso.other.example', becomes: 'mailto:ana@curso.other.example' },
    { href: 'javascript:void(0)', becomes: 'javascript:void(0)' },
    // A scheme that only ends like https: has a host, yet is no web page.
    { href: 'xhttps://curso.other.example/', becomes: 'xhttps://curso.other.example/' },
    { href: 'web+https://curso.other.example/', becomes: 'web+https://curso.other.example/' },
    // Not a URL at all: left as written.
    { href: 'https://[curso.other.example/', becomes: 'https://[curso.other.example/' },
    // This very site: never.
    { href: '/curso/aula', becomes: '/curso/aula' },
    { href: 'https://www.shop.example/oferta', becomes: 'https://www.shop.example/oferta' },
  ])('$href → $becomes', ({ href, becomes }) => {
    setUrl(LANDING);
    const hotlinks = start({ crossDomain: ['curso.other.example', '*.example.org', '*.shop.example'] });
    expect(pressed(href)).toBe(expand(becomes, hotlinks));
  });

  it('nothing is decorated before the visitor acts; a click decorates and leaves without a hotlinks-checkout event', () => {
    setUrl(LANDING);
    const hotlinks = start({ crossDomain: ['curso.other.example'] });
    document.body.innerHTML = '<a id="other" href="https://curso.other.example/aula">Aula</a>';
    const departures: unknown[] = [];
    document.addEventListener('hotlinks-checkout', (e) => departures.push(e.detail));
    expect(document.getElementById('other')!.getAttribute('href')).toBe('https://curso.other.example/aula');
    expect(click(document.getElementById('other')!)).toBe(`https://curso.other.example/aula?${added(hotlinks)}`);
    expect(departures).toEqual([]);
  });

  it('the code goes as the first name of params; a checkout link still gets checkoutParam', () => {
    setUrl(`/?ref=${CODE}`);
    const hotlinks = start({ params: ['ref', 'a'], crossDomain: ['curso.other.example'] });
    const { capturedAt, visit } = hotlinks.getAttribution()!;
    expect(pressed('https://curso.other.example/')).toBe(`https://curso.other.example/?ref=${CODE}&hotlinks=${capturedAt.toString(36)}.${visit}`);
    expect(pressed('https://pay.hotmart.com/A72242240H')).toBe(`https://pay.hotmart.com/A72242240H?af=${CODE}`);
  });

  it('without a code, the forwarded parameters (a source) and its hand-off still go, from later pages too', () => {
    setUrl('/?utm_source=fb&gclid=G1');
    const hotlinks = start({ crossDomain: ['curso.other.example'] });
    const { capturedAt, visit } = hotlinks.getAttribution()!;
    const expected = `?utm_source=fb&gclid=G1&hotlinks=${capturedAt.toString(36)}.${visit}`;
    expect(pressed('https://curso.other.example/a')).toBe('https://curso.other.example/a' + expected);
    history.pushState(null, '', '/outra');
    expect(pressed('https://curso.other.example/b')).toBe('https://curso.other.example/b' + expected);
  });

  it('without any attribution, the link stays as written', () => {
    setUrl('/');
    start({ crossDomain: ['curso.other.example'] });
    expect(pressed('https://curso.other.example/b')).toBe('https://curso.other.example/b');
  });

  it('a page that changes the link later gets its new URL decorated at the next press', () => {
    setUrl(LANDING);
    const hotlinks = start({ crossDomain: ['curso.other.example'] });
    document.body.innerHTML = '<a id="l" href="https://curso.other.example/a">x</a>';
    const link = document.getElementById('l')!;
    expect(press(link)).toBe(`https://curso.other.example/a?${added(hotlinks)}`);
    link.setAttribute('href', 'https://curso.other.example/b?y=2');
    expect(press(link)).toBe(`https://curso.other.example/b?y=2&${added(hotlinks)}`);
  });

  it.each([
    { form: '<form method="get" action="https://curso.other.example/inscricao"><input name="nome" value="Ana"></form>', url: `https://curso.other.example/inscricao?nome=Ana&{added}` },
    { form: '<form method="get" action="https://curso.other.example/inscricao"><input name="utm_source" value="own"></form>', url: 'https://curso.other.example/inscricao?utm_source=own&{added without tags}' },
    { form: '<form method="get" action="https://elsewhere.example/inscricao"><input name="nome" value="Ana"></form>', url: 'https://elsewhere.example/inscricao?nome=Ana' },
  ])('GET form: $url', ({ form, url }) => {
    setUrl(LANDING);
    const hotlinks = start({ crossDomain: ['curso.other.example'] });
    document.body.innerHTML = form;
    const departures: unknown[] = [];
    document.addEventListener('hotlinks-checkout', (e) => departures.push(e.detail));
    expect(submit(document.querySelector('form')!)).toBe(expand(url, hotlinks));
    expect(departures).toEqual([]);
  });
});

describe('data-cross-domain on the built drop-in', () => {
  usePage(ORIGIN + '/');

  it('a valid list, spaces and all: both entries work', async () => {
    setUrl(LANDING);
    const warnings = recordConsole('warn');
    await loadDropin('hotlinks-capture.js', { 'data-cross-domain': 'curso.other.example, *.example.org' });
    const hotlinks: HotLinks = pageApi();
    expect(warnings).toEqual([]);
    expect(pressed('https://curso.other.example/')).toBe(`https://curso.other.example/?${added(hotlinks)}`);
    expect(pressed('https://example.org/')).toBe(`https://example.org/?${added(hotlinks)}`);
  });

  it.each([
    'Curso.Other.Example',
    'https://curso.other.example',
    'curso.other.example/aula',
    '*.*.example.org',
    '*example.org',
    'curso',
    'curso.other.example,evil .example',
    '*',
  ])('%j: a console warning naming data-cross-domain, and the default (no other site) used', async (value) => {
    setUrl(LANDING);
    const warnings = recordConsole('warn');
    await loadDropin('hotlinks-capture.js', { 'data-cross-domain': value });
    expect(warnings).toEqual([expect.stringMatching(/^\[hotlinks\] data-cross-domain .*; the default is used$/)]);
    // The value is shown as the producer wrote it.
    expect(warnings[0]).toContain(JSON.stringify(value));
    expect(pressed('https://curso.other.example/')).toBe('https://curso.other.example/');
    // The rest of the script works: checkout links still carry the code (and the visit id).
    const { visit } = pageApi().getAttribution();
    expect(pressed('https://pay.hotmart.com/A72242240H')).toBe(`https://pay.hotmart.com/A72242240H?af=${CODE}&utm_source=fb&xcod=${visit}`);
  });
});
