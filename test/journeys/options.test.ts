/**
 * The settings the journeys added or changed, one row each, as a producer writes them on the built
 * drop-in's tag and as `init()` takes them: `data-consent` (granted, pending, google, tcf),
 * `data-cross-domain`, and the default of `data-forward` (now with the ad click ids). Each row is
 * checked by what the visitor's browser then holds and where the links go.
 */
import { describe, expect, it } from 'vitest';
import { init } from '../../src/instance';
import { CODE, ORIGIN, cookie, press, recordConsole, setUrl, usePage } from '../support/page';
import { loadDropin, pageApi } from '../support/act';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';
const LANDING = `/curso?a=${CODE}&utm_source=fb&gclid=Cj0KCQ`;
const PAGE = `<a id="buy" href="${HOTLINK}">Comprar</a><a id="other" href="https://curso.other.example/aula">Aula</a><a id="apex" href="https://other.example/">Site</a>`;
const href = (id: string) => press(document.getElementById(id)!);

describe('each setting on the drop-in tag', () => {
  usePage(ORIGIN + '/', PAGE);

  it.each([
    { attributes: {}, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false },
    { attributes: { 'data-consent': 'granted' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false },
    { attributes: { 'data-consent': 'pending' }, stored: undefined, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false },
    // The consent tool's code is a companion file, which happy-dom cannot load: the drop-in says so, and stores nothing.
    { attributes: { 'data-consent': 'google' }, stored: undefined, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false, companion: true },
    { attributes: { 'data-consent': 'tcf' }, stored: undefined, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false, companion: true },
    { attributes: { 'data-consent': 'yes' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false, warning: 'data-consent' },
    { attributes: { 'data-forward': 'utm_source' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb`, other: false },
    { attributes: { 'data-forward': 'gclid' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&gclid=Cj0KCQ`, other: false },
    { attributes: { 'data-cross-domain': 'curso.other.example' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: true, apex: false },
    { attributes: { 'data-cross-domain': '*.other.example' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: true, apex: true },
    { attributes: { 'data-cross-domain': 'other.example' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false, apex: true },
    { attributes: { 'data-cross-domain': 'http://other.example' }, stored: CODE, buy: `${HOTLINK}?af=${CODE}&utm_source=fb&gclid=Cj0KCQ`, other: false, apex: false, warning: 'data-cross-domain' },
  ])('$attributes', async ({ attributes, stored, buy, other, apex = false, warning, companion = false }) => {
    setUrl(LANDING);
    const warnings = recordConsole('warn');
    await loadDropin('hotlinks-capture.js', attributes as Record<string, string>);
    expect(cookie()?.split('|')[1]).toBe(stored);
    // The drop-in's defaults: the visit id goes to checkout as xcod, and with the hand-off to the producer's other sites.
    const { capturedAt, visit } = pageApi().getAttribution();
    expect(href('buy')).toBe(`${buy}&xcod=${visit}`);
    const query = `a=${CODE}&utm_source=fb&gclid=Cj0KCQ&hotlinks=${capturedAt.toString(36)}.${visit}`;
    expect(href('other')).toBe('https://curso.other.example/aula' + (other ? '?' + query : ''));
    expect(href('apex')).toBe('https://other.example/' + (apex ? '?' + query : ''));
    expect(warnings).toEqual(
      warning
        ? [expect.stringMatching(new RegExp(`^\\[hotlinks\\] ${warning} .*; the default is used$`))]
        : companion
          ? [expect.stringMatching(/^\[hotlinks\] hotlinks-consent\.js could not load from .+: the consent tool is not followed: nothing is stored$/)]
          : [],
    );
  });
});

describe('the same settings through init()', () => {
  usePage(ORIGIN + '/', PAGE);

  it.each([
    { options: { consent: 'maybe' }, message: /^HotLinks\.init\(\): consent must be "granted", "pending", "google" or "tcf", got "maybe"$/ },
    { options: { crossDomain: 'curso.other.example' }, message: /^HotLinks\.init\(\): crossDomain must be .*, got "curso\.other\.example"$/ },
    { options: { crossDomain: ['Curso.Other.Example'] }, message: /^HotLinks\.init\(\): crossDomain must be .*, got \["Curso\.Other\.Example"\]$/ },
    { options: { crossDomain: ['*.*.other.example'] }, message: /^HotLinks\.init\(\): crossDomain must be / },
    { options: { forward: ['gclid', 'bad name'] }, message: /^HotLinks\.init\(\): forward must be / },
  ])('$options throws, naming the option', ({ options, message }) => {
    expect(() => init(options as never)).toThrow(message);
  });

  it.each([
    { options: { crossDomain: ['curso.other.example', '*.example.org'] }, option: 'crossDomain', value: ['curso.other.example', '*.example.org'] },
    { options: { consent: 'tcf' }, option: 'consent', value: 'tcf' },
    { options: {}, option: 'forward', value: ['src', 'sck', 'xcod', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'fbclid', 'gclid', 'gbraid', 'wbraid', 'ttclid', 'msclkid'] },
  ])('$options: $option is $value', ({ options, option, value }) => {
    expect(init(options as never).options[option as 'consent']).toEqual(value);
  });
});
