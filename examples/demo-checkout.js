/*
 * DEMO ONLY: do not copy this file to your site. It answers checkout locally: the `hotlinks-checkout`
 * event (fired by the Buy button and by decorated links just before the visitor leaves) is
 * cancelled, and the demo's /checkout-preview page shows the exact URL that would have opened on
 * pay.hotmart.com. Middle-click and "open in new tab" still go to the real URL.
 */
document.addEventListener('hotlinks-checkout', (event) => {
  event.preventDefault();
  location.assign('/checkout-preview?url=' + encodeURIComponent(event.detail.url));
});
