import { checkoutUrl, getAttribution, init } from 'hotlinks-embed';
import 'hotlinks-embed/define'; // registers <hotlink-buy-button>

// Once, as early as possible (before anything else calls the SDK): the same settings as the
// script tag's data-* attributes, in camelCase.
init({ cookieDays: 90, attribution: 'first-click', forward: ['utm_source', 'utm_campaign', 'sck'] });

// The attribution, and the decorated checkout URL for a HotLink of yours (for a link you render yourself).
const attribution = getAttribution();
document.getElementById('attribution').textContent = attribution
  ? `${attribution.affiliate}, until ${new Date(attribution.expiresAt).toDateString()}, in the ${attribution.storage}`
  : 'null (open this page with ?a=O95340038V)';
document.getElementById('checkout-url').textContent = checkoutUrl('https://pay.hotmart.com/A12345678B', { off: 'demo2024' });

// React to a capture (for example a single-page app navigating to a URL with a code).
document.addEventListener('hotlinks-attribution', (event) => console.info('captured', event.detail.affiliate));

// A bad option is an error that names it.
try {
  init({ cookieDays: 'often' });
} catch (error) {
  document.getElementById('init-error').textContent = error.message;
}
