/**
 * What the benchmark measures, one function per scenario, each on a fresh browser context (empty
 * cache, no cookies: every page load is a first visit). Each returns measurements only; whether the
 * scripts do the right thing is the test suites' job (`test/e2e`). A scenario throws only when its
 * measurement cannot be taken (a mark missing from the trace, buttons that never render).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { VARIANTS, buttonHtml, checkoutLinks } from './server.mjs';
import { SCRIPT_CATEGORIES, markedWork, scriptWork, traced } from './trace.mjs';

export const CODE = 'O95340038V';
export const LANDING = `?a=${CODE}&utm_source=bench&utm_campaign=launch&sck=hm-bench`;
/** How late the script arrives on the layout-shift page: long enough that the page paints first. */
export const SLOW_SCRIPT_MS = 400;
export const PHONE = { width: 390, height: 844 };
export const THROTTLE = 4;
export const LINK_COUNT = 10_000;
export const BUTTON_COUNT = 100;
/** After `load`: time for what the script set up on load (a fetch's answer, observers) to run. */
export const SETTLE_MS = 300;
const CHECKOUT_HOSTS = /^https:\/\/(pay|payment)\.hotmart\.com\//;

/** In the page: waits until every `<hotlink-buy-button>` under `root` has rendered its link. */
const BUTTONS_RENDERED = async (root) => {
  if (!customElements.get('hotlink-buy-button')) throw new Error('<hotlink-buy-button> is not defined by the script');
  const buttons = [...root.querySelectorAll('hotlink-buy-button')];
  const rendered = (b) => !!b.shadowRoot?.querySelector('a[part~="button"][href]');
  await Promise.all(buttons.map((b) => b.updateComplete));
  for (const deadline = performance.now() + 5000; !buttons.every(rendered); ) {
    if (performance.now() > deadline) throw new Error(`${buttons.filter((b) => !rendered(b)).length} buttons did not render`);
    await new Promise(requestAnimationFrame);
  }
  return buttons.length;
};

/** `af=CODE` in a URL: the code reached the link (every decorating variant adds it). */
const carriesCode = (href) => new URL(href, 'https://x.test').searchParams.get('af') == CODE;

/**
 * The scenarios, bound to the browsers and the bench server's origin: page loads in `bare`
 * (`bare-chromium.mjs`: no Playwright, as in a visitor's browser), the rest in `browser`, driven by
 * Playwright. `refused` collects every request to a host other than the bench's own and checkout's
 * (aborted, or failing to resolve by the launch's host rules: nothing leaves the machine).
 * @param {{ browser: import('playwright-core').Browser, bare: ReturnType<import('./bare-chromium.mjs').launchBareChromium>, origin: string }} bench
 */
