// Demo only: lists each checkout link and form on the page with where it points now (text only).
const list = document.getElementById('hrefs');
const show = () => {
  list.replaceChildren();
  for (const el of document.querySelectorAll('main a[id], main form[id]')) {
    const row = list.insertRow();
    row.insertCell().textContent = el.id;
    row.insertCell().append(Object.assign(document.createElement('code'), { textContent: el.getAttribute(el.localName == 'form' ? 'action' : 'href') }));
  }
};
show();
setTimeout(show, 500);
