#!/usr/bin/env node
/**
 * `npm run site`: the public site, as one folder of static files (`site-dist/`, or the folder given
 * as the first argument) that any static host serves as it is (GitHub Pages: .github/workflows/pages.yml).
 * No Node at the visitor's end: the snippet builder is bundled with the package's HotLink rule, and
 * the built drop-ins it shows live are copied beside it.
 *
 *   /              the snippet builder, in Portuguese (Brazil)   /en/             in English
 *   /guia.html     the guide: README.pt-BR.md                     /en/guide.html   docs/guide.md
 *
 * Every link between pages is relative, so the site works from a sub-path (GitHub Pages serves it
 * under /<repository>/) and from a local folder. Needs `npm run build` first (`npm run site` does it).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, normalize, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Marked } from 'marked';
import { WORDS } from '../site/builder-words.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The repository (package.json's `repository`), its files on the main branch, and its GitHub Pages site. */
const [, OWNER, NAME] = PACKAGE.repository.url.match(/github\.com\/([^/]+)\/([^/.]+)/);
export const REPOSITORY = `https://github.com/${OWNER}/${NAME}`;
export const RAW = `https://raw.githubusercontent.com/${OWNER}/${NAME}/main/`;
export const SITE = `https://${OWNER}.github.io/${NAME}/`;

/** Each page in both languages: its file in the site, and for a guide, its Markdown source. */
const PAGES = {
  builder: { 'pt-BR': 'index.html', en: 'en/index.html' },
  guide: { 'pt-BR': 'guia.html', en: 'en/guide.html', source: { 'pt-BR': 'README.pt-BR.md', en: 'docs/guide.md' } },
};
const LANGUAGES = ['pt-BR', 'en'];

/** The words of the site's own frame (the builder's are in site/builder-words.js). */
const FRAME = {
  'pt-BR': {
    description: 'O botão de compra e o código dos afiliados da Hotmart no seu próprio site, com um só script.',
    builder: 'Montar o código',
    guide: 'Guia',
    nav: 'Site',
    other: { label: 'English', lang: 'en' },
    noscript: 'O montador de código precisa de JavaScript. Sem ele, copie o código do guia.',
    next: 'Depois de colar',
    steps: [
      'Confira no seu site: abra uma página com <code>?a=O95340038V&amp;hotlinks_debug=1</code> no fim do endereço e toque na aba <strong>HL</strong> (<a href="guia.html#a-visão-de-depuração">a visão de depuração</a>).',
      'Conte aos seus afiliados como trazer visitantes com o código deles: <a href="guia.html#de-onde-vêm-os-visitantes-dos-afiliados">de onde vêm os visitantes dos afiliados</a>.',
      'Confirme uma venda: o código do afiliado aparece depois de <code>ref</code>, no rodapé da página de pagamento da Hotmart (<a href="guia.html#como-confirmar-que-a-venda-vai-para-o-afiliado">como confirmar</a>).',
    ],
    footer: (version, repository) =>
      `hotlinks-embed ${version} · código aberto (MIT) no <a href="${repository}">GitHub</a> · não é um produto da Hotmart.`,
  },
  en: {
    description: "Hotmart's Buy button and your affiliates' codes on your own site, from one script.",
    builder: 'Build your snippet',
    guide: 'Guide',
    nav: 'Site',
    other: { label: 'Português', lang: 'pt-BR' },
    noscript: 'The snippet builder needs JavaScript. Without it, copy the snippet from the guide.',
    next: 'After pasting',
    steps: [
      'Check your site: open a page with <code>?a=O95340038V&amp;hotlinks_debug=1</code> added to its address and tap the <strong>HL</strong> tab (<a href="guide.html#the-debug-view">the debug view</a>).',
      'Tell your affiliates how to bring visitors with their code: <a href="guide.html#where-affiliate-visitors-come-from">where affiliate visitors come from</a>.',
      "Confirm a sale: the affiliate's code shows after <code>ref</code>, at the foot of Hotmart's checkout page (<a href=\"guide.html#how-to-confirm-a-sale-goes-to-the-affiliate\">how to confirm</a>).",
    ],
    footer: (version, repository) => `hotlinks-embed ${version} · open source (MIT) on <a href="${repository}">GitHub</a> · not a Hotmart product.`,
  },
};

