// The unit projects as mutation testing runs them (`npm run mutation`, stryker.config.mjs). Left out:
// the browser suite, and the files that check the build, the package or the docs rather than the
// sources (a mutant lives in src/, never in dist/), or that cannot tell one source line from another.
import { defineConfig } from 'vitest/config';
import { unitProjects } from './vitest.config';

export default defineConfig({
  test: {
    projects: unitProjects([
      'test/package/**',
      'test/docs/**',
      'test/site/**',
      'test/ssr/bundle.test.ts',
      'test/ssr/package.test.ts',
      'test/loop/**',
    ]),
  },
});
