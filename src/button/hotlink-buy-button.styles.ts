import { css, unsafeCSS } from 'lit';

/*
 * The button's box is written once, here: the element's styles below use it, and the build writes
 * the same declarations into the reserve rule of `dist/hotlinks.css` (`reserveCss()`), which gives
 * the element, before it upgrades, exactly the box it has after. Nothing here that changes the box
 * may depend on state the unupgraded element cannot see: the outline variant draws its border with
 * an inset shadow, the focus ring is an outline.
 */
const LINE_HEIGHT = 1.5;
/** On the element: how it sits in the text, its width and its font. */
const HOST_BOX = `display: inline-block; vertical-align: middle; box-sizing: border-box;
  min-width: var(--hotlink-min-width, 12em);
  font: 700 1rem/${LINE_HEIGHT} var(--hotlink-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);`;
/** On the link inside (on the element itself before it upgrades): padding, corners, colours. */
const BUTTON_BOX = `padding: var(--hotlink-padding, 0.75em 1.5em); border-radius: var(--hotlink-radius, 6px);
  background: var(--hotlink-background, var(--_bg)); color: var(--hotlink-color, var(--_fg));
  box-shadow: var(--hotlink-shadow, 0 1px 3px rgb(0 0 0 / 0.2)); text-align: center;`;
/** The outline variant's border: a shadow, so it takes no room. */
const OUTLINE = 'box-shadow: inset 0 0 0 2px currentColor;';
/** Font size of each `size` (`md` is the 1rem above). */
const SIZES = { sm: '0.875rem', lg: '1.25rem' };
/** Background and text colour of each `variant`; the first is the default. */
const VARIANTS = { green: ['#0a7d3b', '#fff'], orange: ['#d7401a', '#fff'], black: ['#161616', '#fff'], outline: ['transparent', '#0a7d3b'] };
/** The price's font size, relative to the label's: its line is this times the line height. */
const PRICE_SIZE = 0.875;

const colours = ([bg, fg]: string[]) => `--_bg: ${bg}; --_fg: ${fg};`;
/** One rule per `size` and per `variant` but the default, for the selector `at(attribute)`. */
const byAttribute = (at: (attribute: string) => string) =>
  [
    ...Object.entries(SIZES).map(([size, fontSize]) => `${at(`[size='${size}']`)} { font-size: ${fontSize}; }`),
    ...Object.entries(VARIANTS)
      .slice(1)
      .map(([variant, pair]) => `${at(`[variant='${variant}']`)} { ${colours(pair)} }`),
  ].join('\n');

/**
 * The reserve rule (`dist/hotlinks.css`): `tag` before it is defined takes the box it will have,
 * looks like the button, and visitors without JavaScript get a button-shaped link.
 */
export function reserveCss(tag = 'hotlink-buy-button'): string {
  const at = (attribute = '') => `${tag}${attribute}:not(:defined)`;
  return `${at()} {
  ${HOST_BOX}
  ${BUTTON_BOX}
  ${colours(VARIANTS.green)}
}
${byAttribute(at)}
${at("[variant='outline']")} { ${OUTLINE} }
${at('[hidden]')} { display: none; }
/* A line for the label, even when the element is empty. */
${at()}::before { content: '\\200b'; }
/* The price's line. */
${at('[price]')}::after { content: ''; display: block; height: ${PRICE_SIZE * LINE_HEIGHT}em; }
/* The no-JavaScript fallback link is the label. */
${at()} a { color: inherit; font: inherit; text-decoration: none; }
`;
}

export const styles = css`
  :host {
    ${unsafeCSS(HOST_BOX + colours(VARIANTS.green))}
  }
  ${unsafeCSS(byAttribute((attribute) => `:host(${attribute})`))}
  :host([hidden]) {
    display: none;
  }
  [part='button'] {
    display: block;
    position: relative;
    box-sizing: border-box;
    ${unsafeCSS(BUTTON_BOX)}
    text-decoration: none;
    cursor: pointer;
    -webkit-tap-highlight-color: transparent;
    /* Invisible, except in forced-colors mode where backgrounds are dropped: the button keeps an edge. */
    outline: 1px solid transparent;
  }
  :host([variant='outline']) [part='button'] {
    ${unsafeCSS(OUTLINE)}
  }
  [href]:hover {
    filter: brightness(0.9);
  }
  [href]:active {
    transform: translateY(1px);
  }
  [part='button']:focus-visible {
    outline: 3px solid var(--hotlink-focus-ring, #1a56db);
    outline-offset: 2px;
  }
  [part='button']:not([href]) {
    opacity: 0.55;
    cursor: not-allowed;
  }
  [part='price'] {
    display: block;
    font-size: ${PRICE_SIZE}em;
    font-weight: 400;
  }
  .hint {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  dialog {
    box-sizing: border-box;
    width: min(960px, 100vw - 2rem);
    height: min(900px, 100vh - 2rem);
    max-width: none;
    max-height: none;
    padding: 0;
    border: 0;
    border-radius: 8px;
    overflow: hidden;
    background: #fff;
    color: #161616;
    font-size: 0.875rem;
    font-weight: 400;
    text-align: start;
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.6);
  }
  .bar {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    padding: 0.5rem 0.5rem 0.5rem 1rem;
    border-bottom: 1px solid #ddd;
  }
  .bar a {
    color: #1a56db;
  }
  .bar button {
    font: inherit;
    font-weight: 700;
    padding: 0.5rem 1rem;
    border: 1px solid #767676;
    border-radius: 6px;
    background: #fff;
    color: inherit;
    cursor: pointer;
  }
  .bar :focus-visible {
    outline: 3px solid #1a56db;
    outline-offset: 2px;
  }
  iframe {
    flex: 1;
    width: 100%;
    border: 0;
  }
  @media (max-width: 40rem) {
    dialog {
      width: 100vw;
      height: 100vh;
      border-radius: 0;
    }
  }
`;
