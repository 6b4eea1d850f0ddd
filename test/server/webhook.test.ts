// @vitest-environment node
/**
 * Hotmart's webhook receiver over real HTTP on 127.0.0.1, both adapters (Node's `(req, res)` and
 * the fetch-style `(Request) => Response`): only deliveries with the hottok are handed over, reduced
 * to what the loop needs; anything malformed gets a 4xx naming the problem; the server stays up.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { type Delivery, type WebhookOptions, fetchWebhookHandler, nodeWebhookHandler, parseDelivery } from '../../src/server/index';
import { listen, send, serveFetch } from './http';
import { BUYER, HOTTOK, delivery } from '../loop/fixtures';

type Options = Partial<WebhookOptions<never>>;
interface Receiver {
  origin: string;
  received: Delivery[];
  errors: unknown[];
}

const receiver = async (serve: (options: WebhookOptions<never>) => Promise<string>, options: Options): Promise<Receiver> => {
  const result = { received: [] as Delivery[], errors: [] as unknown[] } as Receiver;
  result.origin = await serve({
    hottok: HOTTOK,
    onDelivery: (d) => void result.received.push(d),
    ...options,
    onError: (error) => void result.errors.push(error),
  });
  return result;
};

const receivers: Record<string, (options?: Options) => Promise<Receiver>> = {
  'Node (req, res)': (options = {}) =>
    receiver((settings) => {
      const handler = nodeWebhookHandler(settings);
      return listen((req: IncomingMessage, res: ServerResponse) => void handler(req, res));
    }, options),
  'fetch (Request) => Response': (options = {}) => receiver((settings) => serveFetch(fetchWebhookHandler(settings)), options),
};

const JSON_TYPE = { 'content-type': 'application/json' };
const post = (origin: string, body: string | Uint8Array, headers: Record<string, string | number> = { ...JSON_TYPE, 'x-hotmart-hottok': HOTTOK }) =>
  send(origin + '/hotmart/webhook', { method: 'POST', headers, body });

const APPROVED = delivery({ id: '545e7d21-8fc4-4906-8fba-dcd7889f6481', transaction: 'HP16015479281022', origin: { src: 'blog', sck: 'HOTMART_SITE', xcod: 'k3J9xQ2mP0wZ' } });

describe.each(Object.entries(receivers))('the webhook handler, %s', (_, start) => {
  it('keeps a delivery with the hottok in the header, reduced to what the loop needs', async () => {
    const { origin, received } = await start();
    const answer = await post(origin, JSON.stringify(APPROVED));
    expect([answer.status, answer.body, answer.headers['cache-control']]).toEqual([200, 'kept', 'no-store']);
    expect(received).toEqual([
      {
        id: '545e7d21-8fc4-4906-8fba-dcd7889f6481',
        event: 'PURCHASE_APPROVED',
        createdAt: Date.parse('2026-11-20T15:04:06Z'),
        transaction: 'HP16015479281022',
        approvedAt: Date.parse('2026-11-20T15:04:05Z'),
        value: 197,
        currency: 'BRL',
        xcod: 'k3J9xQ2mP0wZ',
        affiliate: 'O95340038V',
        parent: null,
      },
    ]);
  });

  it("accepts the hottok in the body (Hotmart's panel tests), and keeps none of the buyer's data", async () => {
    const { origin, received } = await start();
    const answer = await post(origin, JSON.stringify({ ...APPROVED, hottok: HOTTOK }), JSON_TYPE);
    expect(answer.status).toBe(200);
    const kept = JSON.stringify(received);
    for (const value of [BUYER.email, BUYER.name, BUYER.firstName, BUYER.cpf, BUYER.phone, BUYER.zipcode, BUYER.street, HOTTOK, 'Produtora Teste', 'Afiliado Teste']) {
      expect(kept).not.toContain(value);
    }
  });

  it.each([
    ['no hottok at all', JSON.stringify(APPROVED), JSON_TYPE],
    ['a wrong hottok in the header', JSON.stringify(APPROVED), { ...JSON_TYPE, 'x-hotmart-hottok': HOTTOK + 'x' }],
    ['an empty hottok header (even with the right one in the body)', JSON.stringify({ ...APPROVED, hottok: HOTTOK }), { ...JSON_TYPE, 'x-hotmart-hottok': '' }],
    ['a wrong hottok in the body', JSON.stringify({ ...APPROVED, hottok: 'nope' }), JSON_TYPE],
    ['a hottok of the wrong type in the body', JSON.stringify({ ...APPROVED, hottok: [HOTTOK] }), JSON_TYPE],
    ['the right hottok with a different case', JSON.stringify(APPROVED), { ...JSON_TYPE, 'x-hotmart-hottok': HOTTOK.toUpperCase() }],
  ])('answers 401 to %s, and hands nothing over', async (_, body, headers) => {
    const { origin, received } = await start();
    const answer = await post(origin, body, headers);
    expect([answer.status, answer.body]).toEqual([401, 'the hottok is missing or wrong']);
    expect(received).toEqual([]);
  });

  const withPurchase = (purchase: Record<string, unknown>) => {
    const data = APPROVED.data as { purchase: Record<string, unknown> };
    return JSON.stringify({ ...APPROVED, data: { ...data, purchase: { ...data.purchase, ...purchase } } });
  };
  it.each([
    ['not JSON', '{"id": "x", "event": ', 'the body is not JSON (UTF-8)'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'the body is not JSON (UTF-8)'],
    ['empty', '', 'the body is not JSON (UTF-8)'],
    ['an array', '[1]', 'the body must be a JSON object'],
    ['without an id', JSON.stringify({ ...APPROVED, id: undefined }), 'id: must be a string'],
    ['an id of the wrong type', JSON.stringify({ ...APPROVED, id: 42 }), 'id: must be a string'],
    ['an id with a line break', JSON.stringify({ ...APPROVED, id: 'a\nb' }), 'id: must be 1 to 128 characters of A-Z a-z 0-9 _ . : -'],
    ['an event of the wrong type', JSON.stringify({ ...APPROVED, event: { name: 'PURCHASE_APPROVED' } }), 'event: must be a string'],
    ['without data', JSON.stringify({ ...APPROVED, data: undefined }), 'data: Invalid input: expected object, received undefined'],
    ['without a transaction', withPurchase({ transaction: undefined }), 'data.purchase.transaction: must be 1 to 64 characters of A-Z a-z 0-9 _ . -'],
    ['a transaction of 10 kB', withPurchase({ transaction: 'HP' + '1'.repeat(10_000) }), 'data.purchase.transaction: must be 1 to 64 characters of A-Z a-z 0-9 _ . -'],
    ['a transaction as a number', withPurchase({ transaction: 16015479281022 }), 'data.purchase.transaction: must be 1 to 64 characters of A-Z a-z 0-9 _ . -'],
    ['a transaction with SQL in it', withPurchase({ transaction: "HP1'; DROP TABLE sales; --" }), 'data.purchase.transaction: must be 1 to 64 characters of A-Z a-z 0-9 _ . -'],
    ['a purchase event without a purchase', JSON.stringify({ ...APPROVED, data: {} }), 'data.purchase: Invalid input: expected object, received undefined'],
  ])('answers 400 to a body that is %s, naming what is wrong', async (_, body, message) => {
    const { origin, received } = await start();
    const answer = await post(origin, body);
    expect([answer.status, answer.body]).toEqual([400, message]);
    expect(received).toEqual([]);
  });

  it('answers 400 to JSON nested 20,000 deep, and to a body over the limit, and keeps serving', async () => {
    const { origin, received } = await start({ maxBytes: 100_000 });
    const deep = '{"id":"x","event":"PURCHASE_APPROVED","data":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}';
    expect((await post(origin, deep)).status).toBe(400);
    expect(await post(origin, 'x'.repeat(100_001))).toMatchObject({ status: 400, body: 'the body is larger than 100000 bytes' });
    expect((await post(origin, JSON.stringify(APPROVED))).status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('keeps a delivery whose optional fields are unusable, without them: Hotmart would retry a refusal for ever', async () => {
    const { origin, received } = await start();
    const body = withPurchase({
      approved_date: '2026-11-20',
      price: { value: '197,00', currency_value: 'real' },
      origin: { xcod: 'x'.repeat(201), xcode: 'a\u0000b' },
      order_bump: { is_order_bump: 'yes', parent_purchase_transaction: 7 },
    });
    const parsed = JSON.parse(body);
    const withAffiliates = JSON.stringify({
      ...parsed,
      creation_date: -5,
      // A long list (as much as the body limit allows): only the first well-formed code is read.
      data: {
        ...parsed.data,
        affiliates: [{ affiliate_code: 7 }, { affiliate_code: 'Q100328287K\r\n' }, ...Array.from({ length: 1500 }, (_, i) => ({ affiliate_code: `B${1000000 + i}X` }))],
      },
    });
    const answer = await post(origin, withAffiliates);
    expect(answer.status).toBe(200);
    expect(received).toEqual([
      { id: APPROVED.id, event: 'PURCHASE_APPROVED', createdAt: null, transaction: 'HP16015479281022', approvedAt: null, value: null, currency: null, xcod: null, affiliate: 'B1000000X', parent: null },
    ]);
  });

  it("answers 200 to an event that is not about a purchase, and keeps nothing (it carries nothing the loop counts)", async () => {
    const { origin, received } = await start();
    const answer = await post(origin, JSON.stringify({ id: 'c1', event: 'CLUB_FIRST_ACCESS', version: '2.0.0', data: { user: { email: BUYER.email } } }));
    expect([answer.status, answer.body]).toEqual([200, 'ignored: CLUB_FIRST_ACCESS is not a purchase event']);
    expect(received).toEqual([]);
  });

  it.each([
    ['GET', '', JSON_TYPE, 405, 'webhooks are sent with POST'],
    ['POST', 'hottok=x&event=PURCHASE_APPROVED', { 'content-type': 'application/x-www-form-urlencoded' }, 415,
      'content-type must be application/json, got "application/x-www-form-urlencoded" (choose version 2.0.0 in Hotmart\'s webhook settings: it sends JSON)'],
  ])('answers %s %j as %i', async (method, body, headers, status, message) => {
    const { origin, received } = await start();
    const answer = await send(origin + '/hotmart/webhook', { method, headers, body: body || undefined });
    expect([answer.status, answer.body]).toEqual([status, message]);
    expect(received).toEqual([]);
  });

  it('answers 500 when the delivery could not be kept, so Hotmart sends it again', async () => {
    const { origin, errors } = await start({ onDelivery: () => Promise.reject(new Error('disk full')) });
    const answer = await post(origin, JSON.stringify(APPROVED));
    expect([answer.status, answer.body]).toEqual([500, 'the delivery could not be kept; send it again']);
    expect(errors).toEqual([new Error('disk full')]);
  });

  it('refuses to start without a real hottok, naming it', () => {
    const make = receivers['Node (req, res)'] == start ? nodeWebhookHandler : fetchWebhookHandler;
    expect(() => make({ hottok: '', onDelivery: () => {} })).toThrow(/hottok must be the token from Hotmart's webhook settings \(1 to 256 printable characters\), got ""/);
    expect(() => make({ hottok: 'has space', onDelivery: () => {} })).toThrow(/got "has space"/);
  });

  it.each([
    { hottok: 'x'.repeat(256), refused: undefined },
    { hottok: 'x'.repeat(257), refused: `"${'x'.repeat(40)}…"` },
    { hottok: 'x'.repeat(39) + ' ', refused: `"${'x'.repeat(39)} "` },
    { hottok: 'x'.repeat(40) + ' ', refused: `"${'x'.repeat(40)}…"` },
    { hottok: 123456, refused: 'number' },
    { hottok: undefined, refused: 'undefined' },
  ])('a hottok of $hottok.length characters, or of type $hottok: refused as $refused', ({ hottok, refused }) => {
    const [make, caller] = receivers['Node (req, res)'] == start ? [nodeWebhookHandler, 'nodeWebhookHandler()'] : [fetchWebhookHandler, 'fetchWebhookHandler()'];
    const create = () => make({ hottok: hottok as string, onDelivery: () => {} });
    if (refused === undefined) expect(create).not.toThrow();
    else expect(create).toThrow(`${caller}: hottok must be the token from Hotmart's webhook settings (1 to 256 printable characters), got ${refused}`);
  });

  it('a body that is JSON null, without the hottok header: 401', async () => {
    const { origin, received } = await start();
    const answer = await post(origin, 'null', JSON_TYPE);
    expect([answer.status, answer.body]).toEqual([401, 'the hottok is missing or wrong']);
    expect(received).toEqual([]);
  });

  it.each([
    ['a number', '42'],
    ['null', 'null'],
    ['a string', '"PURCHASE_APPROVED"'],
  ])('answers 400 to a body that is %s: the body must be a JSON object', async (_, body) => {
    const { origin } = await start();
    expect(await post(origin, body)).toMatchObject({ status: 400, body: 'the body must be a JSON object' });
  });
});

describe('parseDelivery', () => {
  it('takes an order bump with its parent, and the first affiliate with a code', () => {
    const parsed = parseDelivery(delivery({ id: 'b', transaction: 'HP2', parent: 'HP1', affiliate: null }));
    expect(parsed).toMatchObject({ delivery: { transaction: 'HP2', parent: 'HP1', affiliate: null } });
  });

  /** APPROVED with `purchase` fields replaced (`undefined`: left out), or with `data` fields replaced. */
  const changed = (purchase: Record<string, unknown>, data: Record<string, unknown> = {}) => {
    const body = structuredClone(APPROVED) as { data: Record<string, unknown> & { purchase: Record<string, unknown> } };
    Object.assign(body.data.purchase, purchase);
    Object.assign(body.data, data);
    return body;
  };

  it.each([
    { case: 'no origin (a refund or chargeback may come without it)', body: changed({ origin: undefined }), kept: { xcod: null } },
    { case: 'xcode when xcod is absent', body: changed({ origin: { xcode: 'k3J9xQ2mP0wZ' } }), kept: { xcod: 'k3J9xQ2mP0wZ' } },
    { case: 'no order_bump', body: changed({ order_bump: undefined }), kept: { parent: null } },
    { case: 'an order bump flag as text, with a parent: no bump', body: changed({ order_bump: { is_order_bump: 'true', parent_purchase_transaction: 'HP1' } }), kept: { parent: null } },
    { case: 'an order bump naming itself as its parent: its own order', body: changed({ order_bump: { is_order_bump: true, parent_purchase_transaction: 'HP16015479281022' } }), kept: { parent: null } },
    { case: 'an order bump with its parent', body: changed({ order_bump: { is_order_bump: true, parent_purchase_transaction: 'HP1' } }), kept: { parent: 'HP1' } },
    { case: 'a currency of four letters', body: changed({ price: { value: 197, currency_value: 'BRLX' } }), kept: { value: null, currency: null } },
    { case: 'a currency after another letter', body: changed({ price: { value: 197, currency_value: 'xBRL' } }), kept: { value: null, currency: null } },
    // A checkout tag is the producer's own word: one holding an e-mail address is not kept (LGPD).
    { case: 'an xcod holding an e-mail address', body: changed({ origin: { xcod: 'lead_ana@mail.example' } }), kept: { xcod: null } },
    { case: 'an xcod holding an e-mail address in full width', body: changed({ origin: { xcod: 'ana\uff20mail.example' } }), kept: { xcod: null } },
    { case: 'an xcod with an @ and no domain', body: changed({ origin: { xcod: 'promo@blog' } }), kept: { xcod: 'promo@blog' } },
    { case: 'no affiliates list', body: changed({}, { affiliates: undefined }), kept: { affiliate: null } },
    { case: 'a null entry before the credited affiliate', body: changed({}, { affiliates: [null, { affiliate_code: 'Q100328287K' }] }), kept: { affiliate: 'Q100328287K' } },
  ])('$case: kept with $kept', ({ body, kept }) => {
    expect(parseDelivery(body)).toEqual({ delivery: expect.objectContaining({ id: APPROVED.id, transaction: 'HP16015479281022', ...kept }) });
  });

  it.each([
    { event: 'x.PURCHASE_APPROVED', outcome: { error: 'event: must be 1 to 64 characters of A-Z 0-9 _' } },
    { event: 'PURCHASE_APPROVED.x', outcome: { error: 'event: must be 1 to 64 characters of A-Z 0-9 _' } },
    { event: 'PURCHASE_' + 'X'.repeat(56), outcome: { error: 'event: must be 1 to 64 characters of A-Z 0-9 _' } },
    { event: 'SUBSCRIPTION_CANCELLATION', outcome: { ignored: 'SUBSCRIPTION_CANCELLATION is not a purchase event' } },
  ])('an event $event: $outcome', ({ event, outcome }) => {
    expect(parseDelivery({ ...APPROVED, event })).toEqual(outcome);
  });
});
