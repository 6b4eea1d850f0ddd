// Stands in for a consent tool that supports Google Consent Mode v2: it remembers the answer and
// reports it with gtag('consent', 'update', ...), on every page (a returning visitor's answer too).
const banner = document.getElementById('consent-banner');
const KEY = 'consent-mode:answer';
const update = (granted) => {
  const state = granted ? 'granted' : 'denied';
  gtag('consent', 'update', { ad_storage: state, analytics_storage: state, ad_user_data: state, ad_personalization: state });
};
const answer = (granted) => {
  localStorage.setItem(KEY, granted ? 'granted' : 'denied');
  update(granted);
  banner.hidden = true;
};

const saved = localStorage.getItem(KEY);
if (saved) update(saved == 'granted');
else banner.hidden = false;
document.getElementById('consent-accept').addEventListener('click', () => answer(true));
document.getElementById('consent-decline').addEventListener('click', () => answer(false));
document.getElementById('consent-change').addEventListener('click', () => {
  banner.hidden = false;
  document.getElementById('consent-accept').focus();
});
