/**
 * Before the unit project: the two stores the loop's tests run on.
 * - Embedded: a migrated PGlite data directory, made once and kept in node_modules/.cache (an
 *   initdb takes seconds; copying the directory takes milliseconds), for each test file to copy.
 * - PostgreSQL: the database `HOTLINKS_TEST_DATABASE_URL` names (.ci/run sets it up). Without it the
 *   PostgreSQL half is skipped, loudly; with `HOTLINKS_POSTGRES_REQUIRED=1` (CI) that is a failure.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { MIGRATIONS, migrate } from '../../src/loop/migrations';
import { openStore } from '../../src/loop/store';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated embedded store's data directory, to copy (`<dir>/postgres`). */
    embeddedTemplate: string;
    /** A PostgreSQL URL for the tests, or '' when there is none. */
    postgresUrl: string;
  }
}

export const postgresRequired = () => process.env.HOTLINKS_POSTGRES_REQUIRED == '1';

/** The migrated template (made here when missing): the store suite copies it, and the browser suite starts `serve` on copies of it. */
export async function embeddedTemplate(): Promise<string> {
  const pglite = JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')).version;
  const key = createHash('sha256').update(pglite).update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 16);
  const dir = join('node_modules/.cache/hotlinks-embed', `pglite-template-${key}`);
  if (existsSync(join(dir, 'postgres', 'PG_VERSION'))) return join(process.cwd(), dir);
  const building = mkdtempSync(join(tmpdir(), 'hotlinks-template-'));
  const store = await openStore({ dataDir: building });
  await migrate(store);
  await store.close();
  mkdirSync(dirname(dir), { recursive: true });
  // Templates of older migrations or PGlite versions are 40 MB each: only the current one is kept.
  for (const old of readdirSync(dirname(dir)).filter((name) => name.startsWith('pglite-template-'))) rmSync(join(dirname(dir), old), { recursive: true, force: true });
  try {
    renameSync(building, dir);
  } catch {
    // Another file system (tmpfs): copy instead.
    cpSync(building, dir, { recursive: true });
    rmSync(building, { recursive: true, force: true });
  }
  return join(process.cwd(), dir);
}

async function postgresUrl(): Promise<string> {
  const url = process.env.HOTLINKS_TEST_DATABASE_URL ?? '';
  let why = 'HOTLINKS_TEST_DATABASE_URL is not set';
  if (url) {
    try {
      const store = await openStore({ databaseUrl: url });
      await store.close();
      return url;
    } catch (error) {
      why = (error as Error).message;
    }
  }
  if (postgresRequired()) throw new Error(`the store's PostgreSQL tests are required (HOTLINKS_POSTGRES_REQUIRED=1), but ${why}`);
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! POSTGRESQL TESTS SKIPPED: ${why}.\n!! The store's suite ran on the embedded store only. To run it on PostgreSQL too,\n` +
      `!! set HOTLINKS_TEST_DATABASE_URL (see .ci/run, which installs and starts one).\n${line}\n`,
  );
  return '';
}

export default async function setup(project: TestProject) {
  const [template, url] = await Promise.all([embeddedTemplate(), postgresUrl()]);
  project.provide('embeddedTemplate', template);
  project.provide('postgresUrl', url);
}
