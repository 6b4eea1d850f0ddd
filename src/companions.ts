/**
 * Files a drop-in loads from beside itself, as ES modules, only on the pages that need them (the
 * debug panel, the reporter): pages without them pay nothing. "Beside itself" is the URL of the
 * drop-in's own `<script>` element, and nothing else (see `own-script.ts`).
 */

let base: string | undefined;
const loads: Record<string, Promise<any>> = {};

/**
 * Where the running drop-in was loaded from (its `src`, empty for an inline copy): its companion
 * files are beside it. `undefined` when it found no script element of its own.
 */
export const setDropinSrc = (src: string | undefined) => (base = src);

/**
 * Loads `file` once. When it cannot (an inline copy of the script has no `src`; another host that
 * does not send CORS headers, which module scripts need; a CSP; offline), the console says which
 * file, from where, and `lost`: what the page goes without.
 */
export const loadBeside = <T>(file: string, lost: string): Promise<T> => {
  // No script element of its own: that was said once already (`own-script.ts`), and nothing loads.
  if (base == null) return Promise.reject();
  const url = base && new URL(file, base).href;
  return (loads[file] ??= (url ? import(url) : Promise.reject()).catch((error) => {
    console.warn(`[hotlinks] ${file} could not load ${url ? 'from ' + url : '(the script has no src)'}: ${lost}`);
    throw error;
  }));
};
