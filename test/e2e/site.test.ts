/**
 * The public site (`npm run site`), from a plain static file server of the folder it writes, as a
 * producer uses it: in Portuguese, they paste their HotLink as they copied it (no `https://`), see
 * the button live with the price as their page will show it, copy both parts, paste them into a
 * blank page of their site; a visitor lands there with an affiliate's code and reaches checkout with
 * it. jsDelivr's URLs are answered from this build, as jsDelivr serves it; checkout by the harness.
 * Also: what the builder says of each form producers paste, in each language, and that it is what the
 * live button says on the console; the language switch. It takes the Portuguese README's screenshot.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSite } from '../../scripts/site.mjs';
import { startStaticServer } from '../../scripts/serve.mjs';
import { saveScreenshot } from './harness/screenshots';
import { html } from './harness/site';
import { describeInBrowser, useBrowser } from './harness/suite';
import type { Visitor } from './harness/visitor';

const SCREEN: BrowserContextOptions = { viewport: { width: 1100, height: 900 }, locale: 'pt-BR', timezoneId: 'UTC' };
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const CDN = `https://cdn.jsdelivr.net/npm/hotlinks-embed@${version}/dist/`;
const CODE = 'O95340038V';
const HOSTS = 'pay.hotmart.com, payment.hotmart.com';
const SALES_PAGE = 'https://go.hotmart.com/H55891139F?ap=13e0';
/** What the builder says of a refused HotLink, in each of its languages (the button's words). */
const WORDS = {
  'pt-BR': {
    problem: (link: string) =>
      link == SALES_PAGE
        ? `O link "${link}" é um HotLink da página de vendas, aquele que os afiliados divulgam: ele abre uma página de vendas, não o pagamento. ` +
          'Use o seu HotLink de pagamento direto (https://pay.hotmart.com/…), que fica na Hotmart em Produtos › Meus produtos; o botão fica desativado'
        : `O link "${link}" não é um link https: de uma página de pagamento (${HOSTS}); o botão fica desativado`,
    first: '(primeiro o seu HotLink)',
    copy: 'Copiar a parte 2',
  },
  en: {
    problem: (link: string) =>
      link == SALES_PAGE
        ? `hotlink "${link}" is a Sales Page HotLink, the link affiliates share: it opens a sales page, not checkout. ` +
          'Use your Direct Payment HotLink (https://pay.hotmart.com/…), in Hotmart under Products › My products; the button is disabled'
        : `hotlink "${link}" is not an https: link on a checkout host (${HOSTS}); the button is disabled`,
    first: '(your HotLink first)',
    copy: 'Copy part 2',
  },
};

