/**
 * The dashboard as routes for a Node `http` server (or Express, Connect, Polka): the page, its
 * login and logout, its assets, and (given a `summary`) the JSON it is drawn from. `authorize()`
 * tells any other route whether a request carries the token (`Authorization: Bearer`) or a session.
 *
 * Under `base` (default `/`):
 *   GET  ./                the dashboard with a valid session, else the login form
 *   POST ./login           the token from the form: a session cookie and 303 to ./, or 401
 *   POST ./logout          ends the session: the cookie cleared and revoked, 303 to ./
 *   GET  ./assets/<file>   the page's script, chart library, stylesheet and icon
 *   GET  ./api/summary     `?from=YYYY-MM-DD&to=YYYY-MM-DD` (UTC days), the summary as JSON, or 401
 * Any other path is not the dashboard's: `next()` is called (or `handle` resolves `false`).
 */
import { cookieValues } from '../attribution/cookie-codec.js';
import { parseRange as checkRange } from '../loop/range.js';
import type { Summary } from '../loop/summary-types.js';
import { type NodeRequest, type NodeResponse, headerOf, incoming, requestUrl } from '../server/node.js';
import { checkType, readWithin } from '../server/receive.js';
import { publicUrl } from '../server/page-request.js';
import { dashboardShell, loginPage } from './html.js';
import { type Choice, catalogues, negotiate } from './language.js';
import { SESSION_SECONDS, sessions } from './session.js';

/** The session cookie's name (HttpOnly, SameSite=Strict, Secure over https, Path = the dashboard's base). */
export const SESSION_COOKIE = 'hotlinks_dashboard';

/** A range of UTC days, both inclusive, as `YYYY-MM-DD`. */
export interface SummaryRange {
  from: string;
  to: string;
}

export interface DashboardOptions {
  /** The dashboard token: `Authorization: Bearer <token>`, or typed once into the login form. */
  token: string;
  /**
   * The summary for a range. Given, the routes answer `GET ./api/summary` themselves (the page
   * fetches it from there); left out, that path is left to your own route, which must answer at the
   * same place and check `authorize()`.
   */
  summary?(range: SummaryRange): Promise<Summary>;
  /**
   * Where the drop-in's reports (`data-collect`) and Hotmart's webhook are received, shown on the
   * empty dashboard: absolute URLs, or paths on this server (then shown with the address the
   * dashboard was opened at).
   */
  urls: { collect: string; webhook: string };
  /** Whether the webhook receiver has Hotmart's hottok (the empty dashboard says what to do if not). */
  hottokConfigured: boolean;
  /** The path the dashboard is served under, ending in `/`. Default `/`. */
  base?: string;
  /** Hears of failures (a summary that threw). Default: `console.error`. */
  onError?(error: unknown): void;
}

export interface DashboardRoutes {
  /**
   * Answers the dashboard's own paths and resolves `true`; for any other path calls `next` (when
   * given) and resolves `false`. Never rejects.
   */
  handle(request: NodeRequest, response: NodeResponse, next?: (error?: unknown) => void): Promise<boolean>;
  /** Whether the request carries the token as `Authorization: Bearer`, or a valid session cookie. */
  authorize(request: NodeRequest): Promise<boolean>;
}

/**
 * Everything the page needs comes from its own origin; no inline script or style, no plugin, no
 * frame (nor may another site frame it), forms post only here, and no markup from strings.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; " +
  "require-trusted-types-for 'script'; trusted-types 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** A login form is a few dozen bytes; anything much larger is not one. */
const LOGIN_MAX_BYTES = 4096;
const LOGIN_TIMEOUT_MS = 5000;
/**
 * The range a query asks for (the summary's one rule, `loop/range.ts`): both days, or the last 30 days
 * up to `to` (default today, UTC); or what is wrong with it.
 */
