/**
 * The README's screenshots, taken by the browser suite so they show what the pages really do.
 * A file is rewritten only when the picture changed, so a test run leaves the work tree clean.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const DIR = join(process.cwd(), 'docs/screenshots');

/**
 * Chromium's rasterizer now and then anti-aliases a rounded corner a shade differently from one run
 * to the next (a few pixels, by about 10 of 255). Below both limits the picture is the same one; any
 * change of text, colour or layout exceeds them.
 */
const NOISE = { pixels: 100, delta: 32 };

/** Whether `a` and `b` show the same picture, up to rasterizer noise. */
export function samePicture(a: Buffer, b: Buffer): boolean {
  if (a.equals(b)) return true;
  const [x, y] = [PNG.sync.read(a), PNG.sync.read(b)];
  if (x.width != y.width || x.height != y.height) return false;
  let differing = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    let delta = 0;
    for (let c = i; c < i + 4; c++) delta = Math.max(delta, Math.abs(x.data[c] - y.data[c]));
    if (delta > NOISE.delta || (delta && ++differing > NOISE.pixels)) return false;
  }
  return true;
}

export function saveScreenshot(name: string, png: Buffer): void {
  const file = join(DIR, name);
  let old: Buffer | undefined;
  try {
    old = readFileSync(file);
  } catch {
    /* a new screenshot */
  }
  if (old && samePicture(old, png)) return;
  mkdirSync(DIR, { recursive: true });
  writeFileSync(file, png);
}
