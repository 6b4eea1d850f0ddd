// @vitest-environment node
/**
 * The store's own settings on PostgreSQL hold whatever the URL carries: a `DATABASE_URL` with its
 * own `?options=` (a search_path, a statement_timeout) keeps them, and the summary still gets its
 * work_mem (node-postgres takes the URL's startup options over the pool's), unless the URL names one.
 */
import { describe, expect, inject, it } from 'vitest';
import { openStore } from '../../src/loop/store';
import { hasStore } from './stores';

describe.skipIf(!hasStore('postgres'))('PostgreSQL settings', () => {
  it('keeps the URL\'s own options and sets work_mem on every connection; a work_mem the URL names wins', async () => {
    const url = new URL(inject('postgresUrl'));
    url.searchParams.set('options', '-c statement_timeout=4321');
    const store = await openStore({ databaseUrl: url.toString() });
    try {
      // Several connections at once: each new one is set.
      const answers = await Promise.all(
        Array.from({ length: 3 }, () => store.query<{ work_mem: string; statement_timeout: string }>("SELECT current_setting('work_mem') AS work_mem, current_setting('statement_timeout') AS statement_timeout, pg_sleep(0.05)::text")),
      );
      for (const [row] of answers) expect(row).toMatchObject({ work_mem: '32MB', statement_timeout: '4321ms' });
      expect(await store.exclusive((session) => session.query("SELECT current_setting('work_mem') AS work_mem"))).toEqual([{ work_mem: '32MB' }]);
    } finally {
      await store.close();
    }
    url.searchParams.set('options', '-c work_mem=8MB');
    const own = await openStore({ databaseUrl: url.toString() });
    try {
      expect(await own.query("SELECT current_setting('work_mem') AS work_mem")).toEqual([{ work_mem: '8MB' }]);
    } finally {
      await own.close();
    }
  });
});
