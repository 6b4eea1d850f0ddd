// Two projects: `unit` (happy-dom, `npm run test:unit`) and `e2e` (real Chromium, `npm run test:e2e`).
// `npm test` runs both in one vitest run, after the build.
import { type Plugin, type ViteUserConfig, defineConfig } from 'vitest/config';
import { dashboardAssets } from './build/dashboard-plugin.mjs';

/**
 * Dependencies as a visitor's browser runs them: without the `development` export condition (Lit's
 * development build warns "Lit is in dev mode" in every file that loads it). Vite and vitest add
 * that condition whenever NODE_ENV is not "production", to the conditions of Vite's resolver and to
 * those the test workers' Node resolves external packages with; this takes it out of both.
 */
const productionDependencies = (): Plugin => ({
  name: 'hotlinks:production-dependencies',
  configResolved(config) {
    const strip = (conditions: string[] | undefined) => {
      if (!conditions) return;
      const kept = conditions.filter((c) => c != 'development' && c != 'development|production');
      conditions.splice(0, conditions.length, ...kept);
    };
    strip(config.resolve.conditions);
    strip(config.ssr.resolve?.conditions);
    for (const environment of Object.values(config.environments)) strip(environment.resolve.conditions);
  },
});

/**
 * Files that need a page of their own: they register custom elements (a tag, once defined, stays
 * defined for the page), run the built drop-ins with their own Lit, or re-import the sources.
 */
const ISOLATED = ['test/dropin/built.test.ts', 'test/dropin/element-taken.test.ts', 'test/button/define.test.ts'];

/** A happy-dom project: the page is https://www.shop.example/, the options compiled as the build does. */
const unit = (test: NonNullable<ViteUserConfig['test']>): ViteUserConfig => ({
  plugins: [productionDependencies(), dashboardAssets()],
  // The ESM package's value (src/build-flags.d.ts): tests import the companion modules directly.
  // No companion is loaded in tests (they import the modules); the hashes only need a shape.
  define: {
    DROPIN: 'false',
    COMPANIONS: JSON.stringify({ 'hotlinks-debug.js': 'sha256-test', 'hotlinks-report.js': 'sha256-test', 'hotlinks-consent.js': 'sha256-test' }),
    CDN: JSON.stringify('https://cdn.jsdelivr.net/npm/hotlinks-embed@0.0.0-test/dist/'),
  },
  // Worker threads: a fifth less CPU than child processes for these files, on a 2-core machine.
  test: { environment: 'happy-dom', environmentOptions: { happyDOM: { url: 'https://www.shop.example/' } }, pool: 'threads', ...test },
});

/** The unit projects, without the files in `skip`: `npm test` runs them all, mutation testing fewer (vitest.mutation.config.ts). */
export const unitProjects = (skip: string[] = []): ViteUserConfig[] => [
  unit({
    // One page per worker, shared by the files it runs: test/support/page.ts's usePage() gives each
    // test a fresh page and removes what HotLinks added, so the files need not pay for a new one.
    name: 'unit',
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', ...ISOLATED, ...skip],
    isolate: false,
    // The loop's two stores: a migrated embedded one to copy, and PostgreSQL where there is one.
    globalSetup: ['test/loop/store-setup.ts'],
  }),
  unit({ name: 'unit:isolated', include: ISOLATED, exclude: skip }),
];

export default defineConfig({
  test: {
    // vitest's default (one fewer than the cores) is a single worker on a 2-core machine. Three, shared
    // by every project (they must agree to run side by side): the browser suite's workers mostly wait
    // on Chromium, whose processes do its work, so a third keeps both cores busy.
    maxWorkers: 3,
    projects: [
      ...unitProjects(),
      {
        // The dashboard's routes serve the built page (dist/dashboard/, embedded as the build does).
        plugins: [dashboardAssets()],
        test: {
          // Real Chromium (one for the run, started by global-setup.ts), real cookies on local host
          // names. Each file starts its own site and each test its own browser context, so files may
          // run side by side and share a worker's modules; timeouts are sized for a loaded 2-core machine.
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
