/**
 * No layout shift: with the reserve CSS (harness/reserve-css.ts) on the page, every
 * `<hotlink-buy-button>` has, before the script registers the element, exactly the box it has once
 * rendered, and the text after it stays where it was. The page has a strict Content-Security-Policy
 * (styles from its own origin only, Trusted Types with Lit's policy allowed), as a producer's may.
 */
import { expect, it } from 'vitest';
import { reserveCss } from './harness/reserve-css';
import { STRICT_CSP } from './harness/site';
import { describeInBrowser, useBrowser } from './harness/suite';
import { boxes, buttonKinds, defineAndRender, holdDefine } from './harness/upgrade';

const CODE = 'O95340038V';
/** One of each kind of box, themed by the page's `.themed` rule. */
const BUTTONS = buttonKinds('class="themed"');
const PAGE_CSS =
  'body { font: 16px/1.6 Georgia, serif; margin: 2rem; max-width: 40rem } a { color: #00e; font-size: 90% } ' +
  '.themed { --hotlink-padding: 1em 3em; --hotlink-font-family: Georgia, serif; --hotlink-min-width: 5em }';

const page = (reserve: boolean) => `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>layout</title>
${reserve ? '<link rel="stylesheet" href="/reserve.css">' : ''}<link rel="stylesheet" href="/page.css">
<script src="/dist/hotlinks.js" defer></script></head>
<body>${BUTTONS.map((b, i) => `<p id="p${i}">Antes ${b} depois <span class="after">fim</span></p>`).join('\n')}</body></html>`;

describeInBrowser('no layout shift when the Buy button upgrades', () => {
  const t = useBrowser();
  const serve = (path: string, reserve: boolean) => {
    t.site.page('/reserve.css', { type: 'text/css; charset=utf-8', body: reserveCss() });
    t.site.page('/page.css', { type: 'text/css; charset=utf-8', body: PAGE_CSS });
    t.site.page(path, { body: page(reserve), headers: { 'content-security-policy': STRICT_CSP } });
  };

  it(`with the reserve CSS, ${BUTTONS.length} kinds of button and the text after each keep their boxes; styled, no violation`, async () => {
    serve('/layout', true);
    const v = await t.visitor({ viewport: { width: 900, height: 800 } });
    await holdDefine(v);
    await v.page.goto(t.site.url('www.shop.test', `/layout?a=${CODE}`));
    expect(await v.page.evaluate(() => customElements.get('hotlink-buy-button'))).toBeUndefined();
    const before = await boxes(v);
    expect(before).toHaveLength(2 * BUTTONS.length);

    await defineAndRender(v);
    expect(await boxes(v)).toEqual(before);
    // Rendered with the element's own styles (adopted style sheets pass style-src 'self').
    const background = await v.page.evaluate(
      () => getComputedStyle(document.querySelector('hotlink-buy-button')!.shadowRoot!.querySelector('[part~="button"]')!).backgroundColor,
    );
    expect(background).toBe('rgb(10, 125, 59)');
    expect(v.violations).toEqual([]);
    expect(v.errors).toEqual([]);
    expect(v.console.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
  });

  it('without it, the same buttons move as they upgrade (what the rule is for, and proof the measure sees a shift)', async () => {
    serve('/bare', false);
    const v = await t.visitor({ viewport: { width: 900, height: 800 } });
    await holdDefine(v);
    await v.page.goto(t.site.url('www.shop.test', `/bare?a=${CODE}`));
    const before = await boxes(v);
    await defineAndRender(v);
    const after = await boxes(v);
    const moved = before.flatMap((box, i) => (box.some((value, j) => value != after[i][j]) ? [[box, after[i]]] : []));
    expect(moved).not.toEqual([]);
  });
});
