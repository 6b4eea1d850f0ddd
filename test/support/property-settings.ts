/**
 * How every property test runs (arbitraries.ts imports this, so each property file does too):
 *
 * - One fixed seed: the same cases on every run and every machine, so a pass means the same thing
 *   everywhere and a failure reproduces. `FC_SEED=<n>` runs other cases, or replays a failure with
 *   the seed its message names.
 * - A failure says which seed it ran with and how to run it again.
 * - `PROPERTY_TIMEOUT` for each test: hundreds of generated cases take seconds on a loaded machine,
 *   and a slow machine is no failure.
 */
import fc from 'fast-check';

const DEFAULT_SEED = 20_250_601;

function seedFromEnv(): number {
  const text = process.env.FC_SEED;
  if (text == null || text == '') return DEFAULT_SEED;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got "${text}"`);
  return seed;
}

export const SEED = seedFromEnv();
export const PROPERTY_TIMEOUT = 120_000;

fc.configureGlobal({ seed: SEED });
fc.installGlobalPlugin(() => ({
  onAllRunsComplete(details: fc.RunDetails<unknown>) {
    if (!details.failed) return;
    const how = process.env.FC_SEED ? `FC_SEED=${SEED}` : `the fixed seed ${SEED} (test/support/property-settings.ts)`;
    throw new Error(
      `${fc.defaultReportMessage(details)}\n\nRan with ${how}; to run it again: FC_SEED=${details.seed} npx vitest run --project unit <the test file>`,
      { cause: details.errorInstance },
    );
  },
}));
