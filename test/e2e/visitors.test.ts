/**
 * The harness's promise that tests take turns in a browser context (harness/visitor.ts,
 * `VisitorContext`) without meeting: each visitor starts with no cookie, no local storage and no
 * page but their own. The second test relies on the first having run before it, in the same context.
 */
import { expect, it } from 'vitest';
import { html } from './harness/site';
import { describeInBrowser, useBrowser } from './harness/suite';

describeInBrowser('visitors taking turns in one browser context', () => {
  const t = useBrowser();
  let first: unknown;

  it('a visitor leaves cookies, local storage and a second tab behind', async () => {
    t.site.page('/leave', html('<p>here</p>', '<script>document.cookie = "left=1; path=/"; localStorage.setItem("left", "1");</script>'));
    const v = await t.visitor();
    first = v.context;
    await v.page.goto(t.site.url('www.shop.test', '/leave'));
    await v.context.newPage();
    expect((await v.cookies()).map((c) => c.name)).toEqual(['left']);
  });

  it('the next visitor, in the same context, finds none of it', async () => {
    t.site.page('/find', html('<p>here</p>', ''));
    const v = await t.visitor();
    expect(v.context).toBe(first);
    expect(v.context.pages()).toEqual([v.page]);
    expect(await v.cookies()).toEqual([]);
    await v.page.goto(t.site.url('www.shop.test', '/find'));
    expect(await v.page.evaluate(() => [document.cookie, localStorage.length])).toEqual(['', 0]);
  });
});
