/** Real HTTP on loopback for the server tests: a server on 127.0.0.1 and a plain Node client. */
import { type IncomingMessage, type RequestListener, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { onTestFinished } from 'vitest';
import { type CollectOptions, type Report, fetchCollectHandler, nodeCollectHandler } from '../../src/server/index';

/** A valid `checkout` report, as the browser sends it: the one the receivers' tests start from. */
export const REPORT: Report = {
  event: 'checkout',
  affiliate: 'O95340038V',
  page: 'https://www.shop.example/curso/',
  params: { utm_source: 'fb' },
  checkoutUrl: 'https://pay.hotmart.com/A72242240H?off=abc&af=O95340038V&utm_source=fb',
  timestamp: 1795483786239,
};

/** Starts `listener` on 127.0.0.1 (any free port) until the test ends; resolves to its origin. */
export async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  // The test's own hook, not a module-level afterEach: the unit project loads this module once per
  // worker, for every file that worker runs.
  onTestFinished(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A fetch-style handler served over real HTTP, as a framework or edge runtime would call it. */
export function serveFetch(handler: (request: Request) => Promise<Response>): Promise<string> {
  return listen(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value == 'string') headers.set(name, value);
    const body = req.method == 'GET' || req.method == 'HEAD' ? undefined : Buffer.concat(chunks);
    const response = await handler(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body }));
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => name != 'set-cookie' && (out[name] = value));
    if (response.headers.getSetCookie().length) out['set-cookie'] = response.headers.getSetCookie();
    res.writeHead(response.status, out);
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

export interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  /** Every `Set-Cookie` header, in order. */
  setCookie: string[];
  body: string;
}

/** One request with Node's own client (no browser rules: any Host, any header). */
export function send(
  url: string,
  init: { method?: string; headers?: Record<string, string | number>; body?: string | Uint8Array } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, setCookie: res.headers['set-cookie'] ?? [], body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The headers a browser sends when the visitor opens a page of `host` over https behind a proxy. */
export const pageLoad = (host = 'www.shop.example', more: Record<string, string> = {}) => ({
  'x-forwarded-host': host,
  'x-forwarded-proto': 'https',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-dest': 'document',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  ...more,
});

/** The `Content-Type` of a string a browser sends with `navigator.sendBeacon`. */
export const BEACON = { 'content-type': 'text/plain;charset=UTF-8' };

/** A report receiver on loopback: what it handed over and the errors it reported. */
export interface Receiver {
  origin: string;
  received: Report[];
  errors: unknown[];
}

/** Settings of a receiver: by default every report is kept in `received` and every error in `errors`. */
type ReceiverOptions = Partial<Omit<CollectOptions<unknown>, 'onError'>>;

const receiver = async (serve: (options: CollectOptions<never>) => Promise<string>, options: ReceiverOptions): Promise<Receiver> => {
  const receiver = { received: [] as Report[], errors: [] as unknown[] } as Receiver;
  receiver.origin = await serve({
    onReport: (report) => void receiver.received.push(report),
    ...options,
    onError: (error) => void receiver.errors.push(error),
  });
  return receiver;
};

/** The collect handler's two adapters, each serving on 127.0.0.1 until the test ends. */
export const collectReceivers: Record<string, (options?: ReceiverOptions) => Promise<Receiver>> = {
  'Node (req, res)': (options = {}) =>
    receiver((settings) => {
      const handler = nodeCollectHandler(settings);
      return listen((req: IncomingMessage, res: ServerResponse) => void handler(req, res));
    }, options),
  'fetch (Request) => Response': (options = {}) => receiver((settings) => serveFetch(fetchCollectHandler(settings)), options),
};

/** POSTs `body` to a receiver's `/api/hotlinks`, as a beacon unless `headers` say otherwise. */
export const postReport = (origin: string, body: string | Uint8Array, headers: Record<string, string | number> = BEACON) =>
  send(origin + '/api/hotlinks', { method: 'POST', headers, body });

/** Sends `text` as it is over a raw TCP connection and returns all the server wrote back. */
export function raw(origin: string, text: string | Buffer, wait = 150): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(origin).port), '127.0.0.1', () => {
      socket.write(text);
      setTimeout(() => socket.end(), wait);
    });
    let out = '';
    socket.on('data', (chunk) => (out += chunk.toString('latin1')));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}
