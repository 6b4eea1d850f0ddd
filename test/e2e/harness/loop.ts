/**
 * `hotlinks-embed serve` for the browser suite, as a producer runs it: the built command in a child
 * process (scripts/loop-server.mjs) on a copy of the migrated embedded store, on 127.0.0.1, with
 * Hotmart's hottok and a dashboard token; Hotmart's side (webhook deliveries), the summary API and
 * `report --json` (the real command) beside it.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportJson, startLoopServer } from '../../../scripts/loop-server.mjs';
import type { Summary } from '../../../src/loop/summary-types';
import { HOTTOK } from '../../loop/fixtures';
import { embeddedTemplate } from '../../loop/store-setup';

export const LOOP_TOKEN = 'loop-e2e-token-8c41d7a2';

/** A range of UTC days (`YYYY-MM-DD`), both included; left out, the last 30 days. */
export type Days = { from?: string; to?: string };

export interface LoopServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  dataDir: string;
  /** Posts a report as the drop-in's beacon does (`text/plain`); the answer's status. */
  collect(report: unknown): Promise<number>;
  /** Posts a webhook delivery (its JSON body) as Hotmart does, with the hottok header; the answer. */
  deliver(delivery: unknown): Promise<{ status: number; body: string }>;
  /** `GET /api/summary` with the token. */
  summary(days?: Days): Promise<Summary>;
  /** `hotlinks-embed report --json` on the same data directory (it asks this serve). */
  report(days?: Days): Promise<Summary>;
  close(): Promise<void>;
}

/** A data directory holding a copy of the migrated embedded store: `serve` opens it without an initdb. */
export async function storeCopy(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hotlinks-e2e-loop-'));
  cpSync(join(await embeddedTemplate(), 'postgres'), join(dir, 'postgres'), { recursive: true });
  return dir;
}

export async function startServe(): Promise<LoopServer> {
  const dataDir = await storeCopy();
  const server = await startLoopServer({ dataDir, env: { HOTMART_HOTTOK: HOTTOK, HOTLINKS_DASHBOARD_TOKEN: LOOP_TOKEN } }).catch((error) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const { origin } = server;
  const query = ({ from, to }: Days = {}) => new URLSearchParams({ ...(from && { from }), ...(to && { to }) }).toString();
  return {
    origin,
    dataDir,
    async collect(report) {
      const answer = await fetch(origin + '/collect', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(report) });
      return answer.status;
    },
    async deliver(delivery) {
      const answer = await fetch(origin + '/hotmart/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hotmart-hottok': HOTTOK },
        body: JSON.stringify(delivery),
      });
      return { status: answer.status, body: await answer.text() };
    },
    async summary(days) {
      const answer = await fetch(`${origin}/api/summary?${query(days)}`, { headers: { authorization: `Bearer ${LOOP_TOKEN}` } });
      if (!answer.ok) throw new Error(`GET /api/summary answered ${answer.status}: ${await answer.text()}`);
      return (await answer.json()) as Summary;
    },
    report: (days = {}) => reportJson({ dataDir, ...days, env: { HOTLINKS_DASHBOARD_TOKEN: LOOP_TOKEN } }) as Promise<Summary>,
    async close() {
      const code = await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (code !== 0) throw new Error(`hotlinks-embed serve stopped with exit code ${code}: ${server.output()}`);
    },
  };
}
