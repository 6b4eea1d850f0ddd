// @vitest-environment node
/**
 * The README is the package's page on npm, which shows only absolute images and knows no repository
 * files: every image is an absolute URL; every jsDelivr URL of this package, in prose or in a code
 * sample, names package.json's version and a file in the tarball (`npm version` updates them:
 * scripts/readme-version.mjs); every relative link is a file in the tarball; every `#anchor` is a
 * heading. The same for its Portuguese twin, README.pt-BR.md, which the tarball carries beside it.
 * Needs the build (`npm test` builds first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest, packedFiles } from './pack.js';

/** A README without code: fenced blocks and inline code spans. */
const proseOf = (readme: string) => readme.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');

interface Link {
  image: boolean;
  url: string;
}

/** Markdown links and images (`[text](url "title")`, `![alt](url)`) and HTML `href`/`src` attributes. */
function links(markdown: string): Link[] {
  const found: Link[] = [];
  for (const m of markdown.matchAll(/(!?)\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    found.push({ image: m[1] == '!', url: m[2] });
  }
  for (const m of markdown.matchAll(/<(img|a|source)\b[^>]*?\s(src|href|srcset)=["']([^"']+)["']/gi)) {
    found.push({ image: m[1].toLowerCase() != 'a', url: m[3] });
  }
  return found;
}

/** GitHub's anchor for a heading. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/ /g, '-');

const JSDELIVR = new RegExp(String.raw`https://cdn\.jsdelivr\.net/npm/${manifest.name}(@[^/\s)"'\x60]*)?(/[^\s)"'\x60]*)?`, 'g');

let packed: Set<string>;
beforeAll(() => {
  packed = new Set(packedFiles());
}, 60_000);

describe.each(['README.md', 'README.pt-BR.md'])('%s', (file) => {
  const readme = readFileSync(file, 'utf8');
  const prose = proseOf(readme);

  it('every image is an absolute https URL (npm shows no other)', () => {
    const images = links(prose).filter((link) => link.image);
    expect(images.length).toBeGreaterThan(0);
    expect(images.filter((link) => !link.url.startsWith('https://')).map((link) => link.url)).toEqual([]);
  });

  it("every image from the repository is a file in it, on its main branch (the tarball carries no screenshots)", () => {
    const RAW = `https://raw.githubusercontent.com/${String(manifest.repository && (manifest.repository as { url: string }).url).match(/github\.com\/([^/]+\/[^/.]+)/)![1]}/main/`;
    const fromRepository = links(prose).filter((link) => link.image && link.url.startsWith(RAW));
    expect(fromRepository.length).toBeGreaterThan(0);
    expect(fromRepository.map((link) => link.url.slice(RAW.length)).filter((path) => !existsSync(path))).toEqual([]);
    expect(links(prose).filter((link) => link.image && !link.url.startsWith(RAW)).map((link) => link.url)).toEqual([]);
  });

  it("every jsDelivr URL of this package names package.json's version and a file in the tarball", () => {
    const urls = [...readme.matchAll(JSDELIVR)];
    expect(urls.length).toBeGreaterThan(0);
    const wrong = urls
      .filter(([, version, path]) => version != `@${manifest.version}` || !packed.has(decodeURI(path ?? '/').slice(1)))
      .map(([url]) => url);
    expect(wrong, `at ${manifest.name}@${manifest.version}, in: ${[...packed].join(', ')}`).toEqual([]);
  });

  it('every relative link is a file in the tarball, every #anchor a heading', () => {
    const anchors = new Set([...prose.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1])));
    const relative = links(prose).filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link.url));
    expect(relative.length).toBeGreaterThan(0);
    const broken = relative
      .filter(({ url }) => {
        if (url.startsWith('#')) return !anchors.has(decodeURIComponent(url.slice(1)));
        const file = posix.normalize(decodeURI(url.replace(/[?#].*$/, '')));
        return !packed.has(file);
      })
      .map((link) => link.url);
    expect(broken).toEqual([]);
  });
});
