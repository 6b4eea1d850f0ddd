import { unsafeCSS } from 'lit';

/**
 * The build turns these rules into the reserve stylesheet, `dist/hotlinks.css`
 * (build/reserve-css-plugin.mjs): the `:host` rules, the link's own box (`[part='button']`) and the
 * price's line, for the element before it is defined, so it takes the box it has after. Nothing here
 * that changes the box may depend on state the unupgraded element cannot see: the outline variant
 * draws its border with an inset shadow, the focus ring is an outline.
 *
 * A constant of the source, never outside text: `unsafeCSS` makes the same stylesheet Lit's `css`
 * tag would, without the tag's check of `${}` values (there are none), which with its message is
 * 150 B of the drop-in. The build minifies the text (build/minify-css-plugin.mjs).
 */
export const styles = unsafeCSS(`
  :host {
    display: inline-block;
    vertical-align: middle;
    box-sizing: border-box;
    min-width: var(--hotlink-min-width, 12em);
    font: 700 1rem/1.5 var(--hotlink-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_bg: #0a7d3b;
    --_fg: #fff;
  }
  :host([size='sm']) {
    font-size: 0.875rem;
  }
  :host([size='lg']) {
    font-size: 1.25rem;
  }
  :host([variant='orange']) {
    --_bg: #d7401a;
  }
  :host([variant='black']) {
    --_bg: #161616;
  }
  :host([variant='outline']) {
    --_bg: transparent;
    --_fg: #0a7d3b;
  }
  :host([hidden]) {
    display: none;
  }
  [part='button'] {
    display: block;
    position: relative;
    box-sizing: border-box;
    padding: var(--hotlink-padding, 0.75em 1.5em);
    border-radius: var(--hotlink-radius, 6px);
    background: var(--hotlink-background, var(--_bg));
    color: var(--hotlink-color, var(--_fg));
    box-shadow: var(--hotlink-shadow, 0 1px 3px rgb(0 0 0 / 0.2));
    text-align: center;
    text-decoration: none;
    cursor: pointer;
    -webkit-tap-highlight-color: transparent;
    /* Invisible, except in forced-colors mode where backgrounds are dropped: the button keeps an edge. */
    outline: 1px solid transparent;
  }
  :host([variant='outline']) [part='button'] {
    box-shadow: inset 0 0 0 2px currentColor;
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
    font-size: 0.875em;
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
`);
