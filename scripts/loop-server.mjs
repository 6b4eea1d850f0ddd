/**
 * `hotlinks-embed serve` as a producer runs it: the built command (`dist/loop/cli.js`, the package's
 * `bin`) in a child process, on a data directory, on loopback. The demo (`npm start`) starts one
 * beside its pages, the browser suite drives one, and the loop's bench loads one.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const CLI = fileURLToPath(new URL('../dist/loop/cli.js', import.meta.url));

/**
 * Starts `serve` and resolves once it has printed the three URLs to paste, or rejects with what it
 * printed if it exits first (a data directory in use, a port taken).
 * @param {{ dataDir: string, port?: number, host?: string, env?: Record<string, string>, echo?: boolean }} options
 *   `env`: `HOTMART_HOTTOK`, `HOTLINKS_DASHBOARD_TOKEN`, `DATABASE_URL` (nothing else of this process's
 *   environment is passed on but `PATH`); `echo`: its output on this process's too.
 * @returns {Promise<{ origin: string, port: number, pid: number, output(): string, exited: Promise<number | null>, stop(): Promise<number | null> }>}
 */
export async function startLoopServer({ dataDir, port = 0, host = '127.0.0.1', env = {}, echo = false }) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--host', host, '--data', dataDir], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // A caller that dies (a test run that crashed) does not leave serve running, holding its directory.
  const orphaned = () => child.kill('SIGTERM');
  process.once('exit', orphaned);
  const exited = new Promise((resolve) => child.on('exit', (code) => (process.off('exit', orphaned), resolve(code))));
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      output += chunk;
      if (echo) (stream == child.stdout ? process.stdout : process.stderr).write(chunk);
    });
  }
  const bound = await new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on \S+:(\d+)/.exec(output);
      if (match && output.includes('3. Your dashboard')) resolve(Number(match[1]));
    });
    void exited.then((code) => reject(new Error(`hotlinks-embed serve exited with ${code}: ${output.trim()}`)));
  });
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    pid: child.pid,
    output: () => output,
    exited,
    /** SIGTERM: it finishes the requests under way, writes what it holds, and exits. */
    stop() {
      if (child.exitCode == null && child.signalCode == null) child.kill('SIGTERM');
      return exited;
    },
  };
}

const run = promisify(execFile);

/**
 * `hotlinks-embed report --json` on a data directory (it asks the `serve` holding the directory,
 * if one runs), parsed.
 * @param {{ dataDir: string, from?: string, to?: string, env?: Record<string, string> }} options
 */
export async function reportJson({ dataDir, from, to, env = {} }) {
  const range = [...(from ? ['--from', from] : []), ...(to ? ['--to', to] : [])];
  const { stdout } = await run(process.execPath, [CLI, 'report', '--json', '--data', dataDir, ...range], { env: { PATH: process.env.PATH, ...env } });
  return JSON.parse(stdout);
}
