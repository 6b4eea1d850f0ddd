/**
 * The dashboard in Chromium, on a server that mounts only its routes, answering from fixture
 * summaries: logging in (refused, then accepted), the numbers on the page against the fixture,
 * sorting by keyboard, the range, both languages, the empty dashboard's instructions, logging out,
 * and what the browser did meanwhile (every request to the server's own origin, no console error,
 * no CSP violation). Also takes the README's screenshots, and times the page with a large summary.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContextOptions, Locator, Request } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { en } from '../../src/dashboard/messages/en';
import { ptBR } from '../../src/dashboard/messages/pt-BR';
import { AFFILIATES, CREDIT_SALES, emptySummary, largeSummary, launchSummary } from '../fixtures/dashboard-summary';
import { DASHBOARD_TOKEN, type DashboardServer, startDashboard } from './harness/dashboard';
import { saveScreenshot } from './harness/screenshots';
import { describeInBrowser, useBrowser } from './harness/suite';
import type { Visitor } from './harness/visitor';

/** A fixed clock, locale and window: the screenshots change only when the page does. */
const SCREEN: BrowserContextOptions = { viewport: { width: 1200, height: 900 }, locale: 'en-US', timezoneId: 'UTC' };
const PORTUGUESE: BrowserContextOptions = { ...SCREEN, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' };
const NOW = new Date('2030-03-01T12:00:00Z');

describeInBrowser('the dashboard', () => {
  const t = useBrowser();
  let launch: DashboardServer;
  let empty: DashboardServer;
  let large: DashboardServer;
  beforeAll(async () => {
    [launch, empty, large] = await Promise.all([
      // A store that fails for one range (in 2001), to see the page say so.
      startDashboard((range) => {
        if (range.from.startsWith('2001')) throw new Error('store down');
        return launchSummary(range);
      }),
      startDashboard(emptySummary, { hottokConfigured: false }),
      // 90 days, whatever range the page asks for.
      startDashboard((range) => largeSummary({ from: new Date(Date.parse(range.to) - 89 * 86_400_000).toISOString().slice(0, 10), to: range.to })),
    ]);
  });
  afterAll(() => Promise.all([launch, empty, large].map((server) => server?.close())));

  /** A visitor whose every request is recorded; the clock fixed at NOW unless `realClock`. */
  const visit = async (options = SCREEN, realClock = false): Promise<Visitor & { requests: string[] }> => {
    const v = await t.visitor(options);
    if (!realClock) await v.context.clock.setFixedTime(NOW);
    const requests: string[] = [];
    v.page.on('request', (request: Request) => requests.push(request.url()));
    return Object.assign(v, { requests });
  };
  const logIn = async (v: Visitor, server: DashboardServer, token = DASHBOARD_TOKEN, label = en.login.label, submit = en.login.submit) => {
    await v.page.getByLabel(label).fill(token);
    await v.page.getByRole('button', { name: submit }).click();
  };
  const ready = (v: Visitor) => v.page.waitForSelector('#dashboard[data-state="ready"]');
  const figure = (v: Visitor, name: string) => v.page.locator(`[data-figure="${name}"]`);
  /** Intl's no-break spaces (in "R$ 1,00", "2:32 PM") as plain ones, to write the expected text plainly. */
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
  const cells = async (row: Locator) => (await row.locator('th, td').allInnerTexts()).map(plain);
  const shownIn = async (locator: Locator) => plain(await locator.innerText());
  const rowOf = (v: Visitor, section: string, name: string) => v.page.locator(`#${section} tbody tr`).filter({ has: v.page.getByRole('rowheader', { name, exact: true }) });
  /** Nothing went wrong in the browser, and nothing was asked of another host. */
  const clean = (v: Visitor & { requests: string[] }, server: DashboardServer, consoleAllowed: RegExp[] = []) => {
    expect(v.requests.filter((url) => !url.startsWith(server.origin + '/'))).toEqual([]);
    expect(v.refused).toEqual([]);
    expect(v.errors).toEqual([]);
    expect(v.violations).toEqual([]);
    expect(v.console.filter((line) => /^(error|warning)/.test(line) && !consoleAllowed.some((allowed) => allowed.test(line)))).toEqual([]);
  };

  it('a wrong token is refused with nothing shown; the right one opens the dashboard, whose numbers are the summary\'s', async () => {
    const v = await visit();
    await v.page.goto(launch.url);
    expect(await v.page.title()).toBe('Sales dashboard · HotLinks');
    await logIn(v, launch, 'not-the-token');
    await expect.poll(() => v.page.getByRole('alert').textContent()).toBe(en.login.wrong);
    expect(await v.page.locator('#dashboard').count()).toBe(0);
    expect(launch.ranges).toEqual([]);

    await logIn(v, launch);
    await ready(v);
    expect(v.page.url()).toBe(launch.url);
    // The last 30 days up to the fixed clock's day, asked of the summary once.
    expect(launch.ranges).toEqual([{ from: '2030-01-31', to: '2030-03-01' }]);
    expect(await v.page.getByRole('status').textContent()).toBe('Showing Jan 31, 2030 to Mar 1, 2030 (UTC days).');
    expect(await v.page.getByRole('button', { name: 'Last 30 days' }).getAttribute('aria-pressed')).toBe('true');

    // Headline figures.
    const figures = await v.page.locator('[data-figure]').evaluateAll((els) => els.map((el) => [...el.querySelectorAll('dd')].map((dd) => (dd as HTMLElement).innerText)));
    expect(figures).toEqual([
      ['3,432', 'of 4,962 visits'],
      ['589', '11.9% of visits'],
      ['53', '9% of departures'],
      ['R$8,274.00\n$343.00', 'net of refunds and chargebacks'],
      ['4', '3 refunded · 1 charged back'],
    ]);
    expect(await v.page.locator('[data-alert="credit"]').innerText()).toBe(
      '! 7 sales lost their affiliate’s credit, or went to another affiliate (R$1,182.00 + $49.00). See the credit check',
    );

    // The credit check: each class with its sales and revenue, in words.
    const classes = await v.page.locator('table.classes tbody tr').evaluateAll((rows) =>
      rows.map((row) => [...(row as HTMLTableRowElement).cells].slice(0, 3).map((cell) => (cell as HTMLElement).innerText)),
    );
    expect(classes).toEqual([
      ['✓ Credited as captured', '36', 'R$5,713.00\n$196.00'],
      ['✕ Affiliate lost', '4', 'R$591.00\n$49.00'],
      ['⇄ Another affiliate credited', '3', 'R$591.00'],
      ['◆ Credited by Hotmart only', '4', 'R$591.00\n$49.00'],
      ['? Not joined to a visit', '6', 'R$788.00\n$49.00'],
    ]);
    expect(await v.page.locator('tr[data-class="lost"] .advice').textContent()).toBe(en.credit.advice.lost);
    // The sales to look at: transaction, date, class, captured and credited affiliate, value.
    const listed = v.page.locator('#credit .table-scroll').nth(1).locator('tbody tr');
    expect(await listed.count()).toBe(CREDIT_SALES.length);
    expect(await cells(listed.nth(0))).toEqual(['HP1739201874', 'Feb 27, 2030, 2:32 PM', '✕ Affiliate lost', 'O95340038V', 'none', 'R$197.00']);
    expect(await cells(listed.nth(1))).toEqual(['HP1739118350', 'Feb 24, 2030, 9:05 PM', '⇄ Another affiliate credited', 'Q100328287K', 'X99887766Y', 'R$197.00']);
    expect(await cells(listed.nth(2))).toEqual(['HP1738990412', 'Feb 19, 2030, 10:12 AM', '✕ Affiliate lost', 'H55501234P', 'none', '$49.00']);

    // An affiliate's funnel and a campaign's.
    expect(await v.page.locator('#affiliates thead th').allInnerTexts()).toEqual([
      'Affiliate↕', 'Visits↕', 'Departures↕', 'Departures per visit↕', 'Sales▼', 'Sales per departure↕', 'Refunds↕', 'Revenue (BRL)↕', 'Revenue (USD)↕',
    ]);
    expect(await cells(rowOf(v, 'affiliates', 'O95340038V'))).toEqual(['O95340038V', '1,240', '212', '17.1%', '18', '8.5%', '1', 'R$2,955.00', '$98.00']);
    expect(await cells(rowOf(v, 'affiliates', 'R61234567S'))).toEqual(['R61234567S', '41', '2', '4.9%', '0', '0%', '0', '—', '—']);
    const instagram = v.page.locator('#campaigns tbody tr').filter({ hasText: 'lancamento-marco' }).first();
    expect(await cells(instagram)).toEqual(['instagram', 'lancamento-marco', '1,610', '240', '14.9%', '20', '8.3%', '1', 'R$3,349.00', '$98.00']);
    expect(await cells(v.page.locator('#campaigns tbody tr').last())).toEqual(['(none)', '(none)', '374', '23', '6.1%', '2', '8.7%', '0', 'R$197.00', '$49.00']);

    // The chart is drawn, and its numbers are in a table too.
    expect(await v.page.locator('.chart canvas').count()).toBe(1);
    expect(await v.page.locator('.chart .u-legend').innerText()).toContain('Visits');
    await v.page.getByText(en.chart.tableToggle).click();
    const dayRows = v.page.locator('.per-day details tbody tr');
    expect(await dayRows.count()).toBe(30);
    const sums = await dayRows.evaluateAll((rows) =>
      rows.reduce((sum, row) => sum.map((s, i) => s + Number((row as HTMLTableRowElement).cells[i + 1].textContent!.replace(/,/g, ''))), [0, 0, 0]),
    );
    expect(sums).toEqual([4962, 589, 53]);
    await v.page.getByText(en.chart.tableToggle).click();

    await saveScreenshot('dashboard.png', await v.page.screenshot({ fullPage: true, animations: 'disabled' }));
    // The guides' picture of the credit check (docs/guide.md; README.pt-BR.md has the Portuguese one, below).
    await saveScreenshot('credit-check.png', await v.page.locator('#credit').screenshot({ animations: 'disabled' }));
    // The refused login is a 401 document, which Chromium notes on the console; nothing else is there.
    clean(v, launch, [/^error: Failed to load resource: the server responded with a status of 401/]);
  });

  const loggedIn = async (server = launch, options = SCREEN) => {
    const v = await visit(options);
    await v.page.goto(server.url);
    await logIn(v, server, DASHBOARD_TOKEN, options.locale == 'pt-BR' ? ptBR.login.label : en.login.label, options.locale == 'pt-BR' ? ptBR.login.submit : en.login.submit);
    await ready(v);
    return v;
  };

  it('sorts a funnel by keyboard: a header button sorts by its column, sets aria-sort, and again reverses', async () => {
    const v = await loggedIn();
    const table = v.page.locator('#affiliates table');
    const codes = () => table.locator('tbody th').allTextContents();
    const sorted = () => table.locator('th[aria-sort]').evaluateAll((ths) => ths.map((th) => `${th.textContent!.replace(/ ?[▲▼↕]$/, '')}: ${th.getAttribute('aria-sort')}`));
    expect(await sorted()).toEqual(['Sales: descending']);
    expect(await codes()).toEqual(AFFILIATES.map((a) => a.code));

    // Tab from the Affiliate header's button to Visits', then Enter.
    await table.getByRole('button', { name: 'Affiliate' }).focus();
    await v.page.keyboard.press('Tab');
    expect(await v.page.evaluate(() => document.activeElement!.textContent)).toBe('Visits↕');
    await v.page.keyboard.press('Enter');
    expect(await sorted()).toEqual(['Visits: descending']);
    const byVisits = [...AFFILIATES].sort((a, b) => b.visits - a.visits).map((a) => a.code);
    expect(await codes()).toEqual(byVisits);
    await v.page.keyboard.press('Space');
    expect(await sorted()).toEqual(['Visits: ascending']);
    expect(await codes()).toEqual([...byVisits].reverse());

    // Text sorts A to Z first; a rate with no departures sorts last either way.
    await table.getByRole('button', { name: 'Affiliate' }).focus();
    await v.page.keyboard.press('Enter');
    expect(await sorted()).toEqual(['Affiliate: ascending']);
    expect(await codes()).toEqual(AFFILIATES.map((a) => a.code).sort());
    // The focus ring is visible on the focused button.
    const outline = await table.getByRole('button', { name: 'Affiliate' }).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    clean(v, launch);
  });

  it('the range: a preset, then dates typed in, each fetched once and kept in the address', async () => {
    const v = await loggedIn();
    const since = launch.ranges.length;
    await v.page.getByRole('button', { name: 'Last 7 days' }).click();
    await expect.poll(() => v.page.getByRole('status').textContent()).toBe('Showing Feb 23, 2030 to Mar 1, 2030 (UTC days).');
    expect(v.page.url()).toBe(launch.url + '?days=7');
    expect(await v.page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');

    await v.page.getByLabel('From', { exact: true }).fill('2030-01-05');
    await v.page.getByLabel('To', { exact: true }).fill('2030-01-20');
    await v.page.getByLabel('To', { exact: true }).press('Enter');
    await expect.poll(() => v.page.getByRole('status').textContent()).toBe('Showing Jan 5, 2030 to Jan 20, 2030 (UTC days).');
    expect(v.page.url()).toBe(launch.url + '?from=2030-01-05&to=2030-01-20');
    expect(await v.page.locator('[aria-pressed="true"]').count()).toBe(0);
    expect(launch.ranges.slice(since)).toEqual([
      { from: '2030-02-23', to: '2030-03-01' },
      { from: '2030-01-05', to: '2030-01-20' },
    ]);
    // Dates in the wrong order are refused on the page, and nothing is fetched.
    await v.page.getByLabel('From', { exact: true }).fill('2030-02-10');
    await v.page.getByRole('button', { name: 'Show' }).click();
    expect(await v.page.locator('.range .problem').textContent()).toBe(en.range.invalid);
    expect(launch.ranges.length).toBe(since + 2);

    // Reloaded, the address keeps the range.
    await v.page.reload();
    await ready(v);
    expect(launch.ranges.at(-1)).toEqual({ from: '2030-01-05', to: '2030-01-20' });
    // An address no day can be in (a 13th month, February 30): the last 30 days, as with no range.
    await v.page.goto(launch.url + '?from=2030-13-01&to=2030-02-30');
    await ready(v);
    expect(launch.ranges.at(-1)).toEqual({ from: '2030-01-31', to: '2030-03-01' });

    // A summary that fails: the page says so, with the server's reason, and offers to try again.
    await v.page.goto(launch.url + '?from=2001-01-01&to=2001-01-31');
    const alert = v.page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('The numbers could not be loaded (500: the summary could not be computed). Try again');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => launch.errors.length).toBe(2);
    // The page draws the failure once the answer has arrived, a moment after the server counted it.
    await expect.poll(() => v.page.locator('#dashboard').getAttribute('data-state')).toBe('failed');
    clean(v, launch, [/^error: Failed to load resource: the server responded with a status of 500/]);
  });

  it('speaks Portuguese (Brazil) to a pt-BR browser, with its money and dates, and English to an English one, neither leaking into the other', async () => {
    const v = await loggedIn(launch, PORTUGUESE);
    expect(await v.page.getAttribute('html', 'lang')).toBe('pt-BR');
    expect(await v.page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Período', 'Resumo', 'Visitas, saídas e vendas por dia', 'Afiliados', 'Campanhas', 'Conferência de crédito',
    ]);
    expect(await shownIn(figure(v, 'revenue').locator('.value'))).toBe('R$ 8.274,00\nUS$ 343,00');
    expect(await figure(v, 'visitsWithCode').locator('.value').innerText()).toBe('3.432');
    expect(await cells(rowOf(v, 'affiliates', 'O95340038V'))).toEqual(['O95340038V', '1.240', '212', '17,1%', '18', '8,5%', '1', 'R$ 2.955,00', 'US$ 98,00']);
    // A sale's moment on the visitor's own clock (São Paulo, UTC-3).
    expect(await cells(v.page.locator('#credit .table-scroll').nth(1).locator('tbody tr').first())).toEqual([
      'HP1739201874', '27 de fev. de 2030, 11:32', '✕ Afiliado perdido', 'O95340038V', 'nenhum', 'R$ 197,00',
    ]);
    await saveScreenshot('credit-check-pt-BR.png', await v.page.locator('#credit').screenshot({ animations: 'disabled' }));
    const sentences = (messages: object): string[] =>
      Object.values(messages).flatMap((value) => (typeof value == 'string' ? [value] : value && typeof value == 'object' ? sentences(value) : []));
    const shown = await v.page.locator('body').innerText();
    expect(sentences(en).filter((sentence) => sentence.includes(' ') && shown.includes(sentence))).toEqual([]);
    clean(v, launch);

    const e = await loggedIn(launch, { ...SCREEN, locale: 'en-GB' });
    expect(await e.page.getAttribute('html', 'lang')).toBe('en');
    expect(await shownIn(figure(e, 'revenue').locator('.value'))).toBe('R$8,274.00\nUS$343.00');
    const english = await e.page.locator('body').innerText();
    expect(sentences(ptBR).filter((sentence) => sentence.includes(' ') && english.includes(sentence))).toEqual([]);
    expect(await e.page.getByRole('status').textContent()).toBe('Showing 31 Jan 2030 to 1 Mar 2030 (UTC days).');
  });

  it('empty: says what to paste where, with this server\'s own addresses, and that the hottok is missing', async () => {
    const v = await loggedIn(empty);
    const steps = v.page.locator('.steps > li');
    expect(await steps.locator('h3').allTextContents()).toEqual([en.empty.collectHeading, en.empty.webhookHeading, en.empty.hottokHeading]);
    expect(await v.page.locator('[data-step="collect"] .paste code').textContent()).toBe(`data-collect="${empty.origin}/collect"`);
    expect(await v.page.locator('[data-step="webhook"] .paste code').textContent()).toBe(`${empty.origin}/hotmart/webhook`);
    expect(await v.page.locator('[data-step="hottok"] p').textContent()).toBe(en.empty.hottokMissing);
    expect(await v.page.locator('[data-alert="local"]').textContent()).toBe(en.empty.local('127.0.0.1'));
    expect(await v.page.locator('[data-figure], .chart, table').count()).toBe(0);

    // Behind the producer's reverse proxy, the addresses are the public ones it forwards.
    await v.page.setExtraHTTPHeaders({ 'x-forwarded-host': 'vendas.loja.com.br', 'x-forwarded-proto': 'https' });
    await v.page.reload();
    await ready(v);
    expect(await v.page.locator('[data-step="collect"] .paste code').textContent()).toBe('data-collect="https://vendas.loja.com.br/collect"');
    expect(await v.page.locator('[data-step="webhook"] .paste code').textContent()).toBe('https://vendas.loja.com.br/hotmart/webhook');
    expect(await v.page.locator('[data-alert="local"]').count()).toBe(0);
    await saveScreenshot('dashboard-empty.png', await v.page.screenshot({ fullPage: true, animations: 'disabled' }));
    clean(v, empty);
  });

  it('logging out ends the session: the login form again, and the summary refused to the same browser', async () => {
    const v = await loggedIn();
    await v.page.getByRole('button', { name: 'Log out' }).click();
    await v.page.getByLabel(en.login.label).waitFor();
    expect(await v.cookies()).toEqual([]);
    const status = await v.page.evaluate(() => fetch('api/summary').then((response) => response.status));
    expect(status).toBe(401);
    clean(v, launch, [/^error: Failed to load resource: the server responded with a status of 401/]);
  });

  it('passes axe-core\'s WCAG 2.1 A/AA and best-practice rules: the login form, the dashboard (its day table open), the empty one', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const RULES = { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] };
    /** axe's violations on the page as it is: rule, and the first elements it names. */
    const audit = (v: Visitor) =>
      v.page.evaluate(`${axe}; axe.run(${JSON.stringify(RULES)}).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))`);
    // axe is injected as a script, which the page's own CSP (rightly) refuses: this context lets it in.
    const v = await t.visitor({ ...SCREEN, bypassCSP: true });
    await v.page.goto(launch.url);
    expect(await audit(v), 'login form').toEqual([]);
    await logIn(v, launch);
    await ready(v);
    await v.page.getByText(en.chart.tableToggle).click();
    expect(await audit(v), 'dashboard').toEqual([]);
    // Cookies ignore ports: the session (same token) opens the other server's dashboard too.
    await v.page.goto(empty.url);
    await ready(v);
    expect(await audit(v), 'empty dashboard').toEqual([]);
  });

  it('opens in well under a second with 500 affiliates, 300 campaigns, 90 days and 500 sales to look at', async () => {
    // The real clock, in a context of its own (a context keeps the clock a test installed):
    // Playwright's fake clock replaces `performance`, whose mark times the page.
    const v = await visit({ ...SCREEN, viewport: { width: 1280, height: 900 } }, true);
    await v.page.goto(large.url);
    await logIn(v, large);
    await ready(v);
    // Timed on a second load, with the session: navigation start to the tables and chart drawn.
    await v.page.reload();
    await ready(v);
    const ms = await v.page.evaluate(() => performance.getEntriesByName('hotlinks-dashboard-ready')[0].startTime);
    expect(await v.page.locator('#affiliates tbody tr').count()).toBe(500);
    expect(await v.page.locator('#credit .table-scroll').nth(1).locator('tbody tr').count()).toBe(500);
    expect(await v.page.locator('.per-day details tbody tr').count()).toBe(90);
    console.log(`dashboard: ${Math.round(ms)} ms from navigation to the page drawn (large summary)`);
    expect(ms).toBeLessThan(1000);
    clean(v, large);
  });
});
