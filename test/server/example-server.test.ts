// @vitest-environment node
/**
 * `examples/server/server.mjs`, as a producer runs it (`node examples/server/server.mjs`), and the
 * whole journey in a real Chromium: the landing response sets the cookie, the script cannot write
 * cookies at all, and the attribution still reaches another subdomain and checkout, with reports.
 * Needs the build (`npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startProducerServer } from '../../examples/server/server.mjs';
import { e2eRequired, findChromium, launchChromium } from '../e2e/harness/chromium';
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
    expect(landing.setCookie).toEqual([expect.stringMatching(new RegExp(`^hotlinks=1\\|${CODE}\\|[0-9a-z]+\\|[0-9a-z]+\\|utm_source%3Dinstagram; Path=/; Expires=[^;]+; SameSite=Lax$`))]);
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

const chromium = findChromium();

describe.skipIf(!chromium && !e2eRequired())('in Chromium: a server-set attribution when the script cannot write cookies', () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    if (!chromium) throw new Error('HOTLINKS_E2E_REQUIRED=1 but no Chromium found');
    [browser, server] = await Promise.all([launchChromium(chromium), startProducerServer({ port: 0, cookieDomain: 'shop.test', log: () => {} })]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is read on another subdomain, carried to checkout, and reported', { timeout: 60_000 }, async () => {
    const port = new URL(server.url).port;
    const context = await browser.newContext();
    // Every cookie write by script is refused (Safari's tracking prevention at its strictest, a blocker).
    await context.addInitScript(() => {
      const real = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
      Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get: real.get, set: () => {} });
    });
    const page = await context.newPage();
    const received = async () => JSON.parse((await send(server.url + 'api/hotlinks')).body) as { event: string; affiliate: string; checkoutUrl?: string }[];

    await page.goto(`http://www.shop.test:${port}/server/index.html?a=${CODE}&utm_source=instagram`);
    const [cookie] = (await context.cookies()).filter((c) => c.name == 'hotlinks');
    expect(cookie).toMatchObject({ domain: '.shop.test', path: '/', httpOnly: false, sameSite: 'Lax' });
    expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(59 * 86_400_000);
    expect(await page.evaluate(() => (window as any).HotLinks.getAttribution())).toMatchObject({ affiliate: CODE, params: { utm_source: 'instagram' }, storage: 'cookie' });
    await expect.poll(received).toEqual([expect.objectContaining({ event: 'attribution', affiliate: CODE })]);

    await page.goto(`http://blog.shop.test:${port}/server/index.html`);
    const href = `https://pay.hotmart.com/A12345678B?off=demo2024&af=${CODE}&utm_source=instagram`;
    // The visitor presses the link: it carries the code; letting go goes there.
    await page.hover('#buy');
    await page.mouse.down();
    expect(await page.getAttribute('#buy', 'href')).toBe(href);
    await page.mouse.up();
    // The example keeps the visitor on its checkout preview, which names the checkout URL.
    await page.waitForURL(/\/checkout-preview\?/);
    expect(new URL(page.url()).searchParams.get('url')).toBe(href);
    await expect.poll(async () => (await received())[0]).toMatchObject({ event: 'checkout', affiliate: CODE, checkoutUrl: href });
    await context.close();
    // Two page loads in Chromium: beyond the unit suite's 5 s on a busy 2-core machine.
  }, 30_000);
});
