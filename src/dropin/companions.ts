/**
 * Files a drop-in loads from beside itself, as ES modules, only on the pages that need them (the
 * debug panel, the reporter, the consent tools): pages without them pay nothing. "Beside itself" is
 * the URL the drop-in's own `<script>` element was fetched from (see `own-script.ts`), which markup
 * later in the page cannot move, and each file must match the hash built into the drop-in.
 */
import { documentProperty, getAttribute, listen } from '../page/dom.js';

/** Where the running drop-in was fetched from; `null`: no script element of its own, `''`: an inline copy. */
let base: string | null = null;
const loads: Record<string, Promise<any>> = {};

/**
 * The URL `script` was fetched from. `script.src` is resolved against the document's base URL now,
 * and a `<base href>` in a blog comment, parsed after the script was fetched, would move it (and
 * with it, where the companions' code comes from). When the script was fetched, only a `<base>`
 * before it could count: the first `<base href>` of the document, if it comes before the script.
 */
export function fetchedFrom(script: HTMLScriptElement): string {
  const src = getAttribute(script, 'src');
  if (!src) return '';
  const first = Document.prototype.querySelector.call(document, 'base[href]') as HTMLBaseElement | null;
  const before = first && script.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_PRECEDING;
  return new URL(src, before ? first.href : location.href).href;
}

/** The drop-in's own `<script>` (or `null`): its companion files are beside where it was fetched from. */
export const setDropinScript = (script: HTMLScriptElement | null) => (base = script && fetchedFrom(script));

/**
 * Where `file` is: beside the drop-in, with the drop-in's own query (WordPress's `?ver=6.4`). A
 * drop-in whose URL does not end in its own name (joined with others by a CDN's `combine` URL or a
 * site optimizer) cannot know what is beside it: its companions come from this version on jsDelivr.
 * Either way the hash decides what runs.
 */
export function companionUrl(file: string, from: string): string {
  const url = new URL(from);
  if (!/\/hotlinks(-capture)?\.js$/.test(url.pathname)) return CDN + file;
  url.pathname = url.pathname.replace(/[^/]*$/, file);
  return url.href;
}

/**
 * Loads `file` once, after the browser has checked it against its hash (`COMPANIONS`, built into
 * the drop-in): a `<link rel=modulepreload integrity>` fetches and checks it into the page's module
 * map, and `import()` then takes it from there, never from the network again. When it cannot load
 * (an inline copy of the script has no `src`; another host without CORS headers, which module
 * scripts need; a CSP; a file that is not the one built with this drop-in; a browser without
 * `modulepreload`; offline), the console says which file, from where, and `lost`: what the page goes without.
 */
export const loadBeside = <T>(file: keyof typeof COMPANIONS, lost: string): Promise<T> => {
  // No script element of its own: that was said once already (`own-script.ts`), and nothing loads.
  if (base == null) return Promise.reject();
  const url = base && companionUrl(file, base);
  return (loads[file] ??= new Promise((loaded, failed) => {
    const link = Document.prototype.createElement.call(document, 'link') as HTMLLinkElement;
    // A browser that cannot check a module's integrity (Safari before 17) runs none: it fails closed.
    if (!url || !link.relList.supports('modulepreload')) return failed();
    link.rel = 'modulepreload';
    link.href = url;
    link.integrity = COMPANIONS[file];
    link.crossOrigin = 'anonymous';
    listen(link, 'load', loaded);
    listen(link, 'error', failed);
    documentProperty('head').get!.call(document).append(link);
  })
    .then(() => import(url))
    .catch((error) => {
      console.warn(`[hotlinks] ${file} could not load ${url ? 'from ' + url : '(the script has no src)'}: ${lost}`);
      throw error;
    }));
};

/**
 * Runs `use` with a companion as a part of the core reaches it: loaded from beside the drop-in
 * (`loadBeside`, once) when `module` is `true` (`DROPIN || module`: in the drop-ins, where the module
 * itself is left out of the bundle), or the module itself, imported, at once (the ESM package, tests).
 * Without `use`, a drop-in only starts loading it. One that cannot load was said (`loadBeside`) and is gone without.
 */
export function companion<T>(file: keyof typeof COMPANIONS, lost: string, module: T | true, use?: (loaded: T) => void): void {
  if (module !== true) use?.(module);
  else loadBeside<T>(file, lost).then(use, () => {});
}
