#!/usr/bin/env node
/**
 * `npm run test:button:browser` (after `npm run build`): `<hotlink-buy-button>` in a real Chromium,
 * for what happy-dom cannot show:
 *   - no layout shift: every button's box, measured before `customElements.define` runs (the page
 *     holding the shipped reserve CSS, dist/hotlinks.css) and after the element rendered, must be the same;
 *   - a strict CSP (`style-src 'self'`, Trusted Types required): styled, no violation;
 *   - one click, one `hotlink-checkout` (events leaving the shadow root are retargeted);
 *   - the overlay from the keyboard: focus on close, Escape right after opening, focus back;
 *   - Trusted Types refusing Lit: the core still runs and the fallback link still leads to checkout;
 *   - JavaScript off: the fallback link is a plain link to the HotLink.
 * Serves on 127.0.0.1 only; pay.hotmart.com is answered by route interception, every other name
 * fails to resolve. Prints the numbers; exits 1 on any failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserRequired, findChromium, launchChromium } from '../chromium.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CODE = 'O95340038V';
const HOTLINK = 'https://pay.hotmart.com/A72242240H';
const executablePath = findChromium();
if (!executablePath) {
  // Like the browser suite: skipped loudly where there is no Chromium, a failure where it is required (CI).
  const why = `no Chromium found (install Debian's chromium or set CHROMIUM_PATH)`;
  if (browserRequired()) throw new Error(`Buy button browser check required but ${why}`);
  console.warn(`\n!! BUY BUTTON BROWSER CHECK SKIPPED: ${why}\n`);
  process.exit(0);
}
if (!existsSync(join(ROOT, 'dist/hotlinks.js'))) throw new Error('dist/hotlinks.js is missing: run `npm run build` first');

/** The reserve CSS as the product ships it: written by the build from the element's styles. */
const reserveCss = readFileSync(join(ROOT, 'dist/hotlinks.css'), 'utf8');

const STRICT =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src https://pay.hotmart.com; " +
  "require-trusted-types-for 'script'; trusted-types lit-html";

/** Buttons whose boxes are compared: each case a different box (size, price, label source, inline). */
const BUTTONS = [
  `<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" lang="en"></hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" price="197"></hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" size="sm">Comprar</hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" size="lg" price="1997.90">Quero me inscrever agora mesmo</hotlink-buy-button>`,
  `<hotlink-buy-button offer="abc">\n  <a href="${HOTLINK}?off=abc">Garantir minha vaga no curso completo</a>\n</hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" variant="outline" mode="new-tab">Comprar</hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" variant="black" mode="overlay" id="overlay">Comprar</hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" class="themed">Estilo próprio</hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" disabled>Indisponível</hotlink-buy-button>`,
];
const page = (body, { css = true } = {}) => `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>t</title>
${css ? '<link rel="stylesheet" href="/reserve.css">' : ''}<link rel="stylesheet" href="/page.css">
<script src="/dist/hotlinks.js" defer></script></head>
<body>${body}</body></html>`;
const layoutBody = BUTTONS.map((b, i) => `<p id="p${i}">Antes ${b} depois <span class="after">fim</span></p>`).join('\n');
const PAGES = {
  '/layout.html': [page(layoutBody), STRICT],
  '/layout-without-css.html': [page(layoutBody, { css: false }), STRICT],
  '/journey.html': [
    page(`<p>${BUTTONS[0].replace('<hotlink-buy-button', '<hotlink-buy-button id="redirect" offer="abc"')}</p><p>${BUTTONS[7]}</p>`),
    STRICT,
  ],
  '/tt-none.html': [page(`<p>${BUTTONS[5]}</p>`), STRICT.replace('trusted-types lit-html', "trusted-types 'none'")],
};
const FILES = {
  '/reserve.css': ['text/css', reserveCss],
  '/page.css': ['text/css', 'body { font: 16px/1.6 Georgia, serif; margin: 2rem; max-width: 40rem } a { color: #00e; font-size: 90% } .themed { --hotlink-padding: 1em 3em; --hotlink-font-family: Georgia, serif; --hotlink-min-width: 5em }'],
};

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const [type, body, csp] = PAGES[path]
    ? ['text/html', ...PAGES[path]]
    : FILES[path] ?? (path.startsWith('/dist/') || path.startsWith('/examples/') ? [path.endsWith('.js') ? 'text/javascript' : path.endsWith('.css') ? 'text/css' : 'text/html', readFileSafe(path)] : []);
  if (body == null) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', ...(csp ? { 'content-security-policy': csp } : {}) });
  res.end(body);
});
function readFileSafe(path) {
  const file = join(ROOT, path.replace(/\.\.+/g, ''));
  return existsSync(file) ? readFileSync(file) : null;
}
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const ORIGIN = `http://www.shop.test:${server.address().port}`;

const browser = await launchChromium(executablePath, ['*.shop.test']);

