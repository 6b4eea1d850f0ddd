// A minimal consent banner. The visitor's choice is remembered here in localStorage; a consent
// platform would keep it for you and call HotLinks.consent() from its own callback.
const banner = document.getElementById('consent-banner');
const KEY = 'consent:affiliate-cookie';

function decide(granted) {
  localStorage.setItem(KEY, granted ? 'granted' : 'denied');
  window.HotLinks.consent(granted);
  banner.hidden = true;
}

const saved = localStorage.getItem(KEY);
if (saved) window.HotLinks.consent(saved == 'granted');
else banner.hidden = false;

document.getElementById('consent-accept').addEventListener('click', () => decide(true));
document.getElementById('consent-decline').addEventListener('click', () => decide(false));
document.getElementById('consent-change').addEventListener('click', () => {
  banner.hidden = false;
  document.getElementById('consent-accept').focus();
});
