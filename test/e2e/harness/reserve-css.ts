/**
 * The Buy button's reserve CSS as the product ships it: `dist/hotlinks.css`, written by the build
 * from the element's own styles (`reserveCss()` in src/button/hotlink-buy-button.styles.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the test site serves it (`/dist/` is the build). */
export const RESERVE_CSS_PATH = '/dist/hotlinks.css';

/** Its text. */
export const reserveCss = (): string => readFileSync(join(process.cwd(), 'dist/hotlinks.css'), 'utf8');
