// What the loop's bench needs of the sources, bundled by bench/loop/run.mjs with esbuild.
export { openStore } from '../../src/loop/store';
export { migrate } from '../../src/loop/migrations';
export { parseRange, summarize } from '../../src/loop/summary';
