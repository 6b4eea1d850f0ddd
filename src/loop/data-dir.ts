/**
 * The data directory (`./hotlinks-data`, `--data DIR`): the embedded store, the webhook's journal,
 * the dashboard token, and the lock that keeps a second process out. PGlite is one process's
 * database: two processes opening the same directory would corrupt it, so whoever opens the store
 * holds `serve.lock`, and `report` asks a running `serve` instead of opening it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const TOKEN_FILE = 'dashboard-token';
export const LOCK_FILE = 'serve.lock';

export function ensureDataDir(dir: string): string {
  const path = resolve(dir);
  mkdirSync(path, { recursive: true, mode: 0o700 });
  return path;
}

/**
 * The dashboard token: `HOTLINKS_DASHBOARD_TOKEN` when set, else the one kept in the data directory,
 * else a new one, written there readable by its owner only (0600). `created` says which.
 */
export function dashboardToken(dir: string, fromEnv = process.env.HOTLINKS_DASHBOARD_TOKEN): { token: string; created: boolean; file?: string } {
  if (fromEnv) return { token: fromEnv, created: false };
  const file = join(dir, TOKEN_FILE);
  try {
    const token = readFileSync(file, 'utf8').trim();
    if (token) return { token, created: false, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code != 'ENOENT') throw error;
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  return { token, created: true, file };
}

/** What the lock file says: who holds the directory, and where a `serve` answers. */
export interface LockInfo {
  pid: number;
  command: 'serve' | 'report';
  /** For `serve`: where it listens. */
  host?: string;
  port?: number;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    if ((error as NodeJS.ErrnoException).code != 'EPERM') return false;
  }
  // After a crash and a reboot, the number may be another program's: on Linux, look at what it runs.
  try {
    return /hotlinks-embed|cli\.js/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
};

/** The live holder of the directory, if any (a lock left by a process that died is no lock). */
export function lockHolder(dir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as LockInfo;
    return Number.isInteger(info.pid) && info.pid != process.pid && alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the directory for this process, or throws naming who holds it. The lock file is created
 * exclusively (`wx`): of two processes starting at once, one wins.
 */
export function acquireLock(dir: string, info: Omit<LockInfo, 'pid'>): { update(more: Partial<LockInfo>): void; release(): void } {
  const file = join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, ...info };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code != 'EEXIST' || attempt > 0) throw error;
      const holder = lockHolder(dir);
      if (holder) {
        const what = holder.command == 'serve' ? `hotlinks-embed serve (process ${holder.pid}, port ${holder.port})` : `hotlinks-embed ${holder.command} (process ${holder.pid})`;
        throw new Error(`${dir} is in use by ${what}: the embedded store takes one process at a time`);
      }
      // Left by a process that died: take it over.
      rmSync(file, { force: true });
    }
  }
  return {
    update(more) {
      Object.assign(mine, more);
      writeFileSync(file, JSON.stringify(mine), { mode: 0o600 });
    },
    release() {
      if (lockHolder(dir) === undefined) rmSync(file, { force: true });
    },
  };
}
