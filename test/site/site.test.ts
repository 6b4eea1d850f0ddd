// @vitest-environment node
/**
 * The public site as `npm run site` writes it, checked as files, the way a static host serves them:
 * every page in both languages and linked to its twin, every link and asset inside the site found,
 * every `#anchor` a heading of the page it points at; the builder bundled without Lit, with the
 * button's own words; the two guides twins of each other. (It runs in Chromium in test/e2e/site.test.ts.)
 * Needs the build (`npm test` builds first).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../site/builder-words.js';
import { buildSite, SITE, renderGuide } from '../../scripts/site.mjs';
import { labelsFor } from '../../src/button/labels';

let out: string;
let pages: string[];
const read = (page: string) => readFileSync(join(out, page), 'utf8');
const attributes = (html: string, name: string) => [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1].replace(/&amp;/g, '&'));
const ids = (html: string) => new Set(attributes(html, 'id'));

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'hotlinks-site-'));
  pages = await buildSite({ out });
}, 30_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the site', () => {
  it('has the builder and the guide in Portuguese at the root, and in English under en/', () => {
    expect(pages.sort()).toEqual(['en/guide.html', 'en/index.html', 'guia.html', 'index.html']);
    for (const page of pages) expect(read(page)).toMatch(page.startsWith('en/') ? /^<!doctype html>\n<html lang="en">/ : /^<!doctype html>\n<html lang="pt-BR">/);
    expect(existsSync(join(out, '.nojekyll'))).toBe(true);
  });

  it('each page links to its twin in the other language', () => {
    const twin = { 'index.html': 'en/index.html', 'guia.html': 'en/guide.html' } as Record<string, string>;
    for (const [pt, en] of Object.entries(twin)) {
      expect(read(pt)).toContain(`<a class="language" href="${posix.relative('.', en)}" hreflang="en" lang="en">English</a>`);
      expect(read(en)).toContain(`<a class="language" href="../${pt}" hreflang="pt-BR" lang="pt-BR">Português</a>`);
    }
  });

  it('every link and asset inside the site is there, and every #anchor is on the page it names', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const html = read(page);
      for (const url of [...attributes(html, 'href'), ...attributes(html, 'src')]) {
        if (/^[a-z][a-z\d+.-]*:/i.test(url)) continue;
        const [path, anchor] = url.split('#');
        const target = path ? posix.normalize(posix.join(posix.dirname(page), decodeURI(path))) : page;
        if (!existsSync(join(out, target))) broken.push(`${page}: ${url}`);
        else if (anchor && target.endsWith('.html') && !ids(read(target)).has(decodeURIComponent(anchor))) broken.push(`${page}: ${url} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('links to the site itself are relative (it works from any folder), and the guides take their screenshots from it', () => {
    for (const page of pages) {
      const links = [...attributes(read(page), 'href'), ...attributes(read(page), 'src')].filter((url) => url.startsWith(SITE));
      // Only the <link rel="alternate" hreflang> tags, which search engines want absolute.
      expect(links.length, page).toBe(2);
    }
    expect(read('guia.html')).toContain('src="assets/screenshots/debug-panel.png"');
    expect(read('en/guide.html')).toContain('src="../assets/screenshots/debug-panel.png"');
  });

  it('the builder is bundled with the package\'s HotLink words and without Lit or the running core', () => {
    const bundle = read('assets/builder.js');
    expect(bundle).toContain('é um HotLink da página de vendas');
    expect(bundle).not.toMatch(/LitElement|lit-html|hotlinks-attribution|MutationObserver/);
    // The live button comes from the build, beside it.
    expect(read('index.html')).toContain('<script src="assets/hotlinks.js" defer></script>');
    expect(readFileSync(join(out, 'assets/hotlinks.js'))).toEqual(readFileSync('dist/hotlinks.js'));
    expect(JSON.parse(read('assets/sri.json'))).toEqual(JSON.parse(readFileSync('dist/sri.json', 'utf8')));
  });

  it("the builder's default labels are the button's own", () => {
    for (const language of ['pt-BR', 'en', 'es'] as const) expect(DEFAULT_LABELS[language]).toBe(labelsFor(language).buy);
  });
});

describe('the guides', () => {
  const headings = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^(#{2,3}) /gm)].map((m) => m[1]);

  it('README.pt-BR.md and docs/guide.md are twins: the same sections, in the same order', () => {
    expect(headings('README.pt-BR.md')).toEqual(headings('docs/guide.md'));
    expect(headings('README.pt-BR.md').length).toBeGreaterThan(10);
  });

  it("the site leaves out what is only for GitHub's readers, and sends repository links to the repository", () => {
    const markdown = '# T\n\n<!-- not on the site -->\n[English](README.md)\n<!-- /not on the site -->\n\nSee [the contract](docs/CONTRACT.md) and [here](#t).\n';
    const html = renderGuide(markdown, { page: 'guia.html', source: 'README.pt-BR.md', screenshots: new Set() });
    expect(html).not.toContain('English');
    expect(html).toContain('<a href="https://github.com/hotlinks-embed/hotlinks-embed/blob/main/docs/CONTRACT.md">the contract</a>');
    expect(html).toContain('<h1 id="t">T</h1>');
  });
});
