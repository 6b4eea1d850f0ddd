// Shows the checkout URL the demo cancelled, parameter by parameter. Text only: the URL came from
// the address bar, so it is never put into the page as markup.
const MEANING = {
  af: 'the affiliate code (data-checkout-param): Hotmart credits this affiliate',
  off: "the offer (the button's offer attribute, or the link's own)",
  checkoutMode: "the checkout's layout (the link's own)",
  sck: "source tag, shown in Hotmart's sales-origin reports",
  src: 'source tag',
  xcod: "your own tracking code, echoed in Hotmart's notifications",
};
const given = new URLSearchParams(location.search).get('url');
if (given) {
  document.getElementById('url').textContent = given;
  let url;
  try {
    url = new URL(given);
  } catch {
    url = null;
  }
  const body = document.getElementById('params');
  for (const [key, value] of url?.searchParams ?? []) {
    const row = body.insertRow();
    row.insertCell().append(Object.assign(document.createElement('code'), { textContent: key }));
    row.insertCell().append(Object.assign(document.createElement('code'), { textContent: value }));
    row.insertCell().textContent = MEANING[key] ?? (key.startsWith('utm_') ? 'campaign tag from the landing URL' : '');
  }
}
