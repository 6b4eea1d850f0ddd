/**
 * The built drop-ins (`dist/*.js`), run in the test page as a browser runs `<script src=… data-…>`:
 * the artifact producers paste, with its own copy of Lit built for browsers (the sources under
 * vitest resolve Lit's server build, which brings its own custom elements registry).
 * Needs the build (`npm test` builds first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { ORIGIN } from './page';

export function built(file: string): string {
  const path = join(process.cwd(), 'dist', file);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (npm test does)`);
  return readFileSync(path, 'utf8');
}

/** Runs `dist/<file>` as if loaded from `https://www.shop.example/js/<file>` with these attributes. */
export function runDropin(file: string, attributes: Record<string, string> = {}): void {
  const script = document.createElement('script');
  // Not added to the page: happy-dom would fetch it. The drop-in only reads its own tag.
  script.setAttribute('src', `${ORIGIN}/js/${file}`);
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  // The drop-in asks Document.prototype's getter (an element named "currentScript" cannot shadow it).
  const currentScript = vi.spyOn(Document.prototype, 'currentScript', 'get').mockReturnValue(script);
  try {
    // Indirect eval: the global scope, as a classic script.
    (0, eval)(built(file));
  } finally {
    currentScript.mockRestore();
  }
}