export function parseRange(query: URLSearchParams, now = Date.now()): SummaryRange | { error: string } {
  try {
    return checkRange({ from: query.get('from'), to: query.get('to') }, now);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The embedded assets, loaded at the first request for one: a server that never shows the page never reads them. */
let assets: Promise<typeof import('./dashboard-assets.js').default> | undefined;

export function dashboardRoutes(options: DashboardOptions): DashboardRoutes {
  if (typeof options?.token != 'string' || !options.token) throw new TypeError('dashboardRoutes(): token must be a non-empty string');
  const base = options.base ?? '/';
  if (!/^\/([^?#]*\/)?$/.test(base)) throw new TypeError(`dashboardRoutes(): base must be a path that starts and ends with "/", got ${JSON.stringify(base)}`);
  for (const name of ['collect', 'webhook'] as const) {
    if (typeof options.urls?.[name] != 'string') throw new TypeError(`dashboardRoutes(): urls.${name} must be a URL or a path`);
  }
  const onError = options.onError ?? console.error;
  const tokens = sessions(options.token);

  const sessionCookies = (request: NodeRequest) => cookieValues(headerOf(request)('cookie'), SESSION_COOKIE);

  async function hasSession(request: NodeRequest): Promise<boolean> {
    for (const value of sessionCookies(request)) if (await tokens.isValid(value)) return true;
    return false;
  }

  async function authorize(request: NodeRequest): Promise<boolean> {
    const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(headerOf(request)('authorization') ?? '');
    if (bearer && (await tokens.isToken(bearer[1]))) return true;
    return hasSession(request);
  }

  /** The session cookie, for the dashboard's `address` (`Secure` when the visitor came over https). */
  const cookie = (address: URL, value: string, maxAge: number) =>
    `${SESSION_COOKIE}=${value}; Path=${base}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict` +
    (maxAge ? '' : '; Expires=Thu, 01 Jan 1970 00:00:00 GMT') +
    (address.protocol == 'https:' ? '; Secure' : '');

  function send(request: NodeRequest, response: NodeResponse, status: number, headers: Record<string, string>, body = ''): true {
    if (!response.headersSent) {
      response.writeHead(status, { ...SECURITY_HEADERS, 'cache-control': 'no-store', ...headers });
      response.end(request.method == 'HEAD' ? undefined : body);
    }
    return true;
  }
  const html = (request: NodeRequest, response: NodeResponse, status: number, body: string, headers: Record<string, string> = {}) =>
    send(request, response, status, { 'content-type': 'text/html; charset=utf-8', vary: 'Accept-Language, Cookie', ...headers }, body);
  const json = (request: NodeRequest, response: NodeResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    send(request, response, status, { 'content-type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(body));
  const text = (request: NodeRequest, response: NodeResponse, status: number, body: string, headers: Record<string, string> = {}) =>
    send(request, response, status, { 'content-type': 'text/plain; charset=utf-8', ...headers }, body);
  const seeDashboard = (request: NodeRequest, response: NodeResponse, headers: Record<string, string> = {}) =>
    send(request, response, 303, { location: base, ...headers });
  const wrongMethod = (request: NodeRequest, response: NodeResponse, allow: string) =>
    text(request, response, 405, `${request.method} is not answered here: use ${allow.replace(', HEAD', '')}`, { allow });

  /**
   * Whether a form post comes from the dashboard's own page, not from another site (CSRF). Browsers
   * say so in `Sec-Fetch-Site`, which page scripts cannot set; older ones send `Origin`, compared
   * with the `address` this request reached. A client that sends neither is not a browser a page
   * could drive.
   */
  function fromOwnPage(request: NodeRequest, address: URL): boolean {
    const header = headerOf(request);
    const site = header('sec-fetch-site');
    if (site) return site == 'same-origin' || site == 'none';
    const origin = header('origin');
    return origin === undefined || origin == address.origin;
  }

  /** The login form's token, or why the body is not a login form. */
  async function readToken(request: NodeRequest): Promise<string | { status: number }> {
    const form = incoming(request);
    if (checkType(form.contentType, ['application/x-www-form-urlencoded'])) return { status: 415 };
    let body;
    try {
      body = await readWithin(form, LOGIN_MAX_BYTES, LOGIN_TIMEOUT_MS);
    } catch {
      return { status: 400 };
    }
    if (body == 'late') return { status: 408 };
    if (!body) return { status: 413 };
    // Express's urlencoded parser may have read it already.
    const token = body instanceof Uint8Array ? new URLSearchParams(new TextDecoder().decode(body)).get('token') : (body.parsed as { token?: unknown } | null)?.token;
    return typeof token == 'string' ? token : { status: 400 };
  }

  async function login(request: NodeRequest, response: NodeResponse, choice: Choice, address: URL) {
    const m = catalogues[choice.language].login;
    if (!fromOwnPage(request, address)) return html(request, response, 403, loginPage(choice, m.crossSite));
    const token = await readToken(request);
    if (typeof token != 'string') return html(request, response, token.status, loginPage(choice, m.malformed), { connection: 'close' });
    if (!(await tokens.isToken(token))) return html(request, response, 401, loginPage(choice, m.wrong));
    return seeDashboard(request, response, { 'set-cookie': cookie(address, await tokens.open(), SESSION_SECONDS) });
  }

  async function logout(request: NodeRequest, response: NodeResponse, choice: Choice, address: URL) {
    if (!fromOwnPage(request, address)) return html(request, response, 403, loginPage(choice, catalogues[choice.language].login.crossSite));
    for (const value of sessionCookies(request)) await tokens.close(value);
    request.resume();
    return seeDashboard(request, response, { 'set-cookie': cookie(address, '', 0) });
  }

  async function page(request: NodeRequest, response: NodeResponse, choice: Choice, address: URL) {
    if (!(await authorize(request))) return html(request, response, 200, loginPage(choice));
    const shown = (url: string) => new URL(url, address).href;
    const facts = { collectUrl: shown(options.urls.collect), webhookUrl: shown(options.urls.webhook), hottokConfigured: !!options.hottokConfigured };
    return html(request, response, 200, dashboardShell(choice, facts));
  }

  async function summary(request: NodeRequest, response: NodeResponse, query: URLSearchParams) {
    if (!(await authorize(request))) {
      return json(request, response, 401, { error: 'log in on the dashboard, or send Authorization: Bearer <token>' }, { 'www-authenticate': 'Bearer realm="hotlinks-embed"' });
    }
    const range = parseRange(query);
    if ('error' in range) return json(request, response, 400, range);
    try {
      return json(request, response, 200, await options.summary!(range));
    } catch (error) {
      onError(error);
      return json(request, response, 500, { error: 'the summary could not be computed' });
    }
  }

  async function asset(request: NodeRequest, response: NodeResponse, name: string) {
    const files = await (assets ??= import('./dashboard-assets.js').then((module) => module.default));
    const file = Object.hasOwn(files, name) ? files[name] : undefined;
    if (!file) return text(request, response, 404, `no dashboard asset named ${JSON.stringify(name)}`);
    const headers = { 'content-type': TYPES[name.split('.').pop()!], etag: file.etag, 'cache-control': 'no-cache' };
    if (headerOf(request)('if-none-match') == file.etag) return send(request, response, 304, headers);
    return send(request, response, 200, headers, file.body);
  }

  async function route(request: NodeRequest, response: NodeResponse): Promise<boolean> {
    let address: URL;
    try {
      // The address the visitor used (through a proxy's X-Forwarded-Host and -Proto).
      address = publicUrl(requestUrl(request, request.headers.host || 'localhost'), headerOf(request));
    } catch {
      return text(request, response, 400, 'the Host (or X-Forwarded-Host) header is not a host name');
    }
    const path = address.pathname;
    const method = request.method ?? 'GET';
    const reading = method == 'GET' || method == 'HEAD';
    if (base != '/' && path == base.slice(0, -1)) {
      return reading ? send(request, response, 308, { location: base + address.search }) : wrongMethod(request, response, 'GET, HEAD');
    }
    if (!path.startsWith(base)) return false;
    const rest = path.slice(base.length);
    const choice = negotiate(headerOf(request)('accept-language'));
    if (rest == '') return reading ? page(request, response, choice, address) : wrongMethod(request, response, 'GET, HEAD');
    if (rest == 'login') return method == 'POST' ? login(request, response, choice, address) : reading ? seeDashboard(request, response) : wrongMethod(request, response, 'POST');
    if (rest == 'logout') return method == 'POST' ? logout(request, response, choice, address) : wrongMethod(request, response, 'POST');
    if (rest == 'api/summary' && options.summary) return reading ? summary(request, response, address.searchParams) : wrongMethod(request, response, 'GET, HEAD');
    if (rest.startsWith('assets/')) return reading ? asset(request, response, rest.slice('assets/'.length)) : wrongMethod(request, response, 'GET, HEAD');
    return false;
  }

  return {
    authorize,
    async handle(request, response, next) {
      let handled: boolean;
      try {
        handled = await route(request, response);
      } catch (error) {
        onError(error);
        handled = text(request, response, 500, 'unexpected error');
      }
      if (!handled) next?.();
      return handled;
    },
  };
}
