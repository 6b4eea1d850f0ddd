/**
 * `examples/server/server.mjs` (a producer's own server, setting the cookie from the HTTP response)
 * in a real browser whose scripts cannot write cookies at all (Safari's tracking prevention at its
 * strictest, a blocker): the attribution still reaches another subdomain and checkout, with reports.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startProducerServer } from '../../examples/server/server.mjs';
import { send } from '../server/http';
import { describeInBrowser, useBrowser } from './harness/suite';

const CODE = 'O95340038V';

describeInBrowser('a server-set attribution when the script cannot write cookies', () => {
  const t = useBrowser();
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    server = await startProducerServer({ port: 0, cookieDomain: 'shop.test', log: () => {} });
  });
  afterAll(() => server?.close());

  it('is read on another subdomain, carried to checkout, and reported', async () => {
    const port = new URL(server.url).port;
    const v = await t.visitor();
    await v.page.addInitScript(() => {
      const real = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
      Object.defineProperty(Document.prototype, 'cookie', { configurable: true, get: real.get, set: () => {} });
    });
    const received = async () => JSON.parse((await send(server.url + 'api/hotlinks')).body) as { event: string; affiliate: string; checkoutUrl?: string }[];

    await v.page.goto(`http://www.shop.test:${port}/server/index.html?a=${CODE}&utm_source=instagram`);
    const [cookie] = (await v.cookies()).filter((c) => c.name == 'hotlinks');
    expect(cookie).toMatchObject({ domain: '.shop.test', path: '/', httpOnly: false, sameSite: 'Lax' });
    expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(59 * 86_400_000);
    expect(await v.page.evaluate(() => (window as unknown as { HotLinks: { getAttribution(): unknown } }).HotLinks.getAttribution())).toMatchObject({
      affiliate: CODE,
      params: { utm_source: 'instagram' },
      storage: 'cookie',
    });
    await expect.poll(received).toEqual([expect.objectContaining({ event: 'attribution', affiliate: CODE })]);

    await v.page.goto(`http://blog.shop.test:${port}/server/index.html`);
    // The visit id is the one the server wrote.
    const href = `https://pay.hotmart.com/A12345678B?off=demo2024&af=${CODE}&utm_source=instagram&xcod=${await v.visit()}`;
    // The visitor presses the link: it carries the code; letting go goes there. The example pages
    // answer checkout locally (a preview of the URL): nothing goes to Hotmart.
    await v.page.hover('#buy');
    await v.page.mouse.down();
    expect(await v.page.getAttribute('#buy', 'href')).toBe(href);
    await v.page.mouse.up();
    await v.page.waitForURL(/\/checkout-preview\?url=/);
    expect(new URL(v.page.url()).searchParams.get('url')).toBe(href);
    await expect.poll(async () => (await received())[0]).toMatchObject({ event: 'checkout', affiliate: CODE, checkoutUrl: href });
    expect(v.errors).toEqual([]);
  });
});
