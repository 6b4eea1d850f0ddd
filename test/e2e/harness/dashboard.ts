/**
 * A server with nothing but the dashboard's routes on it, as `serve` mounts them, answering from a
 * fixture summary (test/fixtures/dashboard-summary.ts): on 127.0.0.1, any free port, over http.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dashboardRoutes } from '../../../src/dashboard/index';
import type { Summary } from '../../../src/loop/summary-types';

export const DASHBOARD_TOKEN = 'demo-token-2f1c9e7a5b3d';

export interface DashboardServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The dashboard's address. */
  url: string;
  /** The ranges the page asked the summary for, in order. */
  ranges: { from: string; to: string }[];
  /** What the summary threw. */
  errors: unknown[];
  close(): Promise<void>;
}

export async function startDashboard(
  summary: (range: { from: string; to: string }) => Summary,
  { hottokConfigured = true, port = 0 } = {},
): Promise<DashboardServer> {
  const ranges: DashboardServer['ranges'] = [];
  const errors: unknown[] = [];
  const routes = dashboardRoutes({
    token: DASHBOARD_TOKEN,
    summary: async (range) => (ranges.push(range), summary(range)),
    urls: { collect: '/collect', webhook: '/hotmart/webhook' },
    hottokConfigured,
    onError: (error) => errors.push(error),
  });
  const server = createServer((req, res) =>
    routes.handle(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }),
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: origin + '/',
    ranges,
    errors,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
