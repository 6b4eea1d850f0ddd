// @vitest-environment node
/**
 * The README's CDN snippets are the built files: every jsDelivr URL of the package names
 * package.json's version, and every `<script>`/`<link>` carrying one has the `integrity` of that
 * file in dist/ and `crossorigin="anonymous"`. The drop-ins change often; this keeps the README
 * from going stale. Fix: `npm run build && npm run sri -- --write`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtIntegrity, cdnReferences, DOCS, PACKAGE, rewriteReferences, staleReferences } from '../../scripts/sri.mjs';

const readme = readFileSync('README.md', 'utf8');
const FIX = 'the CDN snippets are out of date: run `npm run build && npm run sri -- --write`';

describe('README CDN snippets', () => {
  it('open the README: its first screen is the snippet to paste', () => {
    const firstScreen = readme.split('\n').slice(0, 25).join('\n');
    expect(firstScreen).toMatch(/<script src="https:\/\/cdn\.jsdelivr\.net\/npm\/hotlinks-embed@[^"]+\/dist\/hotlinks\.js"\s+integrity="sha384-/);
    expect(firstScreen).toMatch(/<link rel="stylesheet" href="https:\/\/cdn\.jsdelivr\.net\/npm\/hotlinks-embed@[^"]+\/dist\/hotlinks\.css"\s+integrity="sha384-/);
    expect(firstScreen).toMatch(/<hotlink-buy-button hotlink="https:\/\/pay\.hotmart\.com\/[^"]+"[^>]*>\s*<a href="https:\/\/pay\.hotmart\.com\//);
  });

  it('name package.json\'s version and carry the integrity of the built files', () => {
    const references = cdnReferences(readme);
    // The head snippet, the capture-only line, and the prose that names the URL.
    expect(references.filter((ref) => ref.tag).map((ref) => ref.file)).toEqual(expect.arrayContaining(['hotlinks.js', 'hotlinks.css', 'hotlinks-capture.js']));
    expect(staleReferences(readme, builtIntegrity()), FIX).toEqual([]);
    expect(references.every((ref) => ref.url.startsWith(`https://cdn.jsdelivr.net/npm/hotlinks-embed@${PACKAGE.version}/dist/`))).toBe(true);
  });

  it.each(DOCS.filter((doc) => doc != 'README.md'))('%s (the guides): its snippet too', (doc) => {
    const text = readFileSync(doc, 'utf8');
    expect(cdnReferences(text).filter((ref) => ref.tag).map((ref) => ref.file)).toEqual(['hotlinks.css', 'hotlinks.js']);
    expect(staleReferences(text, builtIntegrity()), FIX).toEqual([]);
  });

  it('`npm run sri -- --write` brings a stale snippet up to date (another version, another hash)', () => {
    const stale = `<script src="https://cdn.jsdelivr.net/npm/hotlinks-embed@0.0.9/dist/hotlinks.js"\n  integrity="sha384-old" crossorigin="anonymous" defer></script>\nand https://cdn.jsdelivr.net/npm/hotlinks-embed@0.0.9/dist/hotlinks.css`;
    const hashes = { 'hotlinks.js': 'sha384-new', 'hotlinks.css': 'sha384-css', 'hotlinks-capture.js': 'sha384-cap' };
    expect(staleReferences(stale, hashes, '1.2.3')).toEqual([
      'line 1, hotlinks.js: version 0.0.9, package.json says 1.2.3',
      'line 1, hotlinks.js: integrity sha384-old, the build gives sha384-new',
      'line 3, hotlinks.css: version 0.0.9, package.json says 1.2.3',
    ]);
    const fixed = rewriteReferences(stale, hashes, '1.2.3');
    expect(fixed).toBe(
      `<script src="https://cdn.jsdelivr.net/npm/hotlinks-embed@1.2.3/dist/hotlinks.js"\n  integrity="sha384-new" crossorigin="anonymous" defer></script>\nand https://cdn.jsdelivr.net/npm/hotlinks-embed@1.2.3/dist/hotlinks.css`,
    );
    expect(staleReferences(fixed, hashes, '1.2.3')).toEqual([]);
    // A tag without integrity gets it, and crossorigin with it.
    expect(rewriteReferences('<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/hotlinks-embed@1.2.3/dist/hotlinks.css">', hashes, '1.2.3')).toBe(
      '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/hotlinks-embed@1.2.3/dist/hotlinks.css" integrity="sha384-css" crossorigin="anonymous">',
    );
  });
});
