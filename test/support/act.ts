/**
 * For the tests of the built drop-in: loaded as a browser loads `<script src=… data-…>`, the
 * page's `window.HotLinks`, and the beacons it sends. (What a visitor does to a link or form, and
 * the page itself, are in `page.ts`.)
 */
import { vi } from 'vitest';
import { settle } from './page';
import { runDropin } from './built';

/**
 * Runs `dist/<file>` as if loaded from `https://www.shop.example/js/<file>` with these attributes:
 * its own `<script>` is what `Document.prototype`'s `currentScript` getter returns while it runs
 * (the drop-in asks that getter, never `document.currentScript`, which page elements can shadow).
 */
export async function loadDropin(file: 'hotlinks-capture.js' | 'hotlinks.js', attributes: Record<string, string> = {}): Promise<void> {
  runDropin(file, attributes);
  await settle();
}

/** `window.HotLinks` as a page sees it. */
export const pageApi = () => (window as unknown as { HotLinks: any }).HotLinks;

export interface Beacon {
  url: string;
  body: { event: string; affiliate: string | null; params: Record<string, string>; checkoutUrl?: string };
}

/** Replaces `navigator.sendBeacon` with a recorder that accepts every beacon; resolves to what was sent. */
export function recordBeacons() {
  const beacons: { url: string; data: Blob }[] = [];
  const sendBeacon = (url: string | URL, data?: BodyInit | null) => (beacons.push({ url: String(url), data: data as Blob }), true);
  vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { sendBeacon }));
  return async (): Promise<Beacon[]> => Promise.all(beacons.map(async (b) => ({ url: b.url, body: JSON.parse(await b.data.text()) })));
}
