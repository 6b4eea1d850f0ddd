// Mutation testing (`npm run mutation`, outside `npm test`): docs/mutation.md says what runs, how long
// it takes, the score per folder and the survivors judged equivalent.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  // Each mutant runs only the tests that reached its code.
  coverageAnalysis: 'perTest',
  mutate: ['src/{attribution,checkout,config,consent,report,server}/**/*.ts', '!src/**/*.d.ts'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // `npm run mutation -- --incremental` retests only what changed since the last run.
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  concurrency: 2,
  thresholds: { high: 95, low: 90, break: 90 },
};
