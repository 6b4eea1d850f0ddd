/**
 * The demo's loop server: `npm start` runs the real `hotlinks-embed serve` (scripts/loop-server.mjs)
 * beside its pages, with a demo hottok, so the whole loop can be clicked through without a Hotmart
 * account: an affiliate's link, the visit and the departure reported, the checkout preview, a
 * simulated Hotmart sale, the dashboard. It answers three paths on the demo's own origin:
 *
 *   POST /collect              the demo pages' `data-collect="/collect"`, passed on to serve's /collect
 *   GET  /demo/loop            where serve is, and the token to log in to its dashboard (the preview shows them)
 *   POST /demo/simulate-sale   `{ checkout, credited, price?, currency? }`: the webhook Hotmart would send
 *                              for that checkout, built here and posted to serve with the demo hottok
 *
 * DEMO ONLY: nothing here is sent to Hotmart, and nothing here belongs on your site.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { startLoopServer } from './loop-server.mjs';

/** The hottok the demo's serve checks; Hotmart's real one comes from its webhook settings. */
export const DEMO_HOTTOK = 'demo-hottok-not-from-hotmart';

/** The affiliate "another affiliate" means in the simulation: Hotmart credited someone else. */
export const OTHER_AFFILIATE = 'X99887766Y';

const CHECKOUT_HOSTS = ['pay.hotmart.com', 'payment.hotmart.com'];
const MAX_BODY = 8 * 1024;

/**
 * @typedef {{ xcod?: string, af?: string, off?: string, src?: string, sck?: string, credited: string | null, price: number, currency: string }} SaleFacts
 *   the checkout's tags, the affiliate Hotmart credits (`null`: none) and the price
 */

/**
 * The facts of a simulated sale, read from the checkout URL the preview shows, or why not.
 * @param {unknown} input the request's JSON
 * @returns {{ problem: string } | SaleFacts}
 */
export function saleFacts(input) {
  if (!input || typeof input != 'object' || Array.isArray(input)) return { problem: 'the body must be a JSON object' };
  const { checkout, credited = 'captured', price = 197, currency = 'BRL' } = /** @type {Record<string, unknown>} */ (input);
  let url;
  try {
    url = new URL(String(checkout));
  } catch {
    return { problem: `checkout must be a checkout URL (https://pay.hotmart.com/…), got ${JSON.stringify(checkout)}` };
  }
  if (url.protocol != 'https:' || !CHECKOUT_HOSTS.includes(url.hostname)) {
    return { problem: `checkout must be https: on ${CHECKOUT_HOSTS.join(' or ')}, got ${JSON.stringify(url.href)}` };
  }
  if (!['captured', 'none', 'other'].includes(/** @type {string} */ (credited))) {
    return { problem: `credited must be "captured", "none" or "other", got ${JSON.stringify(credited)}` };
  }
  if (typeof price != 'number' || !(price > 0 && price <= 1_000_000)) return { problem: `price must be a number above 0, up to 1000000, got ${JSON.stringify(price)}` };
  if (typeof currency != 'string' || !/^[A-Z]{3}$/.test(currency)) return { problem: `currency must be a currency code such as BRL, got ${JSON.stringify(currency)}` };
  // The checkout's own tags, as Hotmart would echo them; what the page put there is not trusted further than that.
  const tag = (name) => {
    const value = url.searchParams.get(name);
    return value && value.length <= 200 ? value : undefined;
  };
  const af = tag('af');
  return {
    xcod: tag('xcod'),
    af,
    off: tag('off'),
    src: tag('src'),
    sck: tag('sck'),
    credited: credited == 'other' ? OTHER_AFFILIATE : credited == 'captured' ? (af ?? null) : null,
    price,
    currency,
  };
}

/**
 * The body of Hotmart's webhook (version 2.0.0, `PURCHASE_APPROVED`) for a sale with those facts,
 * shaped as Hotmart sends it: the product, a buyer (invented: the receiver keeps nothing of it),
 * the purchase with the checkout's origin (`xcod`: the visit) and offer, the affiliate credited.
 */
/**
 * @param {SaleFacts} facts
 * @param {number} [now]
 */
