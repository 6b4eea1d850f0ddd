/**
 * `hotlinks-embed`: the command a producer runs (`npx hotlinks-embed serve`, `... report`). See
 * docs/CONTRACT.md, "The loop", and the README's "See your sales".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { acquireLock, dashboardToken, ensureDataDir, lockHolder } from './data-dir.js';
import { openLoop } from './loop.js';
import { migrate } from './migrations.js';
import { reportTable } from './report-table.js';
import { createApp, listen } from './serve.js';
import { openStore } from './store.js';
import { type Range, parseRange, summarize } from './summary.js';
import type { Summary } from './summary-types.js';

const USAGE = `Usage:
  hotlinks-embed serve  [--port 8790] [--host 127.0.0.1] [--data DIR] [--public-url URL]
  hotlinks-embed report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--data DIR]

serve    receives your site's reports (POST /collect) and Hotmart's webhook (POST /hotmart/webhook),
         and answers the summary (GET /api/summary) to whoever has the dashboard token.
report   prints the summary of a range of days (UTC; default: the last 30 days), as a table or JSON.

--data DIR        where the embedded store, the webhook's journal and the token live (default ./hotlinks-data)
--public-url URL  the address Hotmart and your site reach this server at (default http://HOST:PORT)

Environment:
  DATABASE_URL              a PostgreSQL database to use instead of the embedded store
  HOTMART_HOTTOK            the hottok in Hotmart's webhook settings (the webhook refuses everything without it)
  HOTLINKS_DASHBOARD_TOKEN  the dashboard token (default: one made and kept in the data directory)
`;

class UsageError extends Error {}

const DEFAULT_PORT = 8790;

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'public-url': { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function port(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65535) throw new UsageError(`--port must be a port number (0 to 65535), got ${JSON.stringify(value)}`);
  return number;
}

function range(from: string | undefined, to: string | undefined): Range {
  try {
    return parseRange({ from, to });
  } catch (error) {
    throw new UsageError(`--${(error as Error).message}`);
  }
}

async function serve(flags: ReturnType<typeof options>['values']): Promise<void> {
  const host = flags.host ?? '127.0.0.1';
  const wanted = port(flags.port);
  const dataDir = ensureDataDir(flags.data ?? 'hotlinks-data');
  const lock = acquireLock(dataDir, { command: 'serve', host, port: wanted });
  let stopping = false;
  try {
    const databaseUrl = process.env.DATABASE_URL || undefined;
    const store = await openStore({ databaseUrl, dataDir });
    const loop = await openLoop({ store, dataDir });
    const { token, created, file } = dashboardToken(dataDir);
    const hottok = process.env.HOTMART_HOTTOK || undefined;
    const app = createApp({ loop, hottok, token });
    const server = await listen(app, wanted, host).catch(async (error) => {
      await loop.close();
      throw error;
    });
    lock.update({ port: server.port });
    const base = (flags['public-url'] ?? `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`).replace(/\/+$/, '');
    console.log(
      [
        `hotlinks-embed serve: listening on ${host}:${server.port}, ${store.kind == 'embedded' ? `embedded store in ${store.where}` : `PostgreSQL at ${store.where}`}`,
        '',
        '1. On your site, in the <script> tag of hotlinks.js:',
        `     data-collect="${base}/collect"`,
        '2. In Hotmart (Tools > Webhook, version 2.0.0), the URL:',
        `     ${base}/hotmart/webhook`,
        hottok ? '   and its hottok is the one this server was started with (HOTMART_HOTTOK).' : '   and start this server with HOTMART_HOTTOK set to the hottok Hotmart shows there: until then the webhook answers 503.',
        '3. Your dashboard:',
        `     ${base}/`,
        created ? `   its token (new, kept in ${file}): ${token}` : `   its token: ${file ? `in ${file}` : 'HOTLINKS_DASHBOARD_TOKEN'}`,
        '',
      ].join('\n'),
    );
    const stop = async (signal: string) => {
      if (stopping) {
        console.error(`hotlinks-embed serve: ${signal} again, stopping now`);
        process.exit(1);
      }
      stopping = true;
      console.log(`hotlinks-embed serve: ${signal}, finishing the requests under way`);
      try {
        await server.close();
        await loop.close();
        console.log('hotlinks-embed serve: stopped');
      } catch (error) {
        console.error(`hotlinks-embed serve: could not stop cleanly: ${(error as Error).message}`);
        process.exitCode = 1;
      }
      lock.release();
      process.exit();
    };
    process.on('SIGTERM', (signal) => void stop(signal));
    process.on('SIGINT', (signal) => void stop(signal));
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Asks the `serve` that holds the data directory, over loopback, with the dashboard token. */
async function askServe(dataDir: string, holder: { host?: string; port?: number }, range: Range): Promise<Summary> {
  const { token } = dashboardToken(dataDir);
  const host = !holder.host || holder.host == '0.0.0.0' || holder.host == '::' ? '127.0.0.1' : holder.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${holder.port}/api/summary?from=${range.from}&to=${range.to}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status == 401) throw new Error(`the running serve refused the dashboard token: run report with the same HOTLINKS_DASHBOARD_TOKEN as serve`);
  if (!response.ok) throw new Error(`the running serve answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Summary;
}

async function report(flags: ReturnType<typeof options>['values']): Promise<void> {
  const asked = range(flags.from, flags.to);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = resolve(flags.data ?? 'hotlinks-data');
  let summary: Summary;
  if (databaseUrl) {
    // PostgreSQL takes any number of processes: read it directly, whether serve runs or not.
    const store = await openStore({ databaseUrl });
    try {
      await migrate(store);
      summary = await summarize(store, asked);
    } finally {
      await store.close();
    }
  } else {
    summary = await embeddedSummary(dataDir, asked);
  }
  process.stdout.write(flags.json ? JSON.stringify(summary, null, 2) + '\n' : reportTable(summary));
}

async function embeddedSummary(dataDir: string, asked: Range): Promise<Summary> {
  for (let attempt = 0; ; attempt++) {
    const holder = lockHolder(dataDir);
    if (holder?.command == 'serve' && holder.port) return askServe(dataDir, holder, asked);
    if (!existsSync(join(dataDir, 'postgres'))) throw new Error(`${dataDir} holds no store yet: start \`hotlinks-embed serve\` there first`);
    let lock;
    try {
      lock = acquireLock(dataDir, { command: 'report' });
    } catch (error) {
      // A serve took the directory between the look and the lock: ask it.
      if (attempt == 0) continue;
      throw error;
    }
    try {
      const store = await openStore({ dataDir });
      const loop = await openLoop({ store, dataDir });
      try {
        return await loop.summary(asked);
      } finally {
        await loop.close();
      }
    } finally {
      lock.release();
    }
  }
}

function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export async function main(args: string[]): Promise<void> {
  try {
    const { values, positionals } = options(args);
    if (values.version) return void console.log(version());
    const [command, ...extra] = positionals;
    if (values.help || !command) return void process.stdout.write(USAGE);
    if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    if (command == 'serve') await serve(values);
    else if (command == 'report') await report(values);
    else throw new UsageError(`unknown command ${JSON.stringify(command)}: serve or report`);
  } catch (error) {
    console.error(`hotlinks-embed: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error('\n' + USAGE);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}

await main(process.argv.slice(2));
