// @vitest-environment node
/**
 * The `hotlinks-embed` command as a producer runs it: the built `dist/loop/cli.js` in a child
 * process, on a data directory, talking HTTP on 127.0.0.1. Needs the build (`npm test` builds first).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import type { Summary } from '../../src/loop/summary-types';
import { openStore } from '../../src/loop/store';
import { send } from '../server/http';
import { HOTTOK, delivery, report } from './fixtures';
import { embeddedDataDir, hasStore } from './stores';

const CLI = join(process.cwd(), 'dist/loop/cli.js');
const run = promisify(execFile);

interface Serving {
  child: ChildProcess;
  origin: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `serve` on port 0 and resolves once it has printed where it listens. */
async function serve(dataDir: string, env: Record<string, string> = {}): Promise<Serving> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', dataDir], {
    env: { PATH: process.env.PATH, HOTMART_HOTTOK: HOTTOK, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFinished(() => void (child.exitCode == null && child.kill('SIGKILL')));
  const port = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match && output.includes('3. Your dashboard')) resolve(match[1]);
    };
    child.stdout!.on('data', look);
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return { child, origin: `http://127.0.0.1:${port}`, output: () => output, exited };
}

const beacon = (origin: string, body: unknown) =>
  send(origin + '/collect', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://www.shop.example' }, body: JSON.stringify(body) });
const webhook = (origin: string, body: unknown) =>
  send(origin + '/hotmart/webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotmart-hottok': HOTTOK }, body: JSON.stringify(body) });
const summary = async (origin: string, token: string, query = '') => {
  const answer = await send(`${origin}/api/summary${query}`, { headers: { authorization: `Bearer ${token}` } });
  expect(answer.status).toBe(200);
  return JSON.parse(answer.body) as Summary;
};
const reportJson = async (dataDir: string, env: Record<string, string> = {}) =>
  JSON.parse((await run(process.execPath, [CLI, 'report', '--json', '--data', dataDir], { env: { PATH: process.env.PATH, ...env } })).stdout) as Summary;

