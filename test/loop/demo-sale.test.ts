// @vitest-environment node
/**
 * The demo's simulated Hotmart sale (scripts/demo-loop.mjs): what it reads from the checkout URL the
 * preview shows, what it refuses and why, and that the webhook it builds is one the receiver reads as
 * Hotmart's (the same parser `serve` runs), joined by the checkout's xcod.
 */
import { describe, expect, it } from 'vitest';
import { OTHER_AFFILIATE, saleFacts, simulatedDelivery } from '../../scripts/demo-loop.mjs';
import { parseDelivery } from '../../src/server/hotmart-delivery';

const CHECKOUT = 'https://pay.hotmart.com/A12345678B?af=O95340038V&sck=bio&utm_source=instagram&xcod=mJIDFq3bN0xk-_7Z&off=demo2024';

describe("the demo's simulated sale", () => {
  it('reads the checkout URL: its xcod, offer and tags, and credits its af, no one, or another affiliate', () => {
    expect(saleFacts({ checkout: CHECKOUT })).toEqual({
      xcod: 'mJIDFq3bN0xk-_7Z',
      af: 'O95340038V',
      off: 'demo2024',
      src: undefined,
      sck: 'bio',
      credited: 'O95340038V',
      price: 197,
      currency: 'BRL',
    });
    expect(saleFacts({ checkout: CHECKOUT, credited: 'none', price: 49.9, currency: 'USD' })).toMatchObject({ credited: null, price: 49.9, currency: 'USD' });
    expect(saleFacts({ checkout: CHECKOUT, credited: 'other' })).toMatchObject({ credited: OTHER_AFFILIATE });
    // A checkout without an affiliate: "the captured one" is no one.
    expect(saleFacts({ checkout: 'https://payment.hotmart.com/A12345678B?xcod=abcdefghijkl' })).toMatchObject({ af: undefined, credited: null });
  });

  it.each([
    [null, 'the body must be a JSON object'],
    [[CHECKOUT], 'the body must be a JSON object'],
    [{}, 'checkout must be a checkout URL (https://pay.hotmart.com/…), got undefined'],
    [{ checkout: 'javascript:alert(1)' }, 'checkout must be https: on pay.hotmart.com or payment.hotmart.com, got "javascript:alert(1)"'],
    [{ checkout: 'https://pay.hotmart.com.evil.example/A1?xcod=x' }, 'checkout must be https: on pay.hotmart.com or payment.hotmart.com, got "https://pay.hotmart.com.evil.example/A1?xcod=x"'],
    [{ checkout: CHECKOUT, credited: 'everyone' }, 'credited must be "captured", "none" or "other", got "everyone"'],
    [{ checkout: CHECKOUT, price: '197' }, 'price must be a number above 0, up to 1000000, got "197"'],
    [{ checkout: CHECKOUT, price: -1 }, 'price must be a number above 0, up to 1000000, got -1'],
    [{ checkout: CHECKOUT, currency: 'reais' }, 'currency must be a currency code such as BRL, got "reais"'],
  ])('refuses %j, naming the problem', (input, problem) => {
    expect(saleFacts(input)).toEqual({ problem });
  });

  it("builds Hotmart's 2.0.0 webhook, which the receiver reads as an approved sale of that checkout's visit", () => {
    const facts = saleFacts({ checkout: CHECKOUT, price: 297 });
    if ('problem' in facts) throw new Error(facts.problem);
    const now = Date.parse('2030-03-01T12:00:00Z');
    const body = simulatedDelivery(facts, now);
    expect(body).toMatchObject({ event: 'PURCHASE_APPROVED', version: '2.0.0', creation_date: now });
    const parsed = parseDelivery(JSON.parse(JSON.stringify(body)));
    expect(parsed).toEqual({
      delivery: {
        id: body.id,
        event: 'PURCHASE_APPROVED',
        createdAt: now,
        transaction: body.data.purchase.transaction,
        approvedAt: now,
        value: 297,
        currency: 'BRL',
        xcod: 'mJIDFq3bN0xk-_7Z',
        affiliate: 'O95340038V',
        parent: null,
      },
    });
    expect(body.data.purchase.transaction).toMatch(/^HP\d{13}$/);
    // Two simulated sales are two purchases, two deliveries.
    const again = simulatedDelivery(facts, now);
    expect([again.id, again.data.purchase.transaction]).not.toEqual([body.id, body.data.purchase.transaction]);
    expect(simulatedDelivery({ ...facts, credited: null }, now).data.affiliates).toEqual([]);
  });
});
