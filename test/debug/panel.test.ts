/**
 * The debug view's facts (`?hotlinks_debug=1`, `dist/hotlinks-debug.js`) as a producer reads them:
 * in the page's language, and, for a code that arrived under a name the script does not read, the
 * attribute to add. Its placement on a real screen is the browser suite's (test/e2e/trust.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { debugFacts } from '../../src/debug/panel';
import { CODE, DAY, setUrl, start, usePage } from '../support/page';

const NOW = Date.UTC(2027, 1, 4, 12);
/** `{ key: value }` of the facts, and their labels in order. */
const facts = (...args: Parameters<typeof debugFacts>) => {
  const list = debugFacts(...args);
  return { values: Object.fromEntries(list.map(([key, , value]) => [key, value])), labels: list.map(([, label]) => label) };
};

describe('the debug view', () => {
  usePage(`https://www.shop.example/curso?a=${CODE}&utm_source=instagram`);
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it.each([
    ['en', 'in 60 days', 'affiliate', 'first-party cookie "hotlinks"', 'last-click, 60 days, as "af="'],
    ['pt-BR', 'em 60 dias', 'afiliado', 'cookie do próprio site, "hotlinks"', 'último clique, 60 dias, como "af="'],
    ['es', 'dentro de 60 días', 'afiliado', 'cookie propia del sitio, "hotlinks"', 'último clic, 60 días, como "af="'],
  ])('speaks the page\'s language throughout: <html lang="%s">', (lang, inDays, affiliate, storage, model) => {
    document.documentElement.lang = lang;
    const hotlinks = start();
    const { values, labels } = facts(hotlinks, hotlinks.getAttribution()!.capturedAt);
    expect(labels[0]).toBe(affiliate);
    expect(values.affiliate).toBe(CODE);
    // The date and the days to go, both in the page's language (no "4 de fev. de 2027 (in 60 days)").
    const expiresAt = hotlinks.getAttribution()!.expiresAt;
    const date = new Date(expiresAt).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
    expect(values.expires).toBe(`${date} (${inDays})`);
    expect(values.storage).toBe(storage);
    expect(values.model).toBe(model);
    expect(values.landing).toBe(`a=${CODE} & utm_source=instagram`);
  });

  it('a page without lang: Portuguese, as the Buy button', () => {
    const { labels } = facts(start(), NOW);
    expect(labels).toEqual(['afiliado', 'chegou com', 'capturado em', 'expira em', 'guardado em', 'domínio do cookie', 'consentimento', 'repassados', 'modelo', 'pagamento']);
  });

  it('a code under a name the script does not read: says so, and names the attribute to add', () => {
    document.documentElement.lang = 'en';
    setUrl(`/curso?hotmart_aff=${CODE}&utm_source=instagram&sck=Q100328287K&partner=Q100328287K&hotlinks_debug=1`);
    const hotlinks = start();
    const { values, labels } = facts(hotlinks, NOW);
    expect(values.affiliate).toBe('none captured');
    expect(values.landing).toBe(`hotmart_aff=${CODE} & utm_source=instagram & sck=Q100328287K & partner=Q100328287K`);
    expect(labels.slice(0, 3)).toEqual(['affiliate', 'arrived with', 'code not read']);
    expect(values.unread).toBe(
      `hotmart_aff=${CODE}, partner=Q100328287K looks like an affiliate code, under a name the script does not read: ` +
        'add data-params="a,af,aff,affiliate,ref,hotmart_aff,partner" to the script tag',
    );
    // With that attribute, the same landing is captured, and nothing is left unread.
    const read = start({ params: ['a', 'af', 'aff', 'affiliate', 'ref', 'hotmart_aff'] });
    expect(read.getAttribution()?.affiliate).toBe(CODE);
    expect(facts(read, NOW).values.unread).toBe(
      'partner=Q100328287K looks like an affiliate code, under a name the script does not read: add data-params="a,af,aff,affiliate,ref,hotmart_aff,partner" to the script tag',
    );
  });

  it('in Portuguese and Spanish too, with the producer\'s own data-params kept', () => {
    setUrl(`/curso?aff_id=${CODE}`);
    const hotlinks = start({ params: ['afiliado'] });
    document.documentElement.lang = 'pt-BR';
    expect(facts(hotlinks, NOW).values.unread).toBe(
      `aff_id=${CODE} parece um código de afiliado, num nome que o script não lê: acrescente data-params="afiliado,aff_id" à tag <script>`,
    );
    document.documentElement.lang = 'es';
    expect(facts(hotlinks, NOW).values.unread).toBe(
      `aff_id=${CODE} parece un código de afiliado, con un nombre que el script no lee: añada data-params="afiliado,aff_id" a la etiqueta <script>`,
    );
  });

  it('no HotLinks running: says so, in the page\'s language', () => {
    document.documentElement.lang = 'pt-BR';
    expect(debugFacts(undefined, NOW)).toEqual([['status', 'situação', 'parado: nenhum script do HotLinks começou nesta página']]);
  });

  it('values that do not look like a code, and forwarded parameters (they reach checkout by their own name), are not suggested', () => {
    setUrl(`/curso?ref=abc&aff_id=12345&sck=${CODE}&hotlinks_debug=1`);
    expect(facts(start(), NOW).values.unread).toBeUndefined();
  });

  it('one day left: singular in the model, and the relative days from Intl', () => {
    document.documentElement.lang = 'en';
    const hotlinks = start({ cookieDays: 1 });
    const { values } = facts(hotlinks, hotlinks.getAttribution()!.expiresAt - DAY);
    expect(values.model).toBe('last-click, 1 day, as "af="');
    expect(values.expires).toMatch(/\(in 1 day\)$/);
  });
});
