/**
 * The CSS a page carries so that `<hotlink-buy-button>` takes, before it upgrades, the box it has
 * after, as the product ships it: `dist/hotlinks.css`, written by the build from the element's own
 * styles (`build/reserve-css-plugin.mjs`). Every test that needs it reads it here, and only here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the test site serves it (`/dist/` is the build). */
export const RESERVE_CSS_PATH = '/dist/hotlinks.css';

/** Its text. */
export const reserveCss = (): string => readFileSync(join(process.cwd(), 'dist/hotlinks.css'), 'utf8');