const failures = [];
const check = (ok, what, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failures.push(what);
};

/** A context whose pages report CSP violations and errors, with checkout answered locally. */
async function newContext(options = {}) {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 }, ...options });
  const checkouts = [];
  await context.route('https://pay.hotmart.com/**', (route) => {
    checkouts.push(route.request().url());
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Checkout</title><p>checkout</p>' });
  });
  const problems = [];
  context.on('page', (p) => watch(p, problems));
  return { context, checkouts, problems };
}
function watch(p, problems) {
  p.on('console', (m) => m.type() == 'error' && problems.push(m.text()));
  p.on('pageerror', (e) => problems.push(String(e)));
}
const ready = (p) =>
  p.evaluate(() => customElements.whenDefined('hotlink-buy-button').then(() => Promise.all([...document.querySelectorAll('hotlink-buy-button')].map((el) => el.updateComplete))));
const boxes = (p) =>
  p.evaluate(() =>
    [...document.querySelectorAll('hotlink-buy-button, .after')].map((el) => {
      const r = el.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height];
    }),
  );

try {
  // 1. Layout: the define call is held back, so the page shows the element unupgraded (fallback
  //    links already decorated: the core runs first), then it is let through.
  for (const [path, expectSame] of [
    ['/layout.html', true],
    ['/layout-without-css.html', false],
  ]) {
    const { context, problems } = await newContext();
    await context.addInitScript(() => {
      const define = customElements.define.bind(customElements);
      const held = [];
      customElements.define = (...args) => void held.push(args);
      window.defineNow = () => {
        customElements.define = define;
        held.forEach((args) => define(...args));
      };
    });
    const p = await context.newPage();
    await p.goto(`${ORIGIN}${path}?a=${CODE}`);
    const before = await boxes(p);
    await p.evaluate(() => window.defineNow());
    await ready(p);
    const after = await boxes(p);
    const deltas = before.map((b, i) => Math.max(...b.map((v, j) => Math.abs(v - after[i][j]))));
    const worst = Math.max(...deltas);
    if (expectSame) {
      check(worst == 0, `no layout shift with dist/hotlinks.css (${BUTTONS.length} buttons and the text after each)`, `largest difference ${worst}px`);
      deltas.forEach((d, i) => i % 2 == 0 && d > 0 && console.log(`     button ${i / 2}: ${JSON.stringify(before[i])} -> ${JSON.stringify(after[i])}`));
      const styled = await p.evaluate(() => getComputedStyle(document.querySelector('hotlink-buy-button').shadowRoot.querySelector('[part=button]')).backgroundColor);
      check(styled == 'rgb(10, 125, 59)', "styled under style-src 'self' and Trusted Types", styled);
      check(problems.length == 0, 'no CSP violation or error on the strict page', problems.join(' | '));
    } else {
      console.log(`info without the reserve CSS, upgrading moves boxes by up to ${worst.toFixed(1)}px (why dist/hotlinks.css exists)`);
    }
    await context.close();
  }

  // 2. The blog post example, as the demo serves it: same check, its own CSS.
  {
    const { context, problems } = await newContext();
    await context.addInitScript(() => {
      const define = customElements.define.bind(customElements);
      const held = [];
      customElements.define = (...args) => void held.push(args);
      window.defineNow = () => ((customElements.define = define), held.forEach((args) => define(...args)));
    });
    const p = await context.newPage();
    await p.goto(`${ORIGIN}/examples/blog-post.html?a=${CODE}&utm_source=instagram`);
    const before = await boxes(p);
    await p.evaluate(() => window.defineNow());
    await ready(p);
    const after = await boxes(p);
    const worst = Math.max(...before.flatMap((b, i) => b.map((v, j) => Math.abs(v - after[i][j]))));
    check(worst == 0, 'examples/blog-post.html: no layout shift', `largest difference ${worst}px`);
    const hrefs = await p.evaluate(() => [...document.querySelectorAll('hotlink-buy-button')].map((el) => el.shadowRoot.querySelector('[part=button]').href));
    check(
      hrefs[0] == `https://pay.hotmart.com/A12345678B?af=${CODE}&utm_source=instagram&off=demo2024&sck=blog-meio`,
      'examples/blog-post.html: the button carries the affiliate',
      hrefs[0],
    );
    check(problems.length == 0, 'examples/blog-post.html: no error', problems.join(' | '));
    await context.close();
  }

  // 2b. The same page from the demo server (`npm start`), where it lives at /blog-post.html.
  {
    const { startDemoServer } = await import('../../scripts/serve.mjs');
    const demo = await startDemoServer({ port: 0 });
    const { context, problems } = await newContext();
    const p = await context.newPage();
    await p.goto(`${demo.url.replace('127.0.0.1', 'demo.shop.test')}blog-post.html?a=${CODE}`);
    await ready(p);
    const hrefs = await p.evaluate(() => [...document.querySelectorAll('hotlink-buy-button')].map((el) => el.shadowRoot.querySelector('[part=button]').href));
    check(
      hrefs.length == 2 && hrefs.every((href) => href.startsWith(`https://pay.hotmart.com/A12345678B?af=${CODE}&off=demo2024`)),
      'the demo server (npm start) serves the blog post, both buttons carry the affiliate',
      hrefs.join(' | '),
    );
    check(problems.length == 0, 'the blog post from the demo server: no error', problems.join(' | '));
    await context.close();
    await demo.close();
  }

  // 3. The journey on the strict page: one click, one event, checkout reached; the overlay by keyboard.
  {
    const { context, checkouts, problems } = await newContext();
    const p = await context.newPage();
    const events = [];
    await p.exposeFunction('recordCheckout', (url) => events.push(url));
    await p.addInitScript(() => document.addEventListener('hotlink-checkout', (e) => window.recordCheckout(e.detail.url)));
    await p.goto(`${ORIGIN}/journey.html?a=${CODE}`);
    await ready(p);
    await Promise.all([p.waitForURL(/pay\.hotmart\.com/), p.locator('#redirect [part=button]').click()]);
    const expected = `${HOTLINK}?af=${CODE}&off=abc`;
    check(events.length == 1 && events[0] == expected, 'one click, one hotlink-checkout event, with the URL', JSON.stringify(events));
    check(checkouts.at(-1) == expected, 'the browser went to the decorated checkout URL', checkouts.at(-1));

    await p.goto(`${ORIGIN}/journey.html?a=${CODE}`);
    await ready(p);
    const deepFocus = () =>
      p.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el ? `${el.localName}[part=${el.getAttribute('part')}]` : null;
      });
    await p.locator('#overlay [part=button]').focus();
    await p.keyboard.press('Enter');
    const open = await p.evaluate(() => document.querySelector('#overlay').shadowRoot.querySelector('dialog').open);
    check(open, 'Enter on the overlay button opens the dialog');
    check((await deepFocus()) == 'button[part=close]', 'focus is on the close button', await deepFocus());
    await p.keyboard.press('Escape');
    const closed = await p.evaluate(() => !document.querySelector('#overlay').shadowRoot.querySelector('dialog').open);
    check(closed, 'Escape right after opening closes it');
    check((await deepFocus()) == 'a[part=button]', 'focus is back on the Buy button', await deepFocus());
    await p.locator('#overlay [part=button]').click();
    await p.waitForFunction(() => document.querySelector('#overlay').shadowRoot.querySelector('iframe').contentDocument == null);
    await p.waitForTimeout(300);
    check(checkouts.some((u) => u == `${HOTLINK}?af=${CODE}&checkoutMode=2`), 'the overlay frame loads checkout with checkoutMode=2', checkouts.at(-1));
    await p.locator('#overlay [part=close]').click();
    check((await deepFocus()) == 'a[part=button]', 'the close button gives focus back');
    check(events.length == 3, 'each opening fired hotlink-checkout once', String(events.length));
    check(problems.length == 0, 'no CSP violation or error in the journey', problems.join(' | '));
    await context.close();
  }

  // 4. A Trusted Types policy that refuses Lit: the element cannot load, the core still works.
  {
    const { context, checkouts, problems } = await newContext();
    const p = await context.newPage();
    await p.goto(`${ORIGIN}/tt-none.html?a=${CODE}`);
    await p.waitForFunction(() => 'HotLinks' in window);
    // The visitor right-clicks the link (as for "copy link address"): it is decorated then.
    await p.locator('hotlink-buy-button a').click({ button: 'right' });
    const state = await p.evaluate(() => ({
      defined: !!customElements.get('hotlink-buy-button'),
      href: document.querySelector('hotlink-buy-button a').getAttribute('href'),
    }));
    check(!state.defined && state.href == `${HOTLINK}?off=abc&af=${CODE}`, "trusted-types 'none': capture runs, the fallback link is decorated when pressed", JSON.stringify(state));
    await Promise.all([p.waitForURL(/pay\.hotmart\.com/), p.locator('hotlink-buy-button a').click()]);
    check(checkouts.at(-1) == `${HOTLINK}?off=abc&af=${CODE}`, "trusted-types 'none': the fallback link reaches checkout", checkouts.at(-1));
    console.log(`info  trusted-types 'none' errors (expected, Lit's policy refused): ${problems.length}`);
    await context.close();
  }

  // 5. JavaScript off: the fallback link is the button.
  {
    const { context, checkouts } = await newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${ORIGIN}/tt-none.html`);
    await Promise.all([p.waitForURL(/pay\.hotmart\.com/), p.locator('hotlink-buy-button a').click()]);
    check(checkouts.at(-1) == `${HOTLINK}?off=abc`, 'without JavaScript the fallback link reaches checkout', checkouts.at(-1));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

console.log(failures.length ? `\n${failures.length} failed` : '\nall passed');
process.exit(failures.length ? 1 : 0);
