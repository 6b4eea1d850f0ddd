// Demo only: lists each checkout link and form on the page with the URL it carries when the visitor
// acts on it (a link gets it as it is pressed; nothing needs to run before). Text only.
const list = document.getElementById('hrefs');
const carried = (el) => {
  const written = el.getAttribute(el.localName == 'form' ? 'action' : 'href');
  try {
    return window.HotLinks.checkoutUrl(written);
  } catch {
    return written; // not a checkout link: left as written
  }
};
const show = () => {
  list.replaceChildren();
  for (const el of document.querySelectorAll('main a[id], main form[id]')) {
    const row = list.insertRow();
    row.insertCell().textContent = el.id;
    row.insertCell().append(Object.assign(document.createElement('code'), { textContent: carried(el) }));
  }
};
// After the script has started (it is deferred too), and again whenever what links carry may change.
addEventListener('DOMContentLoaded', show);
document.addEventListener('hotlinks-change', show);