export function scenarios({ browser, bare, origin }) {
  const refused = [];
  const own = new URL(origin).hostname;

  /** Runs `fn` on a page in a fresh context; checkout hosts are answered locally. */
  async function withPage(fn, { viewport, throttle } = {}) {
    const context = await browser.newContext({ viewport, ignoreHTTPSErrors: true });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).hostname == own || url.startsWith('data:')) return route.continue();
      refused.push(url);
      return route.abort('blockedbyclient');
    });
    await context.route(CHECKOUT_HOSTS, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Hotmart checkout</title>' }),
    );
    await context.addInitScript(`window.__buttonsRendered = ${BUTTONS_RENDERED}`);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
    if (throttle) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
    try {
      return await fn(page, context);
    } finally {
      await context.close();
    }
  }

  const pageUrl = (variant, name, extra = '') => `${origin}/${variant}/${name}.html${LANDING}${extra}`;

  /**
   * Page load: the script's own main-thread work (compile, run, callbacks into it) from navigation
   * to a moment after `load`, optionally under CPU throttling; in the Chromium without Playwright.
   */
  async function pageLoad(variant, { throttle } = {}) {
    // Loaded, and `SETTLE_MS` after, well within these, throttled or not; `traceLoad` checks the load.
    const wait = throttle ? 3000 : 1500;
    const { events, loadedAt, elsewhere } = await bare.traceLoad(pageUrl(variant, 'load'), { throttle, wait, categories: SCRIPT_CATEGORIES });
    refused.push(...elsewhere);
    // From navigation to `SETTLE_MS` after `load`, as under Playwright (`pageLoadUnderDevtools`).
    return scriptWork(events.filter((e) => e.ts <= loadedAt + SETTLE_MS * 1000), VARIANTS[variant].src);
  }

  /**
   * The same page load in the Playwright-driven Chromium, whose DevTools session on the page (the
   * Runtime domain) makes Chromium record a stack on the first `document.cookie` read: for comparison
   * with `pageLoad`, and with this bench's figures before it measured without Playwright.
   */
  async function pageLoadUnderDevtools(variant) {
    return withPage(async (page) => {
      const { events } = await traced(
        browser,
        page,
        async () => {
          await page.goto(pageUrl(variant, 'load'));
          await sleep(SETTLE_MS);
        },
        SCRIPT_CATEGORIES,
      );
      return scriptWork(events, VARIANTS[variant].src);
    });
  }

  /**
   * 10,000 checkout links appended in one `append`: the main thread's work from the append until the
   * page is done with them (an eager decorator: until every link carries the code; the others: the
   * append and the mutation-observer round after it), and the script's own part of it. Then one of
   * them is pressed (a real mouse button down, not released): the script's own work for that.
   */
  async function linksAppended(variant) {
    const eager = variant == 'decorator';
    return withPage(async (page) => {
      await page.goto(pageUrl(variant, 'blank'));
      await sleep(SETTLE_MS);
      // The links are made beforehand, in a task of their own: only adding them is measured.
      await page.evaluate(
        ({ hrefs, count }) => {
          window.__links = Array.from({ length: count }, (_, i) => {
            const a = document.createElement('a');
            a.href = hrefs[i % hrefs.length];
            a.textContent = 'Comprar';
            return a;
          });
          window.__hrefs = window.__links.map((a) => a.getAttribute('href'));
        },
        { hrefs: checkoutLinks, count: LINK_COUNT },
      );
      const append = await traced(browser, page, () =>
        page.evaluate(
          async ({ eager }) => {
            const root = document.getElementById('root');
            const links = window.__links;
            // Done: the link carries an affiliate code (some corpus links come with their own).
            const done = (a) => /[?&]af=/.test(a.getAttribute('href'));
            // This observer is made after the script's, so it is called after it, in the same
            // microtask checkpoint; a follow-up round the script's own changes cause also runs first.
            let wake;
            new MutationObserver(() => wake()).observe(root, { childList: true });
            const seen = new Promise((resolve) => (wake = resolve));
            const fragment = document.createDocumentFragment();
            fragment.append(...links);
            performance.mark('bench:start');
            root.append(fragment);
            await seen;
            for (const deadline = performance.now() + 10_000; eager && !links.every(done); ) {
              if (performance.now() > deadline) throw new Error('the links were not decorated within 10 s');
              await new Promise(requestAnimationFrame);
            }
            performance.mark('bench:end');
            return links.filter((a, i) => a.getAttribute('href') != window.__hrefs[i]).length;
          },
          { eager },
        ),
      );
      // Let style and layout of the new links happen, then press the first one.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await sleep(SETTLE_MS);
      const box = await page.locator('#root > a').first().boundingBox();
      if (!box) throw new Error('the first appended link has no box to press');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const press = await traced(
        browser,
        page,
        async () => {
          await page.mouse.down();
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
          return page.evaluate(() => document.querySelector('#root > a').href);
        },
        SCRIPT_CATEGORIES,
      );
      return {
        ...markedWork(append.events),
        script: scriptWork(append.events, VARIANTS[variant].src).cpu,
        decoratedOnAppend: append.result,
        press: scriptWork(press.events, VARIANTS[variant].src),
        pressedCarriesCode: carriesCode(press.result),
      };
    });
  }

  /** 100 Buy buttons set by one `innerHTML`, until rendered and laid out (the floor: the same markup, plain links). */
  const BUTTONS_MARKUP = Array.from({ length: BUTTON_COUNT }, (_, i) => buttonHtml(checkoutLinks[i % checkoutLinks.length], i)).join('\n');
  async function buyButtons(variant) {
    const upgrades = variant == 'ours';
    return withPage(async (page) => {
      await page.goto(pageUrl(variant, 'blank'));
      if (upgrades) await page.waitForFunction(() => customElements.get('hotlink-buy-button'), null, { timeout: 5000 });
      await page.evaluate((markup) => (window.__markup = markup), BUTTONS_MARKUP);
      const { events } = await traced(browser, page, () =>
        page.evaluate(async (upgrades) => {
          const root = document.getElementById('root');
          performance.mark('bench:start');
          root.innerHTML = window.__markup;
          if (upgrades) await window.__buttonsRendered(root);
          document.body.getBoundingClientRect(); // style and layout, forced now
          performance.mark('bench:end');
        }, upgrades),
      );
      return markedWork(events);
    });
  }

  /** Layout shift on a phone of a page with six buttons whose script arrives after the first paint. */
  async function layoutShift(variant, reserve) {
    return withPage(
      async (page) => {
        await page.goto(pageUrl(variant, 'sales', `&delay=${SLOW_SCRIPT_MS}${reserve ? '&reserve=1' : ''}`));
        return page.evaluate(async (upgrades) => {
          if (upgrades) await window.__buttonsRendered(document);
          for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
          const shifts = [];
          const observer = new PerformanceObserver((list) => shifts.push(...list.getEntries()));
          observer.observe({ type: 'layout-shift', buffered: true });
          await new Promise((resolve) => setTimeout(resolve, 200));
          shifts.push(...observer.takeRecords());
          observer.disconnect();
          const counted = shifts.filter((shift) => !shift.hadRecentInput);
          const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
          const defined = performance.getEntriesByName('button-defined')[0]?.startTime;
          return {
            cls: counted.reduce((sum, shift) => sum + shift.value, 0),
            paintedBeforeUpgrade: paint != null && (defined == null || paint < defined),
          };
        }, variant == 'ours');
      },
      { viewport: PHONE },
    );
  }

  return { pageLoad, pageLoadUnderDevtools, linksAppended, buyButtons, layoutShift, refused };
}
