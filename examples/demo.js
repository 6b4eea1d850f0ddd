// The demo page's own script: shows what HotLinks captured (with the debug panel's facts) and the
// URLs a click would open. Nothing here is needed on your site.
import { showDebugPanel } from '/dist/hotlinks-debug.js';

showDebugPanel(document.getElementById('captured'));

const button = document.getElementById('buy');
const link = document.getElementById('plain-link');
const show = () => {
  // What the button really renders: its <a part="button"> (the fallback link before it upgrades).
  const rendered = button.shadowRoot?.querySelector('a[part~="button"]') ?? button.querySelector('a');
  document.getElementById('button-url').textContent = rendered?.href ?? '';
  document.getElementById('link-url').textContent = link.href;
};
customElements.whenDefined('hotlink-buy-button').then(() => button.updateComplete).then(show);
document.addEventListener('hotlinks-attribution', () => setTimeout(show));
setInterval(show, 1000);
show();

document.getElementById('forget').addEventListener('click', () => {
  window.HotLinks.clear();
  history.replaceState(null, '', '/');
  setTimeout(show);
});
