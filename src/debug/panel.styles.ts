/**
 * The panel's own stylesheet, in its shadow root (a constructed stylesheet: a strict CSP's
 * `style-src` allows it). The drop-in build minifies it (build/minify-css-plugin.mjs).
 */
export const STYLES = `
:host { all: initial; position: fixed; z-index: 2147483647; left: 0; top: 50%; transform: translateY(-50%); }
section { box-sizing: border-box; max-height: 70vh; overflow: auto; opacity: .85;
  font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #e6edf3;
  background: #0d1117f2; border: 1px solid #30363d; border-left: 0; border-radius: 0 8px 8px 0; padding: 4px 3px;
  box-shadow: 0 6px 24px #0006; }
section.open { width: min(440px, calc(100vw - 8px)); padding: 10px 12px; opacity: 1; }
section:not(.open) .close { display: none; }
header { display: flex; justify-content: space-between; align-items: center; gap: 4px; }
button { all: unset; cursor: pointer; color: #8b949e; padding: 0 4px; font-size: 16px; }
button.toggle { font-size: 12px; font-weight: 700; color: #ef4f17; }
button:focus-visible { outline: 2px solid #58a6ff; border-radius: 3px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 10px; margin: 8px 0 0; }
dl[hidden] { display: none; }
dt { color: #8b949e; }
dd { margin: 0; overflow-wrap: anywhere; }
`;
