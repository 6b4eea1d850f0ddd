/**
 * The CSS a page carries so that `<hotlink-buy-button>` takes, before it upgrades, the box it has
 * after: the rule producers copy. Every test that needs it reads it here, and only here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The reserve rule as the README gives it: the ```css block after "No layout shift". */
export function reserveCss(): string {
  const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
  const css = /\*\*No layout shift\*\*[^]*?```css\n([^]*?)```/.exec(readme)?.[1];
  if (!css) throw new Error('README.md: no ```css block after "**No layout shift**"');
  return css;
}
