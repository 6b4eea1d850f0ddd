// `npm version` runs this (package.json's "version" script) after it bumps the version: the README's
// jsDelivr URLs of files in the package (`https://cdn.jsdelivr.net/npm/hotlinks-embed@<version>/...`)
// follow, so the npm page shows the files of the version it describes.
import { readFileSync, writeFileSync } from 'node:fs';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
const pinned = new RegExp(String.raw`(cdn\.jsdelivr\.net/npm/${name}@)[0-9A-Za-z.+-]+`, 'g');
const updated = readme.replace(pinned, `$1${version}`);
if (updated != readme) writeFileSync('README.md', updated);
console.log(`README.md: jsDelivr URLs at ${name}@${version}`);
