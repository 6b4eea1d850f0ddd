/**
 * What a visitor does to a link or form in a happy-dom page, and the built drop-in loaded as a
 * browser loads `<script src=… data-…>`, for the journey tests. (Small on purpose: `test/core/page.ts`
 * has the page itself.)
 */
import { vi } from 'vitest';
import { ORIGIN, settle } from '../core/page';
import { built } from '../faults/built';

/**
 * Presses `el` as a pointer does (`pointerdown`, before any click), and returns the link's `href`
 * as it then stands: what a middle-click, a long-press or "copy link address" would take.
 */
export function press(el: Element): string | null {
  el.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
  return el.closest('a[href],area[href]')?.getAttribute('href') ?? null;
}

/**
 * Submits `form` as its button would, and returns the URL a browser would then open (a GET form's
 * fields replace the action's query), or `undefined` when a listener cancelled the submission.
 */
export function submit(form: HTMLFormElement): string | undefined {
  let url: string | undefined;
  const last = (event: Event) => {
    if (!event.defaultPrevented) {
      const action = new URL(form.getAttribute('action') ?? '', location.href);
      if (form.method == 'get') {
        const fields = new URLSearchParams();
        for (const el of form.elements as unknown as HTMLInputElement[]) if (el.name) fields.append(el.name, el.value);
        action.search = fields.toString();
      }
      url = action.href;
    }
    event.preventDefault();
  };
  form.addEventListener('submit', last);
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  form.removeEventListener('submit', last);
  return url;
}

/** Console messages of `level` from now on, each as one string. */
export function recordConsole(level: 'warn' | 'error' | 'info') {
  const messages: string[] = [];
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void messages.push(args.map(String).join(' ')));
  return messages;
}

/**
 * Runs `dist/<file>` as if loaded from `https://www.shop.example/js/<file>` with these attributes:
 * its own `<script>` is what `Document.prototype`'s `currentScript` getter returns while it runs
 * (the drop-in asks that getter, never `document.currentScript`, which page elements can shadow).
 */
export async function loadDropin(file: 'hotlinks-capture.js' | 'hotlinks.js', attributes: Record<string, string> = {}): Promise<void> {
  const script = document.createElement('script');
  // Not added to the page: happy-dom would fetch it. The drop-in only reads its own tag.
  script.setAttribute('src', `${ORIGIN}/js/${file}`);
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  const currentScript = vi.spyOn(Document.prototype, 'currentScript', 'get').mockReturnValue(script);
  try {
    // Indirect eval: the global scope, as a classic script.
    (0, eval)(built(file));
  } finally {
    currentScript.mockRestore();
  }
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
