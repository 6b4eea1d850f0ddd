/*
 * DEMO ONLY: do not copy this file to your site. It answers checkout locally: when the visitor leaves
 * for checkout, the demo's /checkout-preview page opens instead of pay.hotmart.com, showing the exact
 * URL that would have opened there. The `hotlinks-checkout` event (fired by the Buy button and by
 * decorated links just before the visitor leaves) is let through, as on your site, so the departure
 * is reported (`data-collect`) to the demo's loop server; the browser's own navigation (the click,
 * the form's submission) is what is stopped. A Buy button in overlay mode would open checkout in a
 * frame at once: its event is cancelled instead, and that departure is not reported. Middle-click
 * and "open in new tab" still go to the real URL.
 */
(() => {
  /** The checkout URL of the departure under way (announced during this click or submission), if any. */
  let leaving;
  const preview = (url, source) => {
    const query = new URLSearchParams({ url, lang: document.documentElement.lang });
    // The button's price, for the preview's simulated sale.
    const button = source?.closest?.('hotlink-buy-button[price]');
    if (button) query.set('price', button.getAttribute('price')), query.set('currency', button.getAttribute('currency') || 'BRL');
    location.assign('/checkout-preview?' + query);
  };
  addEventListener('hotlinks-checkout', (event) => {
    if (event.target.matches?.('hotlink-buy-button[mode="overlay"]')) {
      event.preventDefault();
      preview(event.detail.url, event.target);
      return;
    }
    leaving = { url: event.detail.url, source: event.target };
    // Announced inside a click or a submission, whose own listeners (below) run before any task.
    setTimeout(() => (leaving = undefined));
  });
  for (const type of ['click', 'submit']) {
    // On window, bubbling: after the page's own handlers, which may keep the visitor on the page
    // (Hotmart's widget opens its pop-up: see hotmart-widget-standin.js).
    addEventListener(type, (event) => {
      const departure = leaving;
      leaving = undefined;
      if (!departure || event.defaultPrevented) return;
      event.preventDefault();
      preview(departure.url, departure.source);
    });
  }
})();
