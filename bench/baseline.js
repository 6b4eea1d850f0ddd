// The floor for `npm run bench`: the least a hand-written affiliate capture can do. It reads
// ?a=CODE, keeps it only if it looks like a Hotmart affiliate code, and writes a 60-day first-party
// cookie in the same format as ours. It decorates nothing: checkout links stay as the page wrote them.
(function () {
  var code = new URLSearchParams(location.search).get('a');
  if (!code || !/^[A-Z][0-9]{7,9}[A-Z]$/.test(code)) return;
  var now = Date.now();
  var days = 60;
  document.cookie =
    'hotlinks=1|' + code + '|' + now.toString(36) + '|' + (now + days * 864e5).toString(36) + '|' +
    '; path=/; max-age=' + days * 86400 + '; SameSite=Lax';
})();
