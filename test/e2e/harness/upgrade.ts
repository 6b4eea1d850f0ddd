/**
 * Measuring a page before and after `<hotlink-buy-button>` upgrades: the define call is held back,
 * so the page can be seen as it looks before the element is registered, then let through.
 */
import type { Visitor } from './visitor';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';

/**
 * One Buy button of each kind of box: label from the attribute or the children, sizes, a price, a
 * variant, a fallback link, each mode, themed (`themed`: the attributes that theme it), disabled.
 */
export const buttonKinds = (themed: string) => [
  `<hotlink-buy-button hotlink="${HOTLINK}"></hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" lang="en"></hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" price="197"></hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" size="sm">Comprar</hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" size="lg" price="1997.90" variant="orange">Quero me inscrever agora mesmo</hotlink-buy-button>`,
  `<hotlink-buy-button offer="abc">\n  <a href="${HOTLINK}?off=abc">Garantir minha vaga no curso completo</a>\n</hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" variant="outline" mode="new-tab">Comprar</hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" variant="black" mode="overlay">Comprar</hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" ${themed}>Estilo próprio</hotlink-buy-button>`,
  `<hotlink-buy-button hotlink="${HOTLINK}" disabled>Indisponível</hotlink-buy-button>`,
];

/**
 * Runs in the page before its scripts: `customElements.define` is held back until
 * `defineNow()` (the drop-in's core has run by then: fallback links are already decorated), and
 * layout shifts are recorded as Chromium scores them for CLS.
 */
function holdDefineInPage() {
  const define = customElements.define.bind(customElements);
  const held: Parameters<typeof define>[] = [];
  customElements.define = (...args) => void held.push(args);
  const page = window as unknown as { defineNow(): void; layoutShifts: number[] };
  page.defineNow = () => {
    customElements.define = define;
    held.forEach((args) => define(...args));
  };
  page.layoutShifts = [];
  new PerformanceObserver((list) => page.layoutShifts.push(...list.getEntries().map((e) => (e as PerformanceEntry & { value: number }).value))).observe({
    type: 'layout-shift',
  });
}

/** From now on, the visitor's page registers no custom element until `defineAndRender`. */
export const holdDefine = (v: Visitor) => v.page.addInitScript(holdDefineInPage);

/**
 * Lets the held definitions through and waits until every button has rendered, and two frames
 * more: layout-shift entries arrive after the frame that moved something.
 */
export const defineAndRender = (v: Visitor) =>
  v.page.evaluate(async () => {
    (window as unknown as { defineNow(): void }).defineNow();
    await customElements.whenDefined('hotlink-buy-button');
    const buttons = [...document.querySelectorAll('hotlink-buy-button')] as (HTMLElement & { updateComplete: Promise<boolean> })[];
    await Promise.all(buttons.map((el) => el.updateComplete));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });

/** The page's layout shift so far (CLS: the sum of the shifts' scores). */
export const layoutShift = (v: Visitor): Promise<number> =>
  v.page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts.reduce((a, b) => a + b, 0));

/** `[x, y, width, height]` of every button and of every `.after` (the text after one), in page order. */
export const boxes = (v: Visitor) =>
  v.page.evaluate(() =>
    [...document.querySelectorAll('hotlink-buy-button, .after')].map((el) => {
      const r = el.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height];
    }),
  );
