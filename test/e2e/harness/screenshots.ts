/**
 * The README's screenshots, taken by the browser suite so they show what the pages really do.
 * A file is rewritten only when the picture changed, so a test run leaves the work tree clean.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(process.cwd(), 'docs/screenshots');

export function saveScreenshot(name: string, png: Buffer): void {
  const file = join(DIR, name);
  let old: Buffer | undefined;
  try {
    old = readFileSync(file);
  } catch {
    /* a new screenshot */
  }
  if (old?.equals(png)) return;
  mkdirSync(DIR, { recursive: true });
  writeFileSync(file, png);
}
