// @vitest-environment node
/**
 * README, See your sales: the delivery a producer posts with `curl` to try `serve` on their machine
 * is one the webhook receiver takes as a sale, with the hottok `serve` was started with in that
 * paragraph, under the header Hotmart sends it in. Fix: the README's example, or the receiver.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Delivery, fetchWebhookHandler } from '../../src/server/index';

const readme = readFileSync('README.md', 'utf8');
const block = /```sh\n(curl [^`]*?\/hotmart\/webhook <<'JSON'\n([^`]*?)\nJSON\n[^`]*?)```/.exec(readme);
const started = /`HOTMART_HOTTOK=(\S+) npx hotlinks-embed serve`/.exec(readme);

describe("README's try-it delivery", () => {
  it('is accepted by the webhook receiver as an approved sale of the affiliate it names, for the xcod to paste', async () => {
    expect(block, 'the curl block posting to /hotmart/webhook').not.toBeNull();
    expect(started, 'the serve command with its HOTMART_HOTTOK').not.toBeNull();
    const [, command, json] = block!;
    const hottok = started![1];
    expect(command).toContain(`-H 'x-hotmart-hottok: ${hottok}'`);
    expect(command).toContain("-H 'content-type: application/json'");
    expect(command).toContain('http://127.0.0.1:8790/hotmart/webhook');
    const received: Delivery[] = [];
    const handler = fetchWebhookHandler({ hottok, onDelivery: (delivery) => void received.push(delivery) });
    const response = await handler(
      new Request('http://127.0.0.1:8790/hotmart/webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hotmart-hottok': hottok }, body: json }),
    );
    expect(response.status).toBe(200);
    expect(received).toEqual([
      expect.objectContaining({ id: 'test-delivery-1', event: 'PURCHASE_APPROVED', transaction: 'HP1000000001', value: 297, currency: 'BRL', xcod: 'PASTE-THE-XCOD', affiliate: 'O95340038V' }),
    ]);
  });
});
