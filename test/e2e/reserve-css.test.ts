/**
 * No layout shift from the shipped stylesheet alone: a page that links `dist/hotlinks.css` (and no
 * CSS of its own) shows each Buy button, before its script has defined the element, in the very
 * box, and the colours, it has after. Without the stylesheet the same page moves.
 */
import { expect, it } from 'vitest';
import { reserveCss, RESERVE_CSS_PATH } from './harness/reserve-css';
import { html } from './harness/site';
import { describeInBrowser, useBrowser } from './harness/suite';
import { boxes, buttonKinds, defineAndRender, holdDefine, layoutShift } from './harness/upgrade';
import type { Visitor } from './harness/visitor';

/** One of each kind of box, themed by custom properties on the element (the page has no CSS of its own). */
const BUTTONS = buttonKinds('style="--hotlink-padding: 1em 3em; --hotlink-min-width: 5em; --hotlink-background: #5b21b6"');
const body = BUTTONS.map((button) => `<p>Antes ${button} depois <span class="after">fim</span></p>`).join('\n');
const page = (css: boolean) =>
  html(body, `${css ? `<link rel="stylesheet" href="${RESERVE_CSS_PATH}">` : ''}<script src="/dist/hotlinks.js" defer></script>`).replace(
    '<html lang="en">',
    '<html lang="pt-BR">',
  );

/** Each button's background (the painted part once rendered), and none for the text after it. */
const backgrounds = (v: Visitor) =>
  v.page.evaluate(() =>
    [...document.querySelectorAll('hotlink-buy-button, .after')].map((el) =>
      el.localName == 'span' ? '' : getComputedStyle(el.shadowRoot?.querySelector('[part=button]') ?? el).backgroundColor,
    ),
  );

async function upgrade(v: Visitor & { url(path: string): string }, path: string) {
  await holdDefine(v);
  await v.page.goto(v.url(path));
  await v.page.waitForFunction(() => 'HotLinks' in window);
  const before = { boxes: await boxes(v), backgrounds: await backgrounds(v) };
  await defineAndRender(v);
  const after = { boxes: await boxes(v), backgrounds: await backgrounds(v) };
  const moved = before.boxes.map((box, i) => Math.max(...box.map((value, j) => Math.abs(value - after.boxes[i][j]))));
  return { before, after, moved, cls: await layoutShift(v) };
}

describeInBrowser('the shipped reserve stylesheet (dist/hotlinks.css)', () => {
  const t = useBrowser();
  const visitor = async () => Object.assign(await t.visitor({ viewport: { width: 900, height: 1400 } }), { url: (path: string) => t.site.url('www.shop.test', path) });

  it('applies only to <hotlink-buy-button> before it is defined', () => {
    const selectors = reserveCss()
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .match(/[^{}]+(?=\{)/g)!
      .flatMap((group) => group.split(','))
      .map((selector) => selector.trim());
    expect(selectors.length).toBeGreaterThan(5);
    expect(selectors.filter((selector) => !/^hotlink-buy-button(\[[^\]]+\])?:not\(:defined\)(::before|::after| a)?$/.test(selector))).toEqual([]);
  });

  it('no layout shift when the buttons upgrade, with the same colours before and after', async () => {
    t.site.page('/with-css', page(true));
    const v = await visitor();
    const { before, after, moved, cls } = await upgrade(v, '/with-css');
    expect(moved).toEqual(before.boxes.map(() => 0));
    expect(cls).toBe(0);
    expect(before.backgrounds).toEqual(after.backgrounds);
    // The variants' and a custom property's colours, already before the script runs.
    expect(before.backgrounds.filter(Boolean)).toEqual(expect.arrayContaining(['rgb(10, 125, 59)', 'rgb(215, 64, 26)', 'rgb(22, 22, 22)', 'rgb(91, 33, 182)']));
    expect(v.errors).toEqual([]);
  });

  it('without it, the same page moves (what the stylesheet prevents)', async () => {
    t.site.page('/without-css', page(false));
    const v = await visitor();
    const { moved, cls } = await upgrade(v, '/without-css');
    expect(Math.max(...moved)).toBeGreaterThan(10);
    expect(cls).toBeGreaterThan(0);
  });
});