const escape = (value) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** `to` (a path in the site) as a link from the page at `from`. */
const link = (from, to) => posix.relative(posix.dirname(from), to) || posix.basename(to);

/** GitHub's anchor for a heading's text, so links into a guide work on GitHub and on the site alike. */
export const slug = (heading) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/ /g, '-');

/**
 * A guide's Markdown as HTML for the page at `page`: headings get GitHub's anchors; links to the
 * site become relative; links to the repository's files and its screenshots (copied into the site)
 * follow; parts between `<!-- not on the site -->` and `<!-- /not on the site -->` are left out.
 */
export function renderGuide(markdown, { page, source, screenshots }) {
  const text = markdown.replace(/<!-- not on the site -->[\s\S]*?<!-- \/not on the site -->\n?/g, '');
  const seen = new Map();
  const rewrite = (href) => {
    if (href.startsWith(SITE)) return link(page, href.slice(SITE.length).replace(/(^|\/)$/, '$1index.html'));
    const screenshot = href.startsWith(`${RAW}docs/screenshots/`) && href.slice(`${RAW}docs/screenshots/`.length);
    // A screenshot not taken yet (the browser suite takes them) stays a link to the repository.
    if (screenshot && existsSync(join(ROOT, 'docs/screenshots', screenshot))) {
      const file = screenshot;
      screenshots.add(file);
      return link(page, `assets/screenshots/${file}`);
    }
    if (/^[a-z][a-z\d+.-]*:|^#/i.test(href)) return href;
    // A file of the repository, named relative to the guide's source.
    return `${REPOSITORY}/blob/main/${posix.normalize(posix.join(posix.dirname(source), href))}`;
  };
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type == 'link' || token.type == 'image') token.href = rewrite(token.href);
    },
    renderer: {
      heading({ tokens, depth, text: raw }) {
        const base = slug(raw);
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        return `<h${depth} id="${escape(count ? `${base}-${count}` : base)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
    },
  });
  return marked.parse(text);
}

/** A whole page of the site, in `language`. */
function layout({ language, id, title, head = '', body, wide = false }) {
  const words = FRAME[language];
  const page = PAGES[id][language];
  const other = words.other;
  const nav = ['builder', 'guide']
    .map((to) => `<a href="${link(page, PAGES[to][language])}"${to == id ? ' aria-current="page"' : ''}>${words[to]}</a>`)
    .join('\n      ');
  return `<!doctype html>
<html lang="${language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(title)} · hotlinks-embed</title>
  <meta name="description" content="${escape(words.description)}">
${LANGUAGES.map((l) => `  <link rel="alternate" hreflang="${l}" href="${SITE}${PAGES[id][l].replace(/(^|\/)index\.html$/, '$1')}">`).join('\n')}
  <link rel="stylesheet" href="${link(page, 'assets/site.css')}">
${head}</head>
<body>
  <header class="top">
    <strong>hotlinks-embed</strong>
    <nav aria-label="${words.nav}">
      ${nav}
    </nav>
    <a class="language" href="${link(page, PAGES[id][other.lang])}" hreflang="${other.lang}" lang="${other.lang}">${other.label}</a>
  </header>
  <main${wide ? ' class="wide"' : ''}>
${body}
  </main>
  <footer class="bottom${wide ? ' wide' : ''}">${words.footer(escape(PACKAGE.version), REPOSITORY)}</footer>
</body>
</html>
`;
}

function builderPage(language) {
  const page = PAGES.builder[language];
  const asset = (file) => link(page, `assets/${file}`);
  const words = FRAME[language];
  const steps = words.steps.map((step) => `        <li>${step.replace(/href="(guia|guide)\.html/g, (_, file) => `href="${link(page, PAGES.guide[language])}`)}</li>`);
  return layout({
    language,
    id: 'builder',
    title: WORDS[language].title,
    wide: true,
    // The live button is the real one, from the build (the snippet points at jsDelivr instead).
    head: `  <link rel="stylesheet" href="${asset('hotlinks.css')}">
  <script src="${asset('hotlinks.js')}" defer></script>
  <script type="module" src="${asset('builder.js')}"></script>
`,
    body: `    <h1>${WORDS[language].title}</h1>
    <p class="lead">${WORDS[language].lead}</p>
    <noscript><p class="note">${words.noscript}</p></noscript>
    <div id="builder-root"></div>
    <section class="card" aria-labelledby="next-title">
      <h2 id="next-title">${words.next}</h2>
      <ol>
${steps.join('\n')}
      </ol>
    </section>`,
  });
}

function guidePage(language, screenshots) {
  const page = PAGES.guide[language];
  const source = PAGES.guide.source[language];
  const html = renderGuide(readFileSync(join(ROOT, source), 'utf8'), { page, source, screenshots });
  const title = html.match(/<h1[^>]*>(.*?)<\/h1>/)?.[1].replace(/<[^>]+>/g, '') ?? FRAME[language].guide;
  return layout({ language, id: 'guide', title, body: `    <article class="guide">\n${html}    </article>` });
}

/** Writes the site into `out` (emptied first) from the build in `dist`. Resolves to the files written. */
export async function buildSite({ out = join(ROOT, 'site-dist'), dist = join(ROOT, 'dist') } = {}) {
  if (!existsSync(join(dist, 'esm/index.js')) || !existsSync(join(dist, 'sri.json'))) {
    throw new Error(`${normalize(dist)} is missing or incomplete: run \`npm run build\` first (\`npm run site\` does both)`);
  }
  rmSync(out, { recursive: true, force: true });
  const assets = join(out, 'assets');
  mkdirSync(join(assets, 'screenshots'), { recursive: true });
  mkdirSync(join(out, 'en'), { recursive: true });

  // The drop-in and its companions, for the live button (and ?hotlinks_debug=1 on the site itself).
  for (const file of readdirSync(dist).filter((name) => /^hotlinks[\w-]*\.(js|css)$/.test(name))) copyFileSync(join(dist, file), join(assets, file));
  copyFileSync(join(dist, 'sri.json'), join(assets, 'sri.json'));
  copyFileSync(join(ROOT, 'site/site.css'), join(assets, 'site.css'));
  // The builder, with the package's HotLink rule from the ESM build (tree-shaken: no Lit, no core).
  await build({
    entryPoints: [join(ROOT, 'site/main.js')],
    outfile: join(assets, 'builder.js'),
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2020',
    charset: 'utf8',
    alias: { 'hotlinks-embed': join(dist, 'esm/index.js') },
    logLevel: 'error',
  });

  const screenshots = new Set();
  const files = {};
  for (const language of LANGUAGES) {
    files[PAGES.builder[language]] = builderPage(language);
    files[PAGES.guide[language]] = guidePage(language, screenshots);
  }
  for (const [file, html] of Object.entries(files)) writeFileSync(join(out, file), html);
  for (const file of screenshots) copyFileSync(join(ROOT, 'docs/screenshots', file), join(assets, 'screenshots', file));
  // GitHub Pages: serve the files as they are (no Jekyll).
  writeFileSync(join(out, '.nojekyll'), '');
  return Object.keys(files);
}

if (process.argv[1] && fileURLToPath(import.meta.url) == normalize(process.argv[1])) {
  const out = process.argv[2] ? resolve(process.argv[2]) : undefined;
  buildSite({ out }).then(
    (pages) => console.log(`site: ${pages.join(', ')} and assets/ in ${normalize(out ?? join(ROOT, 'site-dist'))}`),
    (error) => {
      console.error(`site: ${error.message}`);
      process.exit(1);
    },
  );
}
