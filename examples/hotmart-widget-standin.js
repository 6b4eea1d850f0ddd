/*
 * DEMO ONLY: do not copy this file to your site. It stands in for Hotmart's checkout widget
 * (https://static.hotmart.com/checkout/widget.min.js), so that the demo sends nothing to Hotmart.
 * Like the widget, it opens a `hotmart-fb` link's checkout (its href, which HotLinks has given the
 * affiliate code) in a pop-up over the page; here the pop-up shows the demo's checkout preview.
 */
addEventListener(
  'hotlinks-checkout',
  (event) => {
    if (!event.target.closest?.('a.hotmart-fb')) return;
    // The widget keeps the visitor on the page, and the demo's other stand-in (demo-checkout.js,
    // which would open the preview in place of the page) is not needed.
    event.preventDefault();
    event.stopPropagation();
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
    frame.src = '/checkout-preview?url=' + encodeURIComponent(event.detail.url);
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  },
  true,
);
