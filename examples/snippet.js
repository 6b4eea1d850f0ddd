// The snippet builder (demo page): your HotLink and settings in, the exact snippet out, with the
// real button live beside it. The HotLink is checked by the button's own rule, `hotlinkProblem()`
// from the package, so the message here is the one the button prints on the console.
import { hotlinkProblem } from 'hotlinks-embed';

const $ = (id) => document.getElementById(id);
const form = $('builder');
const DEFAULTS = { mode: 'redirect', variant: 'green', size: 'md', currency: 'BRL', 'cookie-days': '60', attribution: 'last-click', consent: 'granted' };
const CONSENT_HINTS = {
  granted: 'The cookie is written as soon as a visitor arrives through an affiliate link.',
  pending:
    'Nothing is written until your consent banner calls HotLinks.consent(true) (false deletes it): see the Consent banner example. The code still reaches checkout links on the same page.',
  google: 'Follows Google Consent Mode v2 on the page: the cookie is written while ad_storage is granted.',
  tcf: 'Follows your IAB TCF v2.2 consent tool (__tcfapi): the cookie is written once purpose 1 has consent, or where GDPR does not apply.',
};

/** The CDN base URL and each file's integrity, written by the build (`npm run sri`). */
const sri = await fetch('/dist/sri.json').then((response) =>
  response.ok ? response.json() : Promise.reject(new Error('dist/sri.json is missing: run `npm run build`')),
);
$('version').textContent = `${sri.name}@${sri.version}`;

const attr = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const text = (value) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const value = (name) => form.elements[name].value.trim();
/** `name="value"` for each setting that is not its default. */
const attributes = (pairs) =>
  pairs.filter(([name, v]) => v && v != DEFAULTS[name.replace(/^data-/, '')]).map(([name, v]) => `${name}="${attr(v)}"`);

/** Host names as data-cross-domain takes them: `shop.example.com`, `*.example.com`. */
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;
function crossDomain() {
  const hosts = value('cross-domain').split(/[\s,]+/).filter(Boolean);
  const bad = hosts.filter((host) => !HOST.test(host));
  $('cross-domain-problem').textContent = bad.length
    ? `Not a host name: ${bad.map((host) => JSON.stringify(host)).join(', ')} (write shop.example.com, or *.example.com for every subdomain; no https://)`
    : '';
  return bad.length ? '' : hosts.join(',');
}

/** The HotLink with the offer added as `off` (unless it has one), for the no-JavaScript fallback link. */
function fallbackHref(hotlink, offer) {
  const [head, hash = ''] = hotlink.split(/(?=#)/);
  if (!offer || /[?&]off=/.test(head)) return hotlink;
  return `${head}${head.includes('?') ? '&' : '?'}off=${encodeURIComponent(offer)}${hash}`;
}

function headSnippet() {
  const settings = attributes([
    ['data-cookie-days', value('cookie-days')],
    ['data-attribution', value('attribution')],
    ['data-consent', value('consent')],
    ['data-cross-domain', crossDomain()],
  ]);
  const pad = '        ';
  return [
    `<link rel="stylesheet" href="${sri.cdn}hotlinks.css"`,
    `      integrity="${sri.integrity['hotlinks.css']}" crossorigin="anonymous">`,
    `<script src="${sri.cdn}hotlinks.js"`,
    `${pad}integrity="${sri.integrity['hotlinks.js']}" crossorigin="anonymous"${settings.length ? '' : ' defer></script>'}`,
    ...(settings.length ? [`${pad}${settings.join(' ')} defer></script>`] : []),
  ].join('\n');
}

/** The button's attributes, in the order the README writes them. */
function buttonAttributes(hotlink) {
  const price = value('price');
  return [
    ['hotlink', hotlink],
    ['offer', value('offer')],
    ['mode', value('mode')],
    ['variant', value('variant')],
    ['size', value('size')],
    ['price', price],
    ['currency', price && value('currency')],
  ];
}

function update() {
  const hotlink = value('hotlink');
  const problem = hotlink ? hotlinkProblem(hotlink) : 'no HotLink yet';
  const message = $('hotlink-problem');
  message.textContent = !hotlink
    ? 'Paste the HotLink of your product: https://pay.hotmart.com/…'
    : problem
      ? `<hotlink-buy-button>: ${problem}`
      : 'A checkout link: the button leads there, with the affiliate code added.';
  message.classList.toggle('bad', !!(hotlink && problem));
  form.elements.hotlink.setAttribute('aria-invalid', String(!!(hotlink && problem)));
  $('consent-hint').textContent = CONSENT_HINTS[value('consent')];

  $('head-snippet').textContent = headSnippet();
  const label = value('label') || 'Comprar agora';
  const pairs = buttonAttributes(hotlink);
  const href = fallbackHref(hotlink, value('offer'));
  $('button-snippet').textContent = problem
    ? '(your HotLink first)'
    : `<hotlink-buy-button ${attributes(pairs).join(' ')}>\n  <a href="${attr(href)}">${text(label)}</a>\n</hotlink-buy-button>`;
  document.querySelector('[data-copy="button-snippet"]').disabled = !!problem;

  // The live button: a new element each time, so it starts from these attributes as a pasted one
  // does. A refused HotLink is given to it as it is: it stays disabled and says why on the console.
  const button = document.createElement('hotlink-buy-button');
  for (const [name, v] of pairs) if (v) button.setAttribute(name, v);
  if (!problem) button.append(Object.assign(document.createElement('a'), { href, textContent: label }));
  else button.append(label);
  if (!hotlink) button.setAttribute('disabled', '');
  $('preview').replaceChildren(button);
}

form.addEventListener('input', update);
form.addEventListener('change', update);
form.addEventListener('submit', (event) => event.preventDefault());

for (const copy of document.querySelectorAll('[data-copy]')) {
  copy.addEventListener('click', async () => {
    const pre = $(copy.dataset.copy);
    try {
      await navigator.clipboard.writeText(pre.textContent);
      $('copied').textContent = `${copy.textContent.replace('Copy ', '')} copied: paste it into your site.`;
    } catch {
      // No clipboard access (an old browser, a permission refused): select it for Ctrl+C.
      getSelection().selectAllChildren(pre);
      $('copied').textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  });
}

update();
