// @vitest-environment node
/**
 * The README's screenshots are rewritten by the browser suite only when the picture changed: a
 * rasterizer's shade on a few edge pixels leaves the committed file (and the work tree) alone, and
 * any visible change replaces it.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { samePicture } from '../e2e/harness/screenshots';

const shot = readFileSync('docs/screenshots/debug-panel.png');

/** The screenshot with `change` applied to the pixels of each box (x, y, width, height). */
function edited(boxes: [number, number, number, number][], change: (value: number) => number): Buffer {
  const png = PNG.sync.read(shot);
  for (const [x0, y0, w, h] of boxes)
    for (let y = y0; y < y0 + h; y++)
      for (let x = x0; x < x0 + w; x++)
        for (let i = (y * png.width + x) * 4, c = i; c < i + 3; c++) png.data[c] = change(png.data[c]);
  return PNG.sync.write(png);
}

describe('a screenshot against the committed one', () => {
  it('the same picture, re-encoded: the same', () => {
    expect(samePicture(shot, PNG.sync.write(PNG.sync.read(shot)))).toBe(true);
  });

  it('two rounded corners anti-aliased a shade differently (2 x 5 pixels each, by 10): the same', () => {
    const corners: [number, number, number, number][] = [[60, 656, 2, 5], [60, 688, 2, 5]];
    expect(samePicture(shot, edited(corners, (v) => Math.min(255, v + 10)))).toBe(true);
  });

  it('one character changed (an 8 x 14 box inverted): different', () => {
    expect(samePicture(shot, edited([[120, 290, 8, 14]], (v) => 255 - v))).toBe(false);
  });

  it('a faint change over a wide area (200 x 20 pixels, by 10): different', () => {
    expect(samePicture(shot, edited([[100, 600, 200, 20]], (v) => Math.max(0, v - 10)))).toBe(false);
  });

  it('another page, or another size: different', () => {
    expect(samePicture(shot, readFileSync('docs/screenshots/sales-page.png'))).toBe(false);
    expect(samePicture(shot, readFileSync('docs/screenshots/demo.png'))).toBe(false);
  });
});
