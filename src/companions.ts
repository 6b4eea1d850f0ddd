/**
 * Files a drop-in loads from beside itself, as ES modules, only on the pages that need them (the
 * debug panel, the reporter): pages without them pay nothing. "Beside itself" is the URL of the
 * drop-in's own `<script>` element, and nothing else (see `own-script.ts`).
 */

let base: string | undefined;

/** Where the running drop-in was loaded from (its `src`): its companion files are beside it. */
export const setDropinSrc = (src: string | undefined) => (base = src);

/** Rejects where there is nothing beside to load from: an inline copy of the script has no `src`. */
export const loadBeside = async <T>(file: string): Promise<T> => import(new URL(file, base).href);
