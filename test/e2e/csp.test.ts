/**
 * A page with a strict Content-Security-Policy (scripts and styles from the page's own origin
 * only, Trusted Types required): the scripts, the button and the debug panel work without a
 * single violation or console error.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowser } from './harness/suite';
import { STRICT_CSP, dropin, html } from './harness/site';
import { describeCookies } from './harness/visitor';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; object-src 'none'; base-uri 'none'";
const HOTLINK = 'https://pay.hotmart.com/A72242240H?off=abc';
const strictPage = (body: string, head: string) => ({
  body: html(body, head),
  headers: { 'content-security-policy': CSP },
});
const body = `<h1>Curso</h1>
  <a id="buy" href="${HOTLINK}">Comprar (link)</a>
  <hotlink-buy-button id="button" hotlink="https://pay.hotmart.com/Y70033327T" offer="7hted3u5">
    <a href="https://pay.hotmart.com/Y70033327T?off=7hted3u5">Comprar agora</a>
  </hotlink-buy-button>`;

describeInBrowser('strict Content-Security-Policy', () => {
  const t = useBrowser();

  it('the CSP is really enforced: an inline script is blocked and reported', async () => {
    t.site.page('/inline', strictPage('<script>document.title = "ran"</script>', ''));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/inline'));
    await expect.poll(() => v.violations.map((e) => e.detail.directive)).toEqual(['script-src-elem']);
    expect(await v.page.title()).toBe('test page');
  });

  it.each([
    // The button opens its HotLink with the offer added; without the button, its fallback link is decorated as written.
    { file: 'hotlinks.js', button: (visit: string) => `https://pay.hotmart.com/Y70033327T?af=O95340038V&utm_source=ig&xcod=${visit}&off=7hted3u5` },
    { file: 'hotlinks-capture.js', button: (visit: string) => `https://pay.hotmart.com/Y70033327T?off=7hted3u5&af=O95340038V&utm_source=ig&xcod=${visit}` },
  ] as const)('$file: capture, decoration and checkout with no violation', async ({ file, button }) => {
    t.site.page('/curso', strictPage(body, dropin(file)));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/curso?a=O95340038V&utm_source=ig'));
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@.shop.test secure']);
    // A right click on the link (as for "copy link address"): it carries the code.
    await v.page.click('#buy', { button: 'right' });
    const visit = await v.visit();
    expect(await v.page.getAttribute('#buy', 'href')).toBe(`${HOTLINK}&af=O95340038V&utm_source=ig&xcod=${visit}`);
    await v.page.locator('#button').getByRole('link').first().click();
    expect(await v.reachCheckout()).toBe(button(visit));
    expect(v.violations).toEqual([]);
    expect(v.errors).toEqual([]);
    expect(v.console.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
  });

  it('?hotlinks_debug=1 shows the debug panel with what was captured, with no violation', async () => {
    t.site.page('/curso', strictPage(body, dropin('hotlinks.js')));
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/curso?a=O95340038V&sck=bio&hotlinks_debug=1'));
    const panel = v.page.getByRole('region', { name: 'HotLinks debug' });
    await expect.poll(() => panel.isVisible()).toBe(true);
    const fact = (name: string) => panel.locator(`dd[data-fact="${name}"]`).textContent();
    expect(await fact('affiliate')).toBe('O95340038V');
    expect(await fact('storage')).toBe('first-party cookie "hotlinks"');
    expect(await fact('cookie domain')).toBe('.shop.test (shared by its subdomains)');
    expect(await fact('consent')).toBe('granted');
    expect(await fact('forwarded')).toBe('sck=bio');
    expect(await fact('expires')).toMatch(/\(in 60 days\)$/);
    const visit = await v.visit();
    await expect.poll(() => fact('checkout')).toBe(`https://pay.hotmart.com/Y70033327T?af=O95340038V&sck=bio&xcod=${visit}&off=7hted3u5  (Buy button)`);
    // The probe cookie of the panel is gone again; only the attribution cookie is left.
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@.shop.test secure']);
    // It starts collapsed; from the keyboard it opens, and its close button works.
    const toggle = panel.getByRole('button', { name: 'HotLinks debug', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await v.page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await panel.locator('dl').isVisible()).toBe(true);
    await panel.getByRole('button', { name: 'Close the HotLinks debug panel' }).focus();
    await v.page.keyboard.press('Enter');
    await expect.poll(() => panel.count()).toBe(0);
    expect(v.violations).toEqual([]);
    expect(v.errors).toEqual([]);
    expect(v.console.filter((line) => /^(error|warning)/.test(line))).toEqual([]);
  });

  it('without the flag the panel is never loaded', async () => {
    t.site.page('/plain', strictPage(body, dropin('hotlinks.js')));
    const v = await t.visitor();
    const before = t.site.requests.length;
    await v.page.goto(t.site.url('www.shop.test', '/plain?a=O95340038V&hotlinks_debug=0'));
    await v.page.waitForLoadState('networkidle');
    const loaded = t.site.requests.slice(before).map((r) => r.url.split('?')[0]);
    expect(loaded).toContain('/dist/hotlinks.js');
    expect(loaded).not.toContain('/dist/hotlinks-debug.js');
    expect(await v.page.locator('hotlinks-debug').count()).toBe(0);
  });

  it('pending consent: the panel says so, and nothing is stored', async () => {
    t.site.page('/pending', strictPage(body, dropin('hotlinks-capture.js', { consent: 'pending' })));
    const v = await t.visitor();
    await v.page.goto(t.site.url('blog.shop.test', '/pending?a=Q100328287K&hotlinks_debug=1'));
    const panel = v.page.getByRole('region', { name: 'HotLinks debug' });
    await expect.poll(() => panel.locator('dd[data-fact="consent"]').textContent()).toBe(
      'pending: nothing is written until HotLinks.consent(true)',
    );
    expect(await panel.locator('dd[data-fact="storage"]').textContent()).toBe('this page only (memory): no consent, or cookies refused');
    expect(await panel.locator('dd[data-fact="cookie domain"]').textContent()).toBe('—');
    expect(await v.cookies()).toEqual([]);
    expect(v.violations).toEqual([]);
  });

  it("a Trusted Types allow-list that refuses Lit ('none'): capture runs, the button stays its fallback link, decorated, and it reaches checkout", async () => {
    const fallback = 'https://pay.hotmart.com/A72242240H?off=abc';
    t.site.page('/tt-none', {
      body: html(`<hotlink-buy-button offer="abc"><a id="fallback" href="${fallback}">Garantir minha vaga</a></hotlink-buy-button>`, dropin('hotlinks.js')),
      headers: { 'content-security-policy': STRICT_CSP.replace('trusted-types lit-html', "trusted-types 'none'") },
    });
    const v = await t.visitor();
    await v.page.goto(t.site.url('www.shop.test', '/tt-none?a=O95340038V'));
    await v.page.waitForFunction(() => 'HotLinks' in window);
    expect(await v.page.evaluate(() => customElements.get('hotlink-buy-button'))).toBeUndefined();
    expect(describeCookies(await v.cookies())).toEqual(['hotlinks@.shop.test secure']);
    // What the browser reports: the one refused policy, Lit's (an uncaught error of the bundle, where
    // Lit creates it), and nothing else.
    expect(v.violations.map((e) => [e.detail.directive, e.detail.sample])).toEqual([['trusted-types', 'lit-html']]);
    expect(v.errors).toEqual([expect.stringMatching(/createPolicy.*"lit-html" disallowed/)]);
    expect(v.console.filter((line) => /^(error|warning)/.test(line))).toEqual([expect.stringMatching(/^error: Creating a TrustedTypePolicy named 'lit-html' violates/)]);
    // The visitor presses the fallback link: the core gives it the code; letting go goes there.
    await v.page.hover('#fallback');
    await v.page.mouse.down();
    const decorated = `${fallback}&af=O95340038V&xcod=${await v.visit()}`;
    expect(await v.page.getAttribute('#fallback', 'href')).toBe(decorated);
    await v.page.mouse.up();
    expect(await v.reachCheckout()).toBe(decorated);
  });
});
