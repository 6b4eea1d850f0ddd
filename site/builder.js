// The snippet builder: a producer's HotLink and settings in, the two parts to paste out, with the
// real Buy button live beside them. One builder, two homes: the static site (`npm run site`, where
// it is bundled with the package) and the demo (`npm start`, /snippet.html, from an import map).
// The HotLink is read by the button's own rule and described in its own words (`readHotLink`,
// `hotlinkProblemIn` from the package): what the builder says is what the button says on the console.
import { hotlinkProblemIn, readHotLink } from 'hotlinks-embed';
import { DEFAULT_LABELS, WORDS } from './builder-words.js';

/** Values the snippet leaves out: the script's and the button's defaults. */
const DEFAULTS = { mode: 'redirect', variant: 'green', size: 'md', currency: 'BRL', 'cookie-days': '60', attribution: 'last-click', consent: 'granted' };
const CURRENCIES = ['BRL', 'USD', 'EUR', 'MXN', 'COP'];
/** Host names as data-cross-domain takes them: `shop.example.com`, `*.example.com`. */
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

const attr = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const text = (value) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const options = (choices, selected) =>
  Object.entries(choices)
    .map(([value, label]) => `<option value="${attr(value)}"${value == selected ? ' selected' : ''}>${text(label)}</option>`)
    .join('');

/** The builder's form and output, in `w`'s words (trusted strings: some carry <code>). */
const markup = (w, language) => `
<div class="builder">
  <form id="builder" class="card" autocomplete="off" novalidate>
    <fieldset>
      <legend>${w.buttonLegend}</legend>
      <label for="hotlink">${w.hotlink}</label>
      <input id="hotlink" name="hotlink" type="text" inputmode="url" spellcheck="false" autocapitalize="off"
             placeholder="https://pay.hotmart.com/A12345678B" aria-describedby="hotlink-problem">
      <p id="hotlink-problem" class="problem" role="status"></p>
      <div class="pair">
        <div><label for="offer">${w.offer} <span class="opt">${w.optional}</span></label>
          <input id="offer" name="offer" spellcheck="false" autocapitalize="off" placeholder="wlvonm69"></div>
        <div><label for="label">${w.label}</label><input id="label" name="label" value="${attr(DEFAULT_LABELS[language])}"></div>
      </div>
      <div class="triple">
        <div><label for="price">${w.price} <span class="opt">${w.optional}</span></label>
          <input id="price" name="price" inputmode="decimal" placeholder="197"></div>
        <div><label for="currency">${w.currency}</label>
          <select id="currency" name="currency">${options(Object.fromEntries(CURRENCIES.map((c) => [c, c])), 'BRL')}</select></div>
        <div><label for="button-lang">${w.lang}</label>
          <select id="button-lang" name="lang">${options(w.langs, language)}</select></div>
      </div>
      <div class="triple">
        <div><label for="mode">${w.mode}</label><select id="mode" name="mode">${options(w.modes, 'redirect')}</select></div>
        <div><label for="variant">${w.variant}</label><select id="variant" name="variant">${options(w.variants, 'green')}</select></div>
        <div><label for="size">${w.size}</label><select id="size" name="size">${options(w.sizes, 'md')}</select></div>
      </div>
    </fieldset>
    <fieldset>
      <legend>${w.scriptLegend}</legend>
      <div class="pair">
        <div><label for="cookie-days">${w.cookieDays}</label>
          <select id="cookie-days" name="cookie-days">${options(w.cookieDaysOptions, '60')}</select></div>
        <div><label for="attribution">${w.attribution}</label>
          <select id="attribution" name="attribution">${options(w.attributions, 'last-click')}</select></div>
      </div>
      <label for="consent">${w.consent}</label>
      <select id="consent" name="consent" aria-describedby="consent-hint">${options(w.consents, 'granted')}</select>
      <p id="consent-hint" class="note"></p>
      <label for="cross-domain">${w.crossDomain} <span class="opt">${w.crossDomainHint}</span></label>
      <input id="cross-domain" name="cross-domain" spellcheck="false" autocapitalize="off" placeholder="${attr(w.crossDomainPlaceholder)}"
             aria-describedby="cross-domain-problem">
      <p id="cross-domain-problem" class="problem" role="status"></p>
    </fieldset>
  </form>
  <div class="output">
    <section class="card" aria-labelledby="live-title">
      <h2 id="live-title">${w.live}</h2>
      <div id="preview" class="preview"></div>
      <p class="note">${w.liveNote}</p>
    </section>
    <section class="card" aria-labelledby="head-title">
      <h2 id="head-title"><span class="step">1</span>${w.head}</h2>
      <pre id="head-snippet" tabindex="0">…</pre>
      <button class="action" type="button" data-copy="head-snippet" data-part="1">${w.copy(1)}</button>
    </section>
    <section class="card" aria-labelledby="button-title">
      <h2 id="button-title"><span class="step">2</span>${w.button}</h2>
      <pre id="button-snippet" tabindex="0">…</pre>
      <button class="action" type="button" data-copy="button-snippet" data-part="2">${w.copy(2)}</button>
    </section>
    <p id="copied" class="note" role="status"></p>
    <p class="note" id="files"></p>
  </div>
</div>`;

