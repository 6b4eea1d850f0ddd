/**
 * The benchmark's web server: https on 127.0.0.1 only, with the browser suite's test certificate
 * (test/e2e/fixtures/tls, for *.shop.test), so pages are secure contexts like a producer's site.
 * `/<variant>/<page>.html` is `pages/<page>.html` with the variant's script tag, the corpus links and
 * the Buy buttons filled in, so every variant gets the very same page. Query parameters of the page:
 * `delay=MS` serves its script that late (a slow network: the page paints before the script runs);
 * `reserve=1` adds the CSS that reserves the buttons' space before they upgrade (`reserveCss()`).
 * `POST /api/event` is the peers' analytics endpoint (Plausible's, pointed here): answered 202 and
 * counted, so a peer's request never leaves the machine and the bench can tell it was made.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bench = fileURLToPath(new URL('.', import.meta.url));

/**
 * The scripts compared, in the order of the report. `label` names it in the tables; `head` is page
 * markup put before its script tag.
 */
export const VARIANTS = {
  capture: { src: '/dist/hotlinks-capture.js', label: '`hotlinks-capture.js`' },
  ours: { src: '/dist/hotlinks.js', label: '`hotlinks.js`' },
  plausible: {
    src: '/bench/peers/plausible.js',
    label: "Plausible's tracker (`@plausible-analytics/tracker`, bundled as its README shows)",
    // Plausible's own switch for automated browsers: without it the tracker sees
    // navigator.webdriver, logs "Ignoring Event" and sends nothing, which would flatter it.
    head: '<script>window.__plausible = true</script>',
  },
  baseline: { src: '/bench/baseline.js', label: 'floor: capture + cookie, no decoration (`bench/baseline.js`)' },
  decorator: {
    src: '/bench/baseline-decorator.js',
    label: 'floor with a 20-line MutationObserver decorator (`bench/baseline-decorator.js`)',
  },
};

/**
 * The built scripts (the drop-ins import() modules from beside themselves) and the baseline, read
 * once when the server starts: a build running elsewhere during the benchmark cannot change them.
 */
function readScripts(peers) {
  const scripts = new Map([
    ['/bench/baseline.js', readFileSync(`${bench}baseline.js`)],
    ['/bench/baseline-decorator.js', readFileSync(`${bench}baseline-decorator.js`)],
    ...Object.values(peers).map(({ src, code }) => [src, code]),
  ]);
  for (const name of readdirSync(`${root}dist`)) {
    if (name.endsWith('.js')) scripts.set(`/dist/${name}`, readFileSync(`${root}dist/${name}`));
  }
  return scripts;
}

/** The real links of the fixture corpus (the same filter as test/fixtures/corpus.ts). */
export const corpus = readFileSync(`${root}test/fixtures/hotmart-links.txt`, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
export const checkoutLinks = corpus.filter((link) => /^https:\/\/pay(ment)?\.hotmart\.com\//.test(link));

const escape = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const linksHtml = corpus
  .map((link, i) => `<p>Oferta ${i + 1}: <a href="${escape(link)}">garanta a sua vaga</a></p>`)
  .join('\n');

const STYLES = [
  'variant="green" size="lg" price="197"',
  'variant="orange" size="md" price="97.9" offer="wlvonm69"',
  'variant="black" size="sm"',
  'variant="outline" size="md" price="1497" currency="USD" lang="en"',
  'size="md" price="47" sck="bench-cta"',
  'variant="green" size="sm" price="29.9" lang="es"',
];
/** Buy buttons as the README shows them: a light-DOM link inside, the no-JavaScript fallback. */
export const buttonHtml = (hotlink, i) =>
  `<hotlink-buy-button hotlink="${escape(hotlink)}" ${STYLES[i % STYLES.length]}>` +
  `<a href="${escape(hotlink)}">Comprar agora</a></hotlink-buy-button>`;

const buttonsHtml = STYLES.map(
  (_, i) =>
    `<section><p>Módulo ${i + 1}: aulas em vídeo, exercícios e certificado.</p>\n` +
    `${buttonHtml(checkoutLinks[i], i)}\n<p>Garantia de 7 dias.</p></section>`,
).join('\n');

/**
 * The CSS that reserves the buttons' space before they upgrade: the shipped `dist/hotlinks.css` when
 * the build has one, else the block the README gives after "No layout shift". `null` when neither.
 * @returns {{ css: string, source: string } | null}
 */
export function reserveCss() {
  if (existsSync(`${root}dist/hotlinks.css`)) return { css: readFileSync(`${root}dist/hotlinks.css`, 'utf8'), source: '`dist/hotlinks.css`' };
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const css = /No layout shift\b[^]*?```css\n([^]*?)```/i.exec(readme)?.[1];
  return css ? { css, source: 'the README\'s "No layout shift" CSS block' } : null;
}

const page = (name, variant, { delay, reserve }) => {
  const { src, head = '' } = VARIANTS[variant];
  const url = delay ? `${src}?delay=${delay}` : src;
  return readFileSync(`${bench}pages/${name}.html`, 'utf8')
    .replace(/{{script( defer)?}}/, (_, defer) => `${head}<script${defer ?? ''} src="${url}"></script>`)
    .replace('{{links}}', linksHtml)
    .replace('{{buttons}}', buttonsHtml)
    .replace('{{reserve}}', reserve ? (reserveCss()?.css ?? '') : '');
};

/**
 * Starts the server with the peers' bundles (`buildPeers()`); `events` collects the bodies that
 * reached `POST /api/event`.
 */
export async function startServer(peers = {}) {
  const events = [];
  const scripts = readScripts(peers);
  const tls = `${root}test/e2e/fixtures/tls/`;
  const server = createServer({ key: readFileSync(`${tls}key.pem`), cert: readFileSync(`${tls}cert.pem`) }, (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const send = (status, type, body) => res.writeHead(status, { 'cache-control': 'no-store', 'content-type': type }).end(body);
    const pageMatch = /^\/([\w-]+)\/(\w+)\.html$/.exec(url.pathname);
    if (req.method == 'POST' && url.pathname == '/api/event') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        events.push(body);
        send(202, 'text/plain', 'ok');
      });
    } else if (scripts.has(url.pathname)) {
      const delay = Number(url.searchParams.get('delay')) || 0;
      setTimeout(() => send(200, 'text/javascript', scripts.get(url.pathname)), delay);
    } else if (pageMatch && VARIANTS[pageMatch[1]]) {
      try {
        const options = { delay: url.searchParams.get('delay'), reserve: url.searchParams.has('reserve') };
        send(200, 'text/html; charset=utf-8', page(pageMatch[2], pageMatch[1], options));
      } catch {
        send(404, 'text/plain', 'no such page');
      }
    } else {
      send(404, 'text/plain', 'not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    events,
    scripts,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
