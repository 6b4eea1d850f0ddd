/*
 * DEMO ONLY: do not copy this file to your site. It stands in for Hotmart's checkout widget
 * (https://static.hotmart.com/checkout/widget.min.js), so that the demo sends nothing to Hotmart.
 * Like the widget, it opens a `hotmart-fb` link's checkout (its href, which HotLinks has given the
 * affiliate code) in a pop-up over the page; here the pop-up shows the demo's checkout preview.
 */
// Like the widget, it acts on the click itself: the `hotlinks-checkout` event before it is not
// cancelled, so the departure is reported as on your site. The snippet's own `onclick="return false;"`
// already keeps the page from following the link (and demo-checkout.js from opening the preview in
// its place).
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a.hotmart-fb');
  if (!link) return;
  event.preventDefault();
  const dialog = document.createElement('dialog');
  dialog.className = 'standin-widget';
  dialog.setAttribute('aria-label', "Checkout (stand-in for Hotmart's widget)");
  const bar = dialog.appendChild(document.createElement('div'));
  bar.className = 'bar';
  bar.append("Stand-in for Hotmart's checkout widget (demo only)");
  const close = bar.appendChild(document.createElement('button'));
  close.className = 'action';
  close.textContent = 'Close';
  close.addEventListener('click', () => dialog.close());
  const frame = dialog.appendChild(document.createElement('iframe'));
  frame.title = 'Checkout preview';
  // The link as the widget reads it: its href, which HotLinks has given the affiliate code.
  frame.src = '/checkout-preview?' + new URLSearchParams({ url: link.href, lang: document.documentElement.lang });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
});
