// Copies the drop-in scripts and the button's CSS from the installed package into public/hotlinks/,
// served with the site's other static files (or link them from jsDelivr: see the package's README).
import { cpSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = dirname(fileURLToPath(import.meta.resolve('hotlinks-embed/hotlinks.js')));
for (const file of readdirSync(dist).filter((name) => /\.(js|css)$/.test(name))) {
  cpSync(join(dist, file), join('public/hotlinks', file));
}
