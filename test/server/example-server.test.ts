// @vitest-environment node
/**
 * `examples/server/server.mjs`, as a producer runs it (`node examples/server/server.mjs`). The whole
 * journey through it in a real Chromium is in test/e2e/example-server.test.ts.
 * Needs the build (`npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageLoad, send } from './http';

const CODE = 'O95340038V';
const REPORT = { event: 'attribution', affiliate: CODE, page: 'https://www.shop.test/', params: {}, timestamp: 1 };

describe('node examples/server/server.mjs', () => {
  let origin: string;
  let stop: () => void;
  beforeAll(async () => {
    const child = spawn(process.execPath, ['examples/server/server.mjs'], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    stop = () => child.kill();
    origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const address = out.match(/producer server: (http:\/\/127\.0\.0\.1:\d+)\//);
        if (address) resolve(address[1]);
      });
      child.stderr.on('data', (chunk) => reject(new Error(String(chunk))));
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
  });
  afterAll(() => stop());

  it('prints its address on 127.0.0.1 and sets the cookie on a landing page, host-only there', async () => {
    const landing = await send(origin + `/server/index.html?a=${CODE}&utm_source=instagram`, { headers: { 'sec-fetch-mode': 'navigate' } });
    expect(landing.status).toBe(200);
    expect(landing.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(landing.body).toContain('data-collect="/api/hotlinks"');
    expect(landing.setCookie).toEqual([expect.stringMatching(new RegExp(`^hotlinks=2\\|${CODE}\\|[0-9a-z]+\\|[0-9a-z]+\\|utm_source%3Dinstagram\\|[\\w-]{16}; Path=/; Max-Age=\\d+; SameSite=Lax$`))]);
  });

  it('serves the other examples and the scripts, without cookies on the scripts', async () => {
    const script = await send(origin + `/dist/hotlinks-capture.js?a=${CODE}`, { headers: { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' } });
    expect([script.status, script.headers['content-type'], script.setCookie]).toEqual([200, 'text/javascript; charset=utf-8', []]);
    expect((await send(origin + '/', { headers: pageLoad('shop.test') })).status).toBe(200);
    expect((await send(origin + '/../package.json')).status).toBe(404);
  });

  it('receives reports at /api/hotlinks and refuses malformed ones', async () => {
    const headers = { 'content-type': 'text/plain;charset=UTF-8' };
    expect((await send(origin + '/api/hotlinks', { method: 'POST', headers, body: JSON.stringify(REPORT) })).status).toBe(204);
    const refused = await send(origin + '/api/hotlinks', { method: 'POST', headers, body: '{"event":"x"}' });
    expect(refused.status).toBe(400);
    const received = JSON.parse((await send(origin + '/api/hotlinks')).body);
    expect(received).toEqual([REPORT]);
  });
});
