// Demo only: shows what the server received and what was pushed to dataLayer, and answers
// checkout locally. Nothing here is needed on your site.
import { showDebugPanel } from '/dist/hotlinks-debug.js';

showDebugPanel(document.getElementById('facts'));

const show = async () => {
  const received = await fetch('/api/hotlinks').then((response) => response.json(), () => []);
  document.getElementById('reports').textContent = received.length ? JSON.stringify(received, null, 2) : 'nothing yet';
  document.getElementById('datalayer').textContent = JSON.stringify(window.dataLayer ?? [], null, 2);
};
setInterval(show, 1000);
show();

// After HotLinks has reported the click (its listener runs first, in the capture phase), keep the
// visitor here: the preview page shows the URL that pay.hotmart.com would have received.
addEventListener('click', (event) => {
  const link = event.target.closest?.('a[href^="https://pay.hotmart.com/"]');
  if (!link || event.defaultPrevented) return;
  event.preventDefault();
  // A moment for the report to leave before this page does (a real checkout needs none: beacons survive navigation).
  setTimeout(() => location.assign('/checkout-preview?url=' + encodeURIComponent(link.href)), 300);
});
