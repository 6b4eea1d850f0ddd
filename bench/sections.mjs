/**
 * bench/RESULTS.md holds the browser bench (written whole by report.mjs) and, between markers, the
 * loop's bench (bench/loop/run.mjs). Each writer keeps the other's part as it was.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RESULTS = fileURLToPath(new URL('RESULTS.md', import.meta.url));
const START = '<!-- loop bench: written by `npm run bench:loop` (bench/loop/run.mjs) -->';
const END = '<!-- end of the loop bench -->';

const read = () => (existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '');

/** The loop's section, markers included, or ''. */
export function loopSection(text = read()) {
  const start = text.indexOf(START);
  const end = text.indexOf(END, start);
  return start >= 0 && end > start ? text.slice(start, end + END.length) + '\n' : '';
}

/** Writes the browser part, keeping the loop's section after it. */
export function writeBrowserPart(markdown) {
  const kept = loopSection();
  writeFileSync(RESULTS, markdown + (kept ? '\n' + kept : ''));
}

/** Writes the loop's section, keeping the browser part before it. */
export function writeLoopSection(markdown) {
  const text = read();
  const kept = loopSection(text);
  const browser = kept ? text.replace(kept, '').trimEnd() + '\n' : text;
  writeFileSync(RESULTS, `${browser}\n${START}\n${markdown.trim()}\n${END}\n`);
}
