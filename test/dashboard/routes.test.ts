// @vitest-environment node
/**
 * The dashboard's routes over real HTTP on loopback, as a browser (or curl) meets them: the login
 * form and what a wrong token gets, the session cookie's attributes, Bearer, logout, cross-site
 * posts refused, nothing changed by a GET, the API's 401, and the headers on every answer.
 * Needs the built page (dist/dashboard/, `npm test` builds first).
 */
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, type DashboardOptions, SESSION_COOKIE, dashboardRoutes, parseRange } from '../../src/dashboard/index';
import { negotiate } from '../../src/dashboard/language';
import { en } from '../../src/dashboard/messages/en';
import { ptBR } from '../../src/dashboard/messages/pt-BR';
import { sessions } from '../../src/dashboard/session';
import { emptySummary, launchSummary } from '../fixtures/dashboard-summary';
import { type Answer, listen, send } from '../server/http';

const TOKEN = 'tok_3f9a1c07b2e84d5a9c6e0b1d2f3a4b5c';
const FORM = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

interface Served {
  origin: string;
  /** The ranges the summary was asked for. */
  ranges: { from: string; to: string }[];
  /** Requests that were not the dashboard's (passed on to `next`). */
  passed: string[];
  errors: unknown[];
}

async function serve(options: Partial<DashboardOptions> = {}): Promise<Served> {
  const served = { ranges: [], passed: [], errors: [] } as unknown as Served;
  const routes = dashboardRoutes({
    token: TOKEN,
    summary: async (range) => (served.ranges.push(range), launchSummary(range)),
    urls: { collect: '/collect', webhook: '/hotmart/webhook' },
    hottokConfigured: true,
    onError: (error) => served.errors.push(error),
    ...options,
  });
  served.origin = await listen((req, res) =>
    routes.handle(req, res, () => {
      served.passed.push(`${req.method} ${req.url}`);
      res.writeHead(404).end('not the dashboard');
    }),
  );
  return served;
}

const login = (origin: string, token: string, headers: Record<string, string> = FORM, path = '/login') =>
  send(origin + path, { method: 'POST', headers, body: new URLSearchParams({ token }).toString() });

/** The session cookie a successful login set, as a `Cookie` header. */
function sessionOf(answer: Answer): string {
  const cookie = answer.setCookie.find((c) => c.startsWith(SESSION_COOKIE + '='));
  expect(cookie, 'a session cookie').toBeDefined();
  return cookie!.split(';')[0];
}

async function loggedIn(served: Served): Promise<string> {
  return sessionOf(await login(served.origin, TOKEN));
}

const attributes = (setCookie: string) =>
  setCookie
    .split(';')
    .slice(1)
    .map((part) => part.trim().split('=')[0].toLowerCase())
    .sort();

function expectSecurityHeaders(answer: Answer) {
  expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(answer.headers['content-security-policy']).toMatch(/^default-src 'self';/);
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(answer.headers['referrer-policy']).toBe('no-referrer');
  expect(answer.headers['x-frame-options']).toBe('DENY');
}