describeInBrowser('the public site, from a static file server', () => {
  const t = useBrowser();
  let out: string;
  let site: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'hotlinks-site-'));
    await buildSite({ out });
    site = await startStaticServer({ root: out });
  });
  afterAll(async () => {
    await site?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const open = async (v: Visitor, path = '') => {
    await v.page.goto(site.url + path);
    await expect.poll(() => v.page.textContent('#head-snippet')).toContain(CDN);
  };
  const message = (v: Visitor) => v.page.textContent('#hotlink-problem');
  const price = (v: Visitor) =>
    v.page.locator('#preview hotlink-buy-button').evaluate((el) => el.shadowRoot?.querySelector('[part=price]')?.textContent);

  it('em português: o link colado sem https:// é completado, o preço sai como no site, e o código colado leva o afiliado até o pagamento', async () => {
    const v = await t.visitor(SCREEN);
    await v.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
    await open(v);
    expect(await v.page.getByRole('heading', { level: 1 }).textContent()).toBe('Monte o código do seu site');

    await v.page.getByLabel('Seu HotLink de pagamento direto').fill('pay.hotmart.com/A72242240H');
    await expect
      .poll(() => message(v))
      .toBe('Faltava o https:// no começo; usamos https://pay.hotmart.com/A72242240H. Link de pagamento certo: o botão leva até ele, com o código do afiliado.');
    await v.page.getByLabel('Código da oferta').fill('wlvonm69');
    await v.page.getByLabel('Texto do botão').fill('Quero me inscrever');
    await v.page.getByLabel('Preço').fill('197');
    // The price as the element formats it for the button's language: "R$ 197,00" (a no-break space).
    await expect.poll(() => price(v)).toBe('R$\u00a0197,00');
    await v.page.getByLabel('Cor').selectOption('orange');
    await v.page.getByLabel('O afiliado fica com o crédito por').selectOption('90');
    await v.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await saveScreenshot('site-builder.png', await v.page.screenshot({ fullPage: true, animations: 'disabled' }));

    const copy = async (part: string) => {
      await v.page.getByRole('button', { name: `Copiar a parte ${part}` }).click();
      await expect.poll(() => v.page.textContent('#copied')).toBe(`Parte ${part} copiada: agora cole no seu site.`);
      return v.page.evaluate(() => navigator.clipboard.readText());
    };
    const head = await copy('1');
    const button = await copy('2');
    expect(head).toContain(`<script src="${CDN}hotlinks.js"`);
    expect(head).toContain('data-cookie-days="90" defer></script>');
    expect(button).toBe(
      '<hotlink-buy-button hotlink="https://pay.hotmart.com/A72242240H" offer="wlvonm69" variant="orange" price="197" lang="pt-BR">\n' +
        '  <a href="https://pay.hotmart.com/A72242240H?off=wlvonm69">Quero me inscrever</a>\n' +
        '</hotlink-buy-button>',
    );
    // Nothing on the site comes from anywhere but the site itself.
    expect(v.refused).toEqual([]);
    expect(v.errors).toEqual([]);

    // A producer's blank page (an English one, as a theme may leave it), the two parts pasted where the builder says.
    t.site.page('/curso', html(`<h1>Meu curso</h1>\n${button}`, head));
    const visitor = await t.visitor();
    const fromCdn: string[] = [];
    await visitor.page.route(`${CDN}**`, (route) => {
      const file = new URL(route.request().url()).pathname.split('/').pop()!;
      fromCdn.push(file);
      const type = extname(file) == '.css' ? 'text/css' : 'text/javascript';
      return route.fulfill({ body: readFileSync(join('dist', file)), contentType: `${type}; charset=utf-8`, headers: { 'access-control-allow-origin': '*' } });
    });
    await visitor.page.goto(t.site.url('www.shop.test', `/curso?a=${CODE}&utm_source=instagram`));
    const [cookie] = await visitor.cookies();
    expect(Math.round((cookie.expires * 1000 - Date.now()) / 86_400_000)).toBe(90);
    // On the producer's page the button shows what the builder showed: its lang is in the snippet.
    const shown = visitor.page.locator('hotlink-buy-button');
    await expect.poll(() => shown.evaluate((el) => el.shadowRoot?.querySelector('[part=price]')?.textContent)).toBe('R$\u00a0197,00');
    await visitor.page.getByRole('link', { name: /Quero me inscrever/ }).click();
    expect(await visitor.reachCheckout()).toBe(`https://pay.hotmart.com/A72242240H?af=${CODE}&utm_source=instagram&xcod=${await visitor.visit()}&off=wlvonm69`);
    expect(fromCdn.sort()).toEqual(['hotlinks.css', 'hotlinks.js']);
    expect(visitor.refused).toEqual([]);
    expect(visitor.errors).toEqual([]);
    expect(visitor.console.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
  });

  it('what producers paste, in each language: the button\'s own message, on the console too; the price per the button\'s language', async () => {
    const v = await t.visitor(SCREEN);
    for (const [path, language] of [['', 'pt-BR'], ['en/', 'en']] as const) {
      await open(v, path);
      const hotlink = v.page.locator('#hotlink');
      const words = WORDS[language];
      for (const pasted of [SALES_PAGE, 'http://pay.hotmart.com/A72242240H', 'pay.hotmart.com.evil.example/A72242240H']) {
        await hotlink.fill(pasted);
        await expect.poll(() => message(v)).toBe(words.problem(pasted));
        expect(await hotlink.getAttribute('aria-invalid')).toBe('true');
        expect(await v.page.textContent('#button-snippet')).toBe(words.first);
        expect(await v.page.getByRole('button', { name: words.copy }).isDisabled()).toBe(true);
        // The live button, given the same value, is disabled and says it on the console, in English:
        // on the English page, the builder's very words.
        await expect.poll(() => v.console).toContain(`error: [hotlinks] <hotlink-buy-button>: ${WORDS.en.problem(pasted)}`);
        expect(await v.page.locator('#preview hotlink-buy-button').evaluate((el) => el.shadowRoot!.querySelector('a')!.hasAttribute('href'))).toBe(false);
      }
      await hotlink.fill('https://pay.hotmart.com/A72242240H');
      await v.page.locator('#price').fill('197,9');
      // The button's language sets the price's format, as on the producer's page.
      for (const [lang, formatted] of [['pt-BR', 'R$\u00a0197,90'], ['en', 'R$197.90'], ['es', '197,90\u00a0BRL']]) {
        await v.page.locator('#button-lang').selectOption(lang);
        await expect.poll(() => price(v)).toBe(formatted);
        expect(await v.page.textContent('#button-snippet')).toContain(` lang="${lang}"`);
      }
      await v.page.locator('#currency').selectOption('USD');
      await v.page.locator('#button-lang').selectOption('pt-BR');
      await expect.poll(() => price(v)).toBe('US$\u00a0197,90');
    }
    expect(v.errors).toEqual([]);
  });

  it('every page links its twin in the other language, and the guides open', async () => {
    const v = await t.visitor(SCREEN);
    await v.page.goto(site.url);
    await v.page.getByRole('link', { name: 'English' }).click();
    await v.page.waitForURL(/\/en\/(index\.html)?$/);
    expect(await v.page.getByRole('heading', { level: 1 }).textContent()).toBe('Build your snippet');
    await v.page.getByRole('link', { name: 'Guide' }).click();
    await v.page.waitForURL(/\/en\/guide\.html$/);
    expect(await v.page.locator('#where-affiliate-visitors-come-from').textContent()).toBe('Where affiliate visitors come from');
    await v.page.getByRole('link', { name: 'Português' }).click();
    await v.page.waitForURL(/\/guia\.html$/);
    expect(await v.page.locator('#de-onde-vêm-os-visitantes-dos-afiliados').textContent()).toBe('De onde vêm os visitantes dos afiliados');
    expect(await v.page.getByRole('link', { name: 'Montar o código' }).getAttribute('href')).toBe('index.html');
    expect(v.refused).toEqual([]);
    expect(v.errors).toEqual([]);
  });
});