export function simulatedDelivery({ xcod, off, src, sck, credited, price, currency }, now = Date.now()) {
  const transaction = `HP${randomBytes(5).readUIntBE(0, 5).toString().padStart(13, '0')}`;
  const amount = { value: price, currency_value: currency };
  return {
    id: randomUUID(),
    creation_date: now,
    event: 'PURCHASE_APPROVED',
    version: '2.0.0',
    data: {
      product: { id: 1234567, ucode: '0c5e1f4e-demo-4a8b-9d7e-hotlinksdemo', name: 'Curso de demonstração (venda simulada)', has_co_production: false },
      affiliates: credited ? [{ affiliate_code: credited, name: 'Afiliado (simulado)' }] : [],
      buyer: { email: 'comprador.simulado@example.com', name: 'Comprador Simulado', document: '00000000000', document_type: 'CPF' },
      producer: { name: 'Produtor da demonstração' },
      commissions: [
        { value: Math.round(price * 9.9) / 100, source: 'MARKETPLACE', currency_value: currency },
        { value: Math.round(price * 90.1) / 100, source: 'PRODUCER', currency_value: currency },
      ],
      purchase: {
        approved_date: now,
        order_date: now - 60_000,
        full_price: amount,
        price: amount,
        original_offer_price: amount,
        status: 'APPROVED',
        transaction,
        offer: { code: off ?? 'demo' },
        origin: { ...(src && { src }), ...(sck && { sck }), ...(xcod && { xcod }) },
        order_bump: { is_order_bump: false },
        payment: { type: 'PIX', installments_number: 1 },
        checkout_country: { name: 'Brasil', iso: 'BR' },
        is_funnel: false,
        business_model: 'I',
      },
    },
  };
}

/** The request's body, at most `MAX_BODY` bytes, or `null` when it is longer. */
async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const json = (response, status, body) => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

/**
 * Starts the demo's serve on `dataDir` and resolves to its facts, a request handler for the demo
 * server (the three paths above; `false` for any other), and `stop()`.
 * @param {{ dataDir: string, port?: number, token?: string, echo?: boolean }} options
 *   `token`: the dashboard token (default: the one serve makes and keeps in `dataDir`)
 */
export async function startDemoLoop({ dataDir, port = 0, token, echo = false }) {
  const serve = await startLoopServer({ dataDir, port, echo, env: { HOTMART_HOTTOK: DEMO_HOTTOK, ...(token && { HOTLINKS_DASHBOARD_TOKEN: token }) } });
  const facts = {
    running: true,
    dashboard: serve.origin + '/',
    collect: serve.origin + '/collect',
    webhook: serve.origin + '/hotmart/webhook',
    hottok: DEMO_HOTTOK,
    token: token ?? readFileSync(join(dataDir, 'dashboard-token'), 'utf8').trim(),
  };

  /** The report as the page sent it, on to serve: its answer (204, or 400 naming the problem) back to the page. */
  const forward = (request, response) => {
    const { host: _host, connection: _connection, ...headers } = request.headers;
    const upstream = httpRequest(facts.collect, { method: request.method, headers }, (answer) => {
      // The answer's own headers, but not those about serve's connection.
      const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...kept } = answer.headers;
      response.writeHead(answer.statusCode ?? 502, kept);
      answer.pipe(response);
    });
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      response.end("the demo's loop server is not answering");
    });
    request.pipe(upstream);
  };

  async function simulateSale(request, response) {
    // JSON only: a page of another site cannot post this without a preflight, which nothing answers.
    if ((request.headers['content-type'] ?? '').split(';')[0].trim() != 'application/json') {
      return json(response, 415, { error: 'send the sale as application/json' });
    }
    const text = await readBody(request);
    if (text == null) return json(response, 413, { error: `the body must be at most ${MAX_BODY} bytes` });
    let input;
    try {
      input = JSON.parse(text);
    } catch {
      return json(response, 400, { error: 'the body is not JSON' });
    }
    const sale = saleFacts(input);
    if ('problem' in sale) return json(response, 400, { error: sale.problem });
    const delivery = simulatedDelivery(sale);
    let answer;
    try {
      const sent = await fetch(facts.webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hotmart-hottok': DEMO_HOTTOK },
        body: JSON.stringify(delivery),
        signal: AbortSignal.timeout(10_000),
      });
      answer = { status: sent.status, body: await sent.text() };
    } catch (error) {
      return json(response, 502, { error: `the demo's loop server did not answer: ${error.message}` });
    }
    const sent = { answer, webhook: facts.webhook, dashboard: facts.dashboard, delivery };
    if (answer.status != 200) return json(response, 502, { error: `the demo's loop server answered ${answer.status}: ${answer.body}`, ...sent });
    return json(response, 200, sent);
  }

  return {
    ...facts,
    origin: serve.origin,
    output: serve.output,
    /** Answers the demo loop's paths; resolves `false` for any other. */
    async handle(request, response) {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path == '/collect' && (request.method == 'POST' || request.method == 'OPTIONS')) forward(request, response);
      else if (path == '/demo/loop' && request.method == 'GET') json(response, 200, facts);
      else if (path == '/demo/simulate-sale' && request.method == 'POST') await simulateSale(request, response);
      else return false;
      return true;
    },
    /** Resolves with serve's exit code once it has stopped (a Ctrl+C in the terminal reaches it too). */
    exited: serve.exited,
    stop: () => serve.stop(),
  };
}