describe('login', () => {
  it('without a session, / is the login form and nothing else: no numbers, no addresses', async () => {
    const { origin, ranges } = await serve();
    const page = await send(origin + '/', { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post" action="login">');
    expect(page.body).toContain('<label for="token">Dashboard token</label>');
    expect(page.body).toMatch(/<input id="token" name="token" type="password"/);
    expect(page.body).not.toMatch(/dashboard\.js|data-collect-url|\/hotmart\/webhook/);
    expect(page.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(page);
    expect(ranges).toEqual([]);
  });

  it('a wrong token is refused with 401, a sentence saying so, the form again and no cookie', async () => {
    const { origin } = await serve();
    for (const wrong of ['', 'x', TOKEN.slice(0, -1), TOKEN + 'x', TOKEN.toUpperCase(), 'x'.repeat(1000)]) {
      const answer = await send(origin + '/login', { method: 'POST', headers: { ...FORM, 'accept-language': 'en' }, body: `token=${encodeURIComponent(wrong)}` });
      expect(answer.status, wrong).toBe(401);
      expect(answer.body).toContain(`<p class="problem" id="problem" role="alert">${en.login.wrong}</p>`);
      expect(answer.body).toContain('action="login"');
      expect(answer.setCookie).toEqual([]);
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });

  it('the right token sets an HttpOnly, SameSite=Strict session cookie on the dashboard path and sends the browser to the dashboard', async () => {
    const { origin } = await serve();
    const answer = await login(origin, TOKEN);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const [cookie] = answer.setCookie;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=v1\\.[0-9a-z]+\\.[0-9a-f]{32}\\.[0-9a-f]{64}; `));
    expect(cookie).toContain('; Path=/;');
    expect(cookie).toContain('; Max-Age=604800;');
    expect(attributes(cookie)).toEqual(['httponly', 'max-age', 'path', 'samesite']);
    expect(cookie).toContain('SameSite=Strict');
    // The token itself is never in the cookie.
    expect(cookie).not.toContain(TOKEN);
  });

  it('over https (the connection, or a proxy saying X-Forwarded-Proto: https) the cookie is Secure', async () => {
    const { origin } = await serve();
    const answer = await login(origin, TOKEN, { ...FORM, 'x-forwarded-proto': 'https' });
    expect(attributes(answer.setCookie[0])).toEqual(['httponly', 'max-age', 'path', 'samesite', 'secure']);
  });

  it('with the session cookie, / is the dashboard shell with this server\'s addresses', async () => {
    const served = await serve();
    const cookie = await loggedIn(served);
    const page = await send(served.origin + '/', { headers: { cookie, 'accept-language': 'en-GB,en;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('<script type="module" src="assets/dashboard.js"></script>');
    expect(page.body).toContain(`data-collect-url="${served.origin}/collect"`);
    expect(page.body).toContain(`data-webhook-url="${served.origin}/hotmart/webhook"`);
    expect(page.body).toContain('data-hottok="configured"');
    expect(page.body).toContain('data-locale="en-GB"');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(page.body).not.toMatch(/\sstyle=/);
    expectSecurityHeaders(page);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('behind a reverse proxy, the addresses shown are the public ones it forwards (host without the app\'s port)', async () => {
    const served = await serve();
    const cookie = await loggedIn(served);
    const page = (forwarded: Record<string, string>) => send(served.origin + '/', { headers: { cookie, ...forwarded } }).then((answer) => answer.body);
    expect(await page({ 'x-forwarded-host': 'vendas.loja.com.br', 'x-forwarded-proto': 'https' })).toContain('data-collect-url="https://vendas.loja.com.br/collect"');
    expect(await page({ 'x-forwarded-host': 'vendas.loja.com.br:8443', 'x-forwarded-proto': 'https' })).toContain('data-webhook-url="https://vendas.loja.com.br:8443/hotmart/webhook"');
    // Absolute URLs are shown as given.
    const absolute = await serve({ urls: { collect: 'https://coleta.loja.com.br/c', webhook: 'https://coleta.loja.com.br/w' } });
    const shell = await send(absolute.origin + '/', { headers: { cookie: await loggedIn(absolute) } });
    expect(shell.body).toContain('data-collect-url="https://coleta.loja.com.br/c" data-webhook-url="https://coleta.loja.com.br/w"');
  });

  it('a login form posted from another site is refused (Sec-Fetch-Site, or Origin for older browsers), even with the right token', async () => {
    const { origin } = await serve();
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ]) {
      const answer = await login(origin, TOKEN, { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en', ...headers });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body).toContain(en.login.crossSite);
      expect(answer.setCookie).toEqual([]);
    }
    // The page's own origin, as an older browser says it.
    const own = await login(origin, TOKEN, { 'content-type': 'application/x-www-form-urlencoded', origin });
    expect(own.status).toBe(303);
  });

  it('a body that is not a login form gets a clear answer and no cookie', async () => {
    const { origin } = await serve();
    const json = await send(origin + '/login', { method: 'POST', headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, body: JSON.stringify({ token: TOKEN }) });
    expect(json.status).toBe(415);
    const big = await send(origin + '/login', { method: 'POST', headers: FORM, body: `token=${TOKEN}&pad=${'x'.repeat(5000)}` });
    expect(big.status).toBe(413);
    const none = await send(origin + '/login', { method: 'POST', headers: FORM, body: 'password=x' });
    expect(none.status).toBe(400);
    for (const answer of [json, big, none]) expect(answer.setCookie).toEqual([]);
  });

  it('a login form another middleware already read, and kept nothing of, gets a 400 at once (not a 500, not a wait)', async () => {
    const errors: unknown[] = [];
    const routes = dashboardRoutes({ token: TOKEN, urls: { collect: '/collect', webhook: '/hotmart/webhook' }, hottokConfigured: true, onError: (e) => errors.push(e) });
    const origin = await listen((req, res) => {
      req.resume();
      req.on('end', () => void routes.handle(req, res));
    });
    const started = Date.now();
    const answer = await login(origin, TOKEN);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain(ptBR.login.malformed);
    expect(answer.setCookie).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errors).toEqual([]);
  });

  it('GET changes nothing: /login only redirects, /logout is refused and the session still works', async () => {
    const served = await serve();
    const cookie = await loggedIn(served);
    const getLogin = await send(served.origin + `/login?token=${TOKEN}`);
    expect(getLogin.status).toBe(303);
    expect(getLogin.setCookie).toEqual([]);
    const getLogout = await send(served.origin + '/logout', { headers: { cookie } });
    expect(getLogout.status).toBe(405);
    expect(getLogout.headers.allow).toBe('POST');
    expect(getLogout.setCookie).toEqual([]);
    expect((await send(served.origin + '/api/summary', { headers: { cookie } })).status).toBe(200);
    // Nor does a token in the address log anyone in.
    const withToken = await send(served.origin + `/?token=${TOKEN}`);
    expect(withToken.body).toContain('action="login"');
    expect(withToken.setCookie).toEqual([]);
  });
});

describe('logout', () => {
  it('clears the cookie, and the session it held stops working even if a copy is kept', async () => {
    const served = await serve();
    const cookie = await loggedIn(served);
    const answer = await send(served.origin + '/logout', { method: 'POST', headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    expect(answer.setCookie[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Expires=Thu, 01 Jan 1970 00:00:00 GMT$`));
    expect((await send(served.origin + '/api/summary', { headers: { cookie } })).status).toBe(401);
    expect((await send(served.origin + '/', { headers: { cookie } })).body).toContain('action="login"');
  });

  it('a logout posted from another site is refused and the session goes on', async () => {
    const served = await serve();
    const cookie = await loggedIn(served);
    const answer = await send(served.origin + '/logout', { method: 'POST', headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(answer.status).toBe(403);
    expect(answer.setCookie).toEqual([]);
    expect((await send(served.origin + '/api/summary', { headers: { cookie } })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('a changed token ends every session; a forged, altered or expired one is refused', async () => {
    const now = Date.parse('2030-03-01T12:00:00Z');
    const ours = sessions(TOKEN);
    const value = await ours.open(now);
    expect(await ours.isValid(value, now)).toBe(true);
    expect(await sessions('another token').isValid(value, now)).toBe(false);
    expect(await ours.isValid(value, now + 7 * 86_400_000 + 1000)).toBe(false);
    const [v, expires, id, mac] = value.split('.');
    const later = (parseInt(expires, 36) + 86_400).toString(36);
    expect(await ours.isValid([v, later, id, mac].join('.'), now)).toBe(false);
    expect(await ours.isValid([v, expires, id.replace(/^./, (c) => (c == 'a' ? 'b' : 'a')), mac].join('.'), now)).toBe(false);
    expect(await ours.isValid([v, expires, id, mac.replace(/^./, (c) => (c == 'a' ? 'b' : 'a'))].join('.'), now)).toBe(false);
    for (const junk of ['', 'v1', `v1.${expires}.${id}`, value + '0', value.toUpperCase()]) expect(await ours.isValid(junk, now)).toBe(false);
  });

  it('the server that issued a session under one token refuses it under another', async () => {
    const first = await serve();
    const cookie = await loggedIn(first);
    const second = await serve({ token: 'a different token' });
    expect((await send(second.origin + '/api/summary', { headers: { cookie } })).status).toBe(401);
  });
});

describe('the summary API', () => {
  it('answers 401 without the token or a session, with no data', async () => {
    const served = await serve();
    for (const headers of <Record<string, string>[]>[{}, { authorization: 'Bearer wrong' }, { authorization: TOKEN }, { cookie: `${SESSION_COOKIE}=v1.zzz.${'0'.repeat(32)}.${'0'.repeat(64)}` }]) {
      const answer = await send(served.origin + '/api/summary?from=2030-02-01&to=2030-03-01', { headers });
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Bearer realm="hotlinks-embed"');
      expect(JSON.parse(answer.body)).toEqual({ error: 'log in on the dashboard, or send Authorization: Bearer <token>' });
      expectSecurityHeaders(answer);
    }
    expect(served.ranges).toEqual([]);
  });

  it('answers the summary for the range to Bearer and to a session, never cached', async () => {
    const served = await serve();
    const range = { from: '2030-02-01', to: '2030-03-01' };
    const bearer = await send(served.origin + '/api/summary?from=2030-02-01&to=2030-03-01', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(bearer.status).toBe(200);
    expect(bearer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(bearer.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(bearer.body)).toEqual(launchSummary(range));
    const session = await send(served.origin + '/api/summary?from=2030-02-01&to=2030-03-01', { headers: { cookie: await loggedIn(served) } });
    expect(JSON.parse(session.body)).toEqual(launchSummary(range));
    expect(served.ranges).toEqual([range, range]);
  });

  it('a range that is not two days in order is refused, naming what is wrong', async () => {
    const served = await serve();
    const ask = async (query: string) => {
      const answer = await send(served.origin + '/api/summary' + query, { headers: { authorization: `Bearer ${TOKEN}` } });
      return [answer.status, JSON.parse(answer.body).error];
    };
    // The summary's one rule (src/loop/range.ts), as report --from/--to has it.
    expect(await ask('?from=2030-02-30&to=2030-03-01')).toEqual([400, 'from must be a date as YYYY-MM-DD, got "2030-02-30"']);
    expect(await ask('?from=2030-03-02&to=2030-03-01')).toEqual([400, 'from (2030-03-02) must not be after to (2030-03-01)']);
    expect(await ask('?to=yesterday')).toEqual([400, 'to must be a date as YYYY-MM-DD, got "yesterday"']);
    expect(await ask('?from=2000-01-01&to=2030-03-01')).toEqual([400, 'the range must be at most 3660 days, got 11018']);
    expect(served.ranges).toEqual([]);
  });

  it('without a range, the last 30 UTC days up to today', () => {
    const now = Date.parse('2030-03-01T23:59:00Z');
    expect(parseRange(new URLSearchParams(), now)).toEqual({ from: '2030-01-31', to: '2030-03-01' });
    expect(parseRange(new URLSearchParams('to=2030-01-10'), now)).toEqual({ from: '2029-12-12', to: '2030-01-10' });
  });

  it('a summary that fails answers 500 and is reported', async () => {
    const served = await serve({ summary: () => Promise.reject(new Error('store down')) });
    const answer = await send(served.origin + '/api/summary', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toEqual({ error: 'the summary could not be computed' });
    expect(served.errors).toEqual([new Error('store down')]);
  });

  it('without a summary function, api/summary is left to the server\'s own route, which authorize() serves', async () => {
    const routes = dashboardRoutes({ token: TOKEN, urls: { collect: '/collect', webhook: '/hotmart/webhook' }, hottokConfigured: false });
    const origin = await listen(async (req, res) => {
      if (await routes.handle(req, res)) return;
      const allowed = await routes.authorize(req);
      res.writeHead(allowed ? 200 : 401).end(JSON.stringify(emptySummary({ from: '2030-03-01', to: '2030-03-01' })));
    });
    expect((await send(origin + '/api/summary')).status).toBe(401);
    expect((await send(origin + '/api/summary', { headers: { authorization: `bearer ${TOKEN}` } })).status).toBe(200);
    const cookie = sessionOf(await login(origin, TOKEN));
    expect((await send(origin + '/api/summary', { headers: { cookie } })).status).toBe(200);
  });
});

describe('assets and other paths', () => {
  it('serves the page\'s files without a session, typed, revalidated by ETag', async () => {
    const { origin } = await serve();
    const types = { 'dashboard.js': 'text/javascript; charset=utf-8', 'chart.js': 'text/javascript; charset=utf-8', 'en.js': 'text/javascript; charset=utf-8', 'pt-BR.js': 'text/javascript; charset=utf-8', 'dashboard.css': 'text/css; charset=utf-8', 'icon.svg': 'image/svg+xml' };
    for (const [name, type] of Object.entries(types)) {
      const answer = await send(`${origin}/assets/${name}`);
      expect(answer.status, name).toBe(200);
      expect(answer.headers['content-type']).toBe(type);
      expect(answer.headers['cache-control']).toBe('no-cache');
      expectSecurityHeaders(answer);
      const again = await send(`${origin}/assets/${name}`, { headers: { 'if-none-match': answer.headers.etag! } });
      expect(again.status).toBe(304);
      expect(again.body).toBe('');
    }
    // uPlot, with its copyright line.
    expect((await send(`${origin}/assets/chart.js`)).body).toContain('Copyright (c) 2025, Leon Sorokin');
    for (const name of ['nothing.js', 'dashboard.js.map', '../dashboard.js', '%2e%2e/package.json', 'constructor', '__proto__']) {
      expect((await send(`${origin}/assets/${name}`)).status, name).toBe(404);
    }
  });

  it('leaves every other path to the next handler, and refuses other methods on its own', async () => {
    const served = await serve();
    expect((await send(served.origin + '/collect', { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await send(served.origin + '/hotmart/webhook', { method: 'POST', body: '{}' })).status).toBe(404);
    expect(served.passed).toEqual(['POST /collect', 'POST /hotmart/webhook']);
    const put = await send(served.origin + '/', { method: 'PUT' });
    expect([put.status, put.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  it('under a base path: its own paths only, the bare path redirected, the cookie scoped to it', async () => {
    const served = await serve({ base: '/painel/' });
    expect((await send(served.origin + '/')).status).toBe(404);
    const bare = await send(served.origin + '/painel?days=7');
    expect([bare.status, bare.headers.location]).toEqual([308, '/painel/?days=7']);
    const answer = await login(served.origin, TOKEN, FORM, '/painel/login');
    expect(answer.headers.location).toBe('/painel/');
    expect(answer.setCookie[0]).toContain('; Path=/painel/;');
    expect((await send(served.origin + '/painel/api/summary', { headers: { cookie: sessionOf(answer) } })).status).toBe(200);
    expect(served.passed).toEqual(['GET /']);
  });

  it('a Host header that is not a host name gets a 400, not an error', async () => {
    const served = await serve();
    for (const host of ['a b', '[', 'x:99999']) {
      const answer = await send(served.origin + '/', { headers: { host } });
      expect([answer.status, answer.body], host).toEqual([400, 'the Host (or X-Forwarded-Host) header is not a host name']);
    }
    // A forwarded one that is not a host is ignored: the request's own address stands.
    const shell = await send(served.origin + '/', { headers: { 'x-forwarded-host': 'evil host', cookie: await loggedIn(served) } });
    expect(shell.body).toContain(`data-collect-url="${served.origin}/collect"`);
    expect(served.errors).toEqual([]);
  });

  it('refuses a configuration it cannot work with, naming the option', () => {
    const urls = { collect: '/collect', webhook: '/hotmart/webhook' };
    expect(() => dashboardRoutes({ token: '', urls, hottokConfigured: true })).toThrow('dashboardRoutes(): token must be a non-empty string');
    expect(() => dashboardRoutes({ token: TOKEN, urls, hottokConfigured: true, base: 'painel' })).toThrow(/base must be a path that starts and ends with "\/"/);
    expect(() => dashboardRoutes({ token: TOKEN, urls: {} as typeof urls, hottokConfigured: true })).toThrow('dashboardRoutes(): urls.collect must be a URL or a path');
  });
});

describe('language', () => {
  it('Portuguese (Brazil) for any pt, English for any en, by preference; Portuguese without a header', () => {
    expect(negotiate('pt-BR,pt;q=0.9,en;q=0.8')).toEqual({ language: 'pt-BR', locale: 'pt-BR' });
    expect(negotiate('pt')).toEqual({ language: 'pt-BR', locale: 'pt-BR' });
    expect(negotiate('pt-PT')).toEqual({ language: 'pt-BR', locale: 'pt-PT' });
    expect(negotiate('en-US,en;q=0.9')).toEqual({ language: 'en', locale: 'en-US' });
    expect(negotiate('fr-FR, en-GB;q=0.5, pt;q=0.4')).toEqual({ language: 'en', locale: 'en-GB' });
    expect(negotiate('de, pt;q=0.9, en;q=0.95')).toEqual({ language: 'en', locale: 'en' });
    expect(negotiate('en;q=0.2, pt-BR;q=0.3')).toEqual({ language: 'pt-BR', locale: 'pt-BR' });
    expect(negotiate(undefined)).toEqual({ language: 'pt-BR', locale: 'pt-BR' });
    expect(negotiate('fr')).toEqual({ language: 'en', locale: 'en' });
    expect(negotiate('en-<script>')).toEqual({ language: 'en', locale: 'en' });
  });

  it('the login page speaks the visitor\'s language', async () => {
    const { origin } = await serve();
    const pt = await send(origin + '/', { headers: { 'accept-language': 'pt-BR' } });
    expect(pt.body).toContain('<html lang="pt-BR">');
    expect(pt.body).toContain(`<label for="token">${ptBR.login.label}</label>`);
    expect(pt.headers.vary).toBe('Accept-Language, Cookie');
  });

  it('the two catalogues have the same messages, and no sentence of one is in the other', () => {
    const flat = (messages: object, prefix = ''): [string, unknown][] =>
      Object.entries(messages).flatMap(([key, value]) => (value && typeof value == 'object' ? flat(value, `${prefix}${key}.`) : [[prefix + key, value]]));
    const [english, portuguese] = [new Map(flat(en)), new Map(flat(ptBR))];
    expect([...portuguese.keys()]).toEqual([...english.keys()]);
    const text = (value: unknown) => (typeof value == 'function' ? String(value('1', '2')) : String(value));
    const same = [...english].filter(([key, value]) => text(value) == text(portuguese.get(key))).map(([key]) => key);
    expect(same).toEqual(['product']);
  });
});

describe('timing', () => {
  it('checks a wrong token by MAC: a guess sharing a long prefix with the token costs what any other does', async () => {
    // Not a timing measurement (too noisy for a test); the mechanism: every candidate, right or
    // wrong, long or short, is reduced to an HMAC that subtle.verify compares whole.
    const verify = vi.spyOn(crypto.subtle, 'verify');
    const check = sessions(TOKEN);
    for (const candidate of [TOKEN.slice(0, -1) + 'x', 'y', TOKEN]) await check.isToken(candidate);
    expect(verify.mock.calls.map(([algorithm, , signature]) => [algorithm, (signature as ArrayBuffer).byteLength])).toEqual([
      ['HMAC', 32],
      ['HMAC', 32],
      ['HMAC', 32],
    ]);
    verify.mockRestore();
  });
});
