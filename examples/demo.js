// The demo page's own script: shows what HotLinks captured (with the debug panel's facts) and the
// URLs a click would open, again at once after a change (a capture, "Forget"). Nothing here is needed on your site.
import { showFacts } from './facts.js';

const button = document.getElementById('buy');
const link = document.getElementById('plain-link');
const showUrls = () => {
  // What the button really renders: its <a part="button"> (the fallback link before it upgrades).
  const rendered = button.shadowRoot?.querySelector('a[part~="button"]') ?? button.querySelector('a');
  document.getElementById('button-url').textContent = rendered?.href ?? '';
  // A link gets its URL as the visitor presses it: this is the one it would carry now.
  document.getElementById('link-url').textContent = window.HotLinks?.checkoutUrl(link.getAttribute('href')) ?? link.href;
};
const showFactsAgain = showFacts(document.getElementById('captured'));
const update = () => showFactsAgain().then(showUrls);

customElements.whenDefined('hotlink-buy-button').then(update);
document.addEventListener('hotlinks-change', update);
showUrls();

document.getElementById('forget').addEventListener('click', () => {
  window.HotLinks.clear(); // fires hotlinks-change: the page shows it
  history.replaceState(null, '', '/');
});
