// `npm version` runs this (package.json's "version" script) after it bumps the version: the jsDelivr
// URLs of files in the package (`https://cdn.jsdelivr.net/npm/hotlinks-embed@<version>/...`) in the
// README, its Portuguese twin and the English guide follow, so they show the files of the version
// they describe.
import { readFileSync, writeFileSync } from 'node:fs';
import { DOCS } from './sri.mjs';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const pinned = new RegExp(String.raw`(cdn\.jsdelivr\.net/npm/${name}@)[0-9A-Za-z.+-]+`, 'g');
for (const doc of DOCS) {
  const text = readFileSync(doc, 'utf8');
  const updated = text.replace(pinned, `$1${version}`);
  if (updated != text) writeFileSync(doc, updated);
  console.log(`${doc}: jsDelivr URLs at ${name}@${version}`);
}