/** A copy of the migrated store for this test, removed when it ends. */
function freshDataDir(): string {
  const dir = embeddedDataDir();
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const VISIT = 'cliVisit0000001';
const today = new Date().toISOString().slice(0, 10);

describe('hotlinks-embed serve and report, embedded store', () => {
  it('serves collect, the webhook and the summary; report gives the same numbers while it runs and after it stops', async () => {
    const dataDir = freshDataDir();
    const server = await serve(dataDir);
    const { origin } = server;
    // The three URLs to paste, and the new token, kept readable by its owner only.
    const token = readFileSync(join(dataDir, 'dashboard-token'), 'utf8').trim();
    expect(statSync(join(dataDir, 'dashboard-token')).mode & 0o777).toBe(0o600);
    expect(server.output()).toContain(`data-collect="${origin}/collect"`);
    expect(server.output()).toContain(`${origin}/hotmart/webhook`);
    expect(server.output()).toContain(`its token (new, kept in ${join(dataDir, 'dashboard-token')}): ${token}`);

    const preflight = await send(origin + '/collect', { method: 'OPTIONS', headers: { origin: 'https://www.shop.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type' });
    const landed = await beacon(origin, report('attribution', VISIT, 'O95340038V', { utm_source: 'fb', utm_campaign: 'launch' }));
    expect([landed.status, landed.headers['access-control-allow-origin']]).toEqual([204, '*']);
    expect((await beacon(origin, report('checkout', VISIT, 'O95340038V', { utm_source: 'fb', utm_campaign: 'launch' }))).status).toBe(204);
    expect((await beacon(origin, { event: 'attribution' })).status).toBe(400);
    const sold = await webhook(origin, delivery({ id: 'cli-1', transaction: 'HPCLI1', approved: Date.now(), origin: { xcod: VISIT }, affiliate: 'O95340038V' }));
    expect([sold.status, sold.body]).toEqual([200, 'kept']);

    expect((await send(origin + '/api/summary')).status).toBe(401);
    expect((await send(origin + '/api/summary', { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    // The dashboard: the login form without the token, the page with it.
    expect(await send(origin + '/')).toMatchObject({ status: 200, body: expect.stringContaining('name="token"') });
    expect(await send(origin + '/', { headers: { authorization: `Bearer ${token}` } })).toMatchObject({ status: 200, body: expect.stringContaining('id="dashboard"') });
    expect(await send(origin + '/api/summary?from=2026-13-01', { headers: { authorization: `Bearer ${token}` } })).toMatchObject({
      status: 400,
      body: JSON.stringify({ error: 'from must be a date as YYYY-MM-DD, got "2026-13-01"' }),
    });
    expect((await send(origin + '/nowhere')).status).toBe(404);

    const served = await summary(origin, token);
    expect(served.to).toBe(today);
    expect(served.totals).toMatchObject({ visits: 1, checkouts: 1, sales: 1, revenue: { BRL: 197 } });
    expect(served.credit.asCaptured).toBe(1);
    expect(served.affiliates).toEqual([{ code: 'O95340038V', visits: 1, checkouts: 1, sales: 1, refunds: 0, revenue: { BRL: 197 } }]);
    // report, while serve runs: it asks serve (the embedded store takes one process).
    expect(await reportJson(dataDir)).toEqual(served);
    const table = (await run(process.execPath, [CLI, 'report', '--data', dataDir])).stdout;
    expect(table).toMatch(/as captured \(Hotmart credited the affiliate the visit carried\) +1 +BRL 197\.00/);
    expect(table).toMatch(/O95340038V +1 +1 +1 +0 +BRL 197\.00/);

    // A second serve on the same directory is refused, naming the first.
    const second = await run(process.execPath, [CLI, 'serve', '--port', '0', '--data', dataDir]).catch((error) => error);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is in use by hotlinks-embed serve (process ${server.child.pid}, port ${origin.split(':')[2]})`);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('hotlinks-embed serve: stopped');
    expect(existsSync(join(dataDir, 'serve.lock'))).toBe(false);
    expect(readFileSync(join(dataDir, 'webhook-journal.jsonl'), 'utf8')).toBe('');
    // And without serve: report opens the store itself.
    expect(await reportJson(dataDir)).toEqual(served);
  }, 90_000);

  it('loses no accepted delivery when killed, and without a hottok refuses the webhook, saying why', async () => {
    const dataDir = freshDataDir();
    const first = await serve(dataDir);
    for (let i = 0; i < 3; i++) {
      expect((await webhook(first.origin, delivery({ id: `kill-${i}`, transaction: `HPKILL${i}`, approved: Date.now() }))).status).toBe(200);
    }
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await serve(dataDir, { HOTMART_HOTTOK: '' });
    expect(second.output()).toContain('start this server with HOTMART_HOTTOK set to the hottok Hotmart shows there: until then the webhook answers 503');
    expect(await webhook(second.origin, delivery({ id: 'kill-9', transaction: 'HPKILL9' }))).toMatchObject({
      status: 503,
      body: "this server has no hottok: start it with HOTMART_HOTTOK set to the one in Hotmart's webhook settings",
    });
    expect((await reportJson(dataDir)).totals.sales).toBe(3);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 90_000);

  it.each([
    [['serve', '--port', 'eighty'], '--port must be a port number (0 to 65535), got "eighty"'],
    [['report', '--from', '2026-02-30'], '--from must be a date as YYYY-MM-DD, got "2026-02-30"'],
    [['report', '--from', '2026-03-01', '--to', '2026-02-01'], '--from (2026-03-01) must not be after to (2026-02-01)'],
    [['publish'], 'unknown command "publish": serve or report'],
    [['serve', '--prot', '1'], "Unknown option '--prot'"],
  ])('refuses %j with exit code 2, naming the problem', async (args, message) => {
    const failed = await run(process.execPath, [CLI, ...args]).catch((error) => error);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain(message);
    expect(failed.stderr).toContain('Usage:');
  });
});

describe.skipIf(!hasStore('postgres'))('hotlinks-embed serve and report, PostgreSQL', () => {
  it('stores in DATABASE_URL, and report reads it directly while serve runs', async () => {
    const schema = `cli_${process.pid}`;
    const admin = await openStore({ databaseUrl: inject('postgresUrl') });
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    onTestFinished(async () => {
      await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    });
    const url = new URL(inject('postgresUrl'));
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = { DATABASE_URL: url.toString(), HOTLINKS_DASHBOARD_TOKEN: 'pg-test-token' };
    const dataDir = freshDataDir();
    const server = await serve(dataDir, env);
    expect(server.output()).toMatch(/PostgreSQL at postgres:\/\/hotlinks:\*\*\*@/);
    expect((await beacon(server.origin, report('checkout', VISIT, 'O95340038V'))).status).toBe(204);
    expect((await webhook(server.origin, delivery({ id: 'pg-1', transaction: 'HPPG1', approved: Date.now(), origin: { xcod: VISIT }, affiliate: null }))).status).toBe(200);
    const served = await summary(server.origin, 'pg-test-token');
    expect(served.credit.lost).toBe(1);
    expect(served.creditSales).toEqual([expect.objectContaining({ class: 'lost', transaction: 'HPPG1', captured: 'O95340038V', credited: null })]);
    expect(await reportJson(dataDir, env)).toEqual(served);
    expect(await admin.query(`SELECT version FROM ${schema}.hotlinks_migrations`)).toEqual([{ version: 1 }]);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 90_000);
});