/**
 * Puts the builder in `root`, in `language` (`pt-BR` or `en`). `sriUrl` is the build's sri.json
 * (`npm run sri`): the package's version, its jsDelivr base URL and each file's integrity.
 */
export async function mountBuilder(root, { language = 'pt-BR', sriUrl }) {
  const w = WORDS[language] ?? WORDS.en;
  root.innerHTML = markup(w, language);
  const $ = (id) => root.querySelector(`#${id}`);
  const form = $('builder');
  const value = (name) => form.elements[name].value.trim();
  /** `name="value"` for each setting that is not its default. */
  const attributes = (pairs) =>
    pairs.filter(([name, v]) => v && v != DEFAULTS[name.replace(/^data-/, '')]).map(([name, v]) => `${name}="${attr(v)}"`);

  let sri;
  try {
    sri = await fetch(sriUrl).then((response) => (response.ok ? response.json() : Promise.reject(new Error(`${sriUrl}: ${response.status}`))));
  } catch (error) {
    $('files').textContent = w.missingSri;
    throw error;
  }
  $('files').innerHTML = w.files(text(`${sri.name}@${sri.version}`));

  function crossDomain() {
    const hosts = value('cross-domain').split(/[\s,]+/).filter(Boolean);
    const bad = hosts.filter((host) => !HOST.test(host));
    $('cross-domain-problem').textContent = bad.length ? w.notHosts(bad.map((host) => JSON.stringify(host)).join(', ')) : '';
    return bad.length ? '' : hosts.join(',');
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

  /** The HotLink with the offer added as `off` (unless it has one), for the no-JavaScript fallback link. */
  function fallbackHref(hotlink, offer) {
    const [head, hash = ''] = hotlink.split(/(?=#)/);
    if (!offer || /[?&]off=/.test(head)) return hotlink;
    return `${head}${head.includes('?') ? '&' : '?'}off=${encodeURIComponent(offer)}${hash}`;
  }

  // The label follows the button's language until the producer writes one of their own.
  let ownLabel = false;
  form.elements.label.addEventListener('input', () => (ownLabel = !!value('label') && !Object.values(DEFAULT_LABELS).includes(value('label'))));
  form.elements.lang.addEventListener('change', () => {
    if (!ownLabel) form.elements.label.value = DEFAULT_LABELS[value('lang')];
  });

  function update() {
    const written = value('hotlink');
    const reading = written ? readHotLink(written) : undefined;
    const ok = reading && 'url' in reading;
    const hotlink = ok ? reading.hotlink : written;
    const message = $('hotlink-problem');
    message.textContent = !written
      ? w.hotlinkEmpty
      : ok
        ? (reading.completed ? w.hotlinkCompleted(hotlink) : '') + w.hotlinkOk
        : hotlinkProblemIn(language, written);
    message.classList.toggle('bad', !!written && !ok);
    form.elements.hotlink.setAttribute('aria-invalid', String(!!written && !ok));
    $('consent-hint').textContent = w.consentHints[value('consent')];
    $('head-snippet').textContent = headSnippet();

    const label = value('label') || DEFAULT_LABELS[value('lang')];
    const price = value('price');
    const pairs = [
      ['hotlink', hotlink],
      ['offer', value('offer')],
      ['mode', value('mode')],
      ['variant', value('variant')],
      ['size', value('size')],
      ['price', price],
      ['currency', price && value('currency')],
      ['lang', value('lang')],
    ];
    const href = fallbackHref(hotlink, value('offer'));
    $('button-snippet').textContent = ok
      ? `<hotlink-buy-button ${attributes(pairs).join(' ')}>\n  <a href="${attr(href)}">${text(label)}</a>\n</hotlink-buy-button>`
      : w.hotlinkFirst;
    root.querySelector('[data-copy="button-snippet"]').disabled = !ok;

    // The live button: a new element each time, so it starts from these attributes as a pasted one
    // does (its `lang` too: the label and the price show as on the producer's page). A refused
    // HotLink is given to it as written: it stays disabled and says why on the console.
    const button = document.createElement('hotlink-buy-button');
    for (const [name, v] of pairs) if (v) button.setAttribute(name, v);
    if (ok) button.append(Object.assign(document.createElement('a'), { href, textContent: label }));
    else button.append(label);
    if (!written) button.setAttribute('disabled', '');
    $('preview').replaceChildren(button);
  }

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());

  for (const copy of root.querySelectorAll('[data-copy]')) {
    copy.addEventListener('click', async () => {
      const pre = $(copy.dataset.copy);
      try {
        await navigator.clipboard.writeText(pre.textContent);
        $('copied').textContent = w.copied(copy.dataset.part);
      } catch {
        // No clipboard access (an old browser, a permission refused): select it for Ctrl+C.
        getSelection().selectAllChildren(pre);
        $('copied').textContent = w.selected;
      }
    });
  }

  update();
}
