#!/usr/bin/env node
/**
 * `npm run sri` (also the last step of `npm run build`): the Subresource Integrity hashes of the
 * files a page links from a CDN, with their version-pinned jsDelivr URLs. It writes them to
 * `dist/sri.json` too (the demo's snippet builder reads it).
 *
 *   npm run sri -- --write   rewrites the CDN snippets of the README, README.pt-BR.md and docs/guide.md
 *                            to this version and these hashes
 *   npm run sri -- --check   exits 1 when their snippets are not those (before publishing)
 *
 * The hashes change with every change to the drop-ins: after a build, `--write` brings the documents
 * along, and the unit suite (test/docs/readme-snippet.test.ts) fails until it has.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The documents whose snippets load the package from jsDelivr: the README, its Portuguese twin, the English guide. */
export const DOCS = ['README.md', 'README.pt-BR.md', 'docs/guide.md'];

/** The files a page references itself (its companions are loaded by the script, from beside it). */
export const CDN_FILES = ['hotlinks.js', 'hotlinks-capture.js', 'hotlinks.css'];

/** `https://cdn.jsdelivr.net/npm/hotlinks-embed@<version>/dist/` */
export const cdnBase = (version = PACKAGE.version) => `https://cdn.jsdelivr.net/npm/${PACKAGE.name}@${version}/dist/`;

/** `sha384-<base64>` (or another algorithm's) of some bytes, as `integrity="..."` wants it. */
export const integrityOf = (bytes, algorithm = 'sha384') => `${algorithm}-` + createHash(algorithm).update(bytes).digest('base64');

/** The hash of each CDN file as built in dist/. Throws, saying what to run, when one is missing. */
export function builtIntegrity(dist = join(ROOT, 'dist')) {
  return Object.fromEntries(
    CDN_FILES.map((file) => {
      const path = join(dist, file);
      if (!existsSync(path)) throw new Error(`${normalize(path)} is missing: run \`npm run build\` first`);
      return [file, integrityOf(readFileSync(path))];
    }),
  );
}

const URL_RE = /https:\/\/cdn\.jsdelivr\.net\/npm\/hotlinks-embed@([^/\s"'<>]+)\/dist\/([\w.-]+)/g;
const TAG_RE = /<(script|link)\b[^>]*?https:\/\/cdn\.jsdelivr\.net\/npm\/hotlinks-embed@[^>]*>/g;
const attribute = (tag, name) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
const lineOf = (text, index) => text.slice(0, index).split('\n').length;

/**
 * Every jsDelivr URL of the package in `text` (a README): its line, version and file, and for
 * those in a `<script>` or `<link>` tag, the tag's `integrity` and `crossorigin`.
 */
export function cdnReferences(text) {
  const tags = [...text.matchAll(TAG_RE)].map((m) => ({ start: m.index, end: m.index + m[0].length, tag: m[0] }));
  return [...text.matchAll(URL_RE)].map((m) => {
    const inTag = tags.find((t) => t.start <= m.index && m.index < t.end);
    return {
      line: lineOf(text, m.index),
      url: m[0],
      version: m[1],
      file: m[2],
      tag: inTag?.tag,
      integrity: inTag && attribute(inTag.tag, 'integrity'),
      crossorigin: inTag && attribute(inTag.tag, 'crossorigin'),
    };
  });
}

/** What is wrong with the CDN references of `text`, one message each (none: all current). */
export function staleReferences(text, hashes, version = PACKAGE.version) {
  const problems = [];
  for (const ref of cdnReferences(text)) {
    const where = `line ${ref.line}, ${ref.file}`;
    if (ref.version != version) problems.push(`${where}: version ${ref.version}, package.json says ${version}`);
    if (!CDN_FILES.includes(ref.file)) {
      problems.push(`${where}: not a file a page links (${CDN_FILES.join(', ')})`);
      continue;
    }
    if (!ref.tag) continue;
    if (ref.integrity != hashes[ref.file]) problems.push(`${where}: integrity ${ref.integrity ?? '(none)'}, the build gives ${hashes[ref.file]}`);
    if (ref.crossorigin != 'anonymous') problems.push(`${where}: needs crossorigin="anonymous" (integrity on another origin)`);
  }
  return problems;
}

/** `text` with every package URL at `version` and every tag's integrity the built one. */
export function rewriteReferences(text, hashes, version = PACKAGE.version) {
  return text
    .replace(TAG_RE, (tag) => {
      const file = tag.match(/\/dist\/([\w.-]+)/)[1];
      if (!hashes[file]) return tag;
      let out = tag.replace(/\sintegrity="[^"]*"/, ` integrity="${hashes[file]}"`);
      if (!/\sintegrity="/.test(out)) out = out.replace(/(\ssrc|\shref)="[^"]*"/, (attr) => `${attr} integrity="${hashes[file]}"`);
      if (!/\scrossorigin="/.test(out)) out = out.replace(/\sintegrity="[^"]*"/, (attr) => `${attr} crossorigin="anonymous"`);
      return out;
    })
    .replace(URL_RE, (_, __, file) => cdnBase(version) + file);
}

if (process.argv[1] && fileURLToPath(import.meta.url) == normalize(process.argv[1])) {
  const mode = process.argv[2];
  if (mode && mode != '--write' && mode != '--check') {
    console.error('usage: npm run sri [-- --write | --check]');
    process.exit(2);
  }
  let hashes;
  try {
    hashes = builtIntegrity();
  } catch (error) {
    console.error(`sri: ${error.message}`);
    process.exit(1);
  }
  const base = cdnBase();
  writeFileSync(join(ROOT, 'dist/sri.json'), JSON.stringify({ name: PACKAGE.name, version: PACKAGE.version, cdn: base, integrity: hashes }, null, 2) + '\n');
  console.log(`Subresource Integrity (${PACKAGE.name}@${PACKAGE.version}, from jsDelivr):`);
  for (const file of CDN_FILES) console.log(`  ${hashes[file]}  ${base}${file}`);

  for (const doc of DOCS) {
    const path = join(ROOT, doc);
    const text = readFileSync(path, 'utf8');
    if (mode == '--write') {
      const updated = rewriteReferences(text, hashes);
      if (updated != text) writeFileSync(path, updated);
      console.log(updated == text ? `${doc}: its CDN snippets were already current` : `${doc}: CDN snippets updated`);
    } else {
      const problems = staleReferences(text, hashes);
      if (problems.length) {
        const say = mode == '--check' ? console.error : console.log;
        say(`${doc}: ${problems.length} CDN reference(s) out of date; \`npm run sri -- --write\` updates them:`);
        for (const problem of problems) say(`  ${problem}`);
        if (mode == '--check') process.exitCode = 1;
      }
    }
  }
}
