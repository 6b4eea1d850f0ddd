// The second floor for `npm run bench`: baseline.js plus the plainest link decorator a producer
// could write: every checkout link on the page, and every one added later (a MutationObserver),
// gets af=CODE at once, whether or not anyone ever clicks it.
(function () {
  var code = new URLSearchParams(location.search).get('a');
  var now = Date.now();
  var days = 60;
  if (code && /^[A-Z][0-9]{7,9}[A-Z]$/.test(code)) {
    document.cookie =
      'hotlinks=1|' + code + '|' + now.toString(36) + '|' + (now + days * 864e5).toString(36) + '|' +
      '; path=/; max-age=' + days * 86400 + '; SameSite=Lax';
  } else {
    code = (/(?:^|; )hotlinks=1\|([A-Z0-9]+)\|/.exec(document.cookie) || [])[1];
  }
  if (!code) return;
  function decorate(a) {
    if (a.protocol != 'https:' || !/^pay(ment)?\.hotmart\.com$/.test(a.hostname)) return;
    var url = new URL(a.href);
    if (!url.searchParams.has('af')) url.searchParams.set('af', code), (a.href = url.href);
  }
  function scan(node) {
    if (node.matches && node.matches('a[href]')) decorate(node);
    if (node.querySelectorAll) node.querySelectorAll('a[href]').forEach(decorate);
  }
  scan(document);
  new MutationObserver(function (records) {
    records.forEach(function (record) { record.addedNodes.forEach(scan); });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
