/**
 * Files a drop-in loads from beside itself, as ES modules, only on the pages that need them (the
 * debug panel, the reporter): pages without them pay nothing.
 */

let base: string | undefined;

/** Where the running drop-in was loaded from (its `src`): its companion files are beside it. */
export const setDropinSrc = (src: string | undefined) => (base = src);

export const loadBeside = <T>(file: string): Promise<T> =>
  // An inline copy of the script has no `src`: then there is nothing beside it to load.
  base ? import(new URL(file, base).href) : Promise.reject(Error('hotlinks: no script src'));
