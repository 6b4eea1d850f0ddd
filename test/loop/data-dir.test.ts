// @vitest-environment node
/** The data directory: the dashboard token, and the lock that keeps a second process off PGlite's files. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { LOCK_FILE, acquireLock, dashboardToken, lockHolder } from '../../src/loop/data-dir';

const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotlinks-data-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

it('makes a dashboard token once, readable by its owner only, unless the environment gives one', () => {
  const dir = scratch();
  const made = dashboardToken(dir, undefined);
  expect(made).toMatchObject({ created: true, file: join(dir, 'dashboard-token') });
  expect(made.token).toMatch(/^[\w-]{32}$/);
  expect(statSync(made.file!).mode & 0o777).toBe(0o600);
  expect(dashboardToken(dir, undefined)).toEqual({ token: made.token, created: false, file: made.file });
  expect(dashboardToken(dir, 'from-the-environment')).toEqual({ token: 'from-the-environment', created: false });
});

it('a lock left by a dead process, or by a number another program now has, is no lock', async () => {
  const dir = scratch();
  const lock = acquireLock(dir, { command: 'serve', host: '127.0.0.1', port: 8790 });
  // (A live serve holding it is refused, naming it: test/loop/cli.test.ts.)
  // A process that died: taken over.
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 1, command: 'serve', port: 8790 }));
  expect(lockHolder(dir)).toBeUndefined();
  // A live process that is not ours (the number was reused after a reboot): taken over too.
  const other = spawn('sleep', ['30']);
  onTestFinished(() => void other.kill());
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, command: 'serve', port: 8790 }));
  expect(lockHolder(dir)).toBeUndefined();
  const taken = acquireLock(dir, { command: 'report' });
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toEqual({ pid: process.pid, command: 'report' });
  taken.release();
  lock.release();
  expect(lockHolder(dir)).toBeUndefined();
});
