/**
 * The dashboard token and the sessions it opens, with Web Crypto (global in Node 20, as in browsers).
 *
 * - The token is compared in constant time: both sides are reduced to an HMAC under a key made at
 *   start, and `subtle.verify` compares the two MACs without stopping at the first differing byte,
 *   so neither the length nor any prefix of the token shows in the time a wrong guess takes.
 * - A session is a signed value, `v1.<expires>.<id>.<mac>`, kept by the browser in an HttpOnly
 *   cookie: nothing to store, and it survives a restart. The signing key is derived from the token,
 *   so changing the token ends every session. Logging out forgets the cookie and revokes its id in
 *   memory until it would have expired (a copied cookie stops working there and then; a restart
 *   forgets that list, so the cookie's own lifetime stays short).
 */

const encoder = new TextEncoder();
const HMAC = { name: 'HMAC', hash: 'SHA-256' } as const;
const SESSION_LABEL = 'hotlinks-embed dashboard session v1';
const SESSION = /^v1\.([0-9a-z]{1,11})\.([0-9a-f]{32})\.([0-9a-f]{64})$/;

/** How long a session lasts after logging in. */
export const SESSION_SECONDS = 7 * 24 * 60 * 60;

const hex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (text: string) => new Uint8Array(text.match(/../g)!.map((pair) => parseInt(pair, 16)));
const hmacKey = (raw: BufferSource, usages: KeyUsage[]) => crypto.subtle.importKey('raw', raw, HMAC, false, usages);

export interface Sessions {
  /** Whether `candidate` is the token, in constant time. */
  isToken(candidate: string): Promise<boolean>;
  /** A new session cookie value. */
  open(now?: number): Promise<string>;
  /** Whether `value` is a session this token opened, not expired, not logged out. */
  isValid(value: string, now?: number): Promise<boolean>;
  /** Logs a session out for good (a no-op for a value that is not one). */
  close(value: string, now?: number): Promise<void>;
}

export function sessions(token: string): Sessions {
  const keys = (async () => {
    const compare = await hmacKey(crypto.getRandomValues(new Uint8Array(32)), ['sign', 'verify']);
    const tokenMac = await crypto.subtle.sign('HMAC', compare, encoder.encode(token));
    const derived = await crypto.subtle.sign('HMAC', await hmacKey(encoder.encode(token), ['sign']), encoder.encode(SESSION_LABEL));
    return { compare, tokenMac, session: await hmacKey(derived, ['sign', 'verify']) };
  })();
  /** Session ids logged out, with when they would have expired (ms). */
  const revoked = new Map<string, number>();

  const check = async (value: string, now: number) => {
    const match = SESSION.exec(value);
    if (!match) return undefined;
    const [, expires, id, mac] = match;
    const expiresAt = parseInt(expires, 36) * 1000;
    const { session } = await keys;
    const signed = await crypto.subtle.verify('HMAC', session, unhex(mac), encoder.encode(`v1.${expires}.${id}`));
    return signed && expiresAt > now ? { id, expiresAt } : undefined;
  };

  return {
    async isToken(candidate) {
      const { compare, tokenMac } = await keys;
      return crypto.subtle.verify('HMAC', compare, tokenMac, encoder.encode(candidate));
    },
    async open(now = Date.now()) {
      const expires = Math.floor(now / 1000 + SESSION_SECONDS).toString(36);
      const body = `v1.${expires}.${hex(crypto.getRandomValues(new Uint8Array(16)))}`;
      const { session } = await keys;
      return `${body}.${hex(await crypto.subtle.sign('HMAC', session, encoder.encode(body)))}`;
    },
    async isValid(value, now = Date.now()) {
      const session = await check(value, now);
      return !!session && !revoked.has(session.id);
    },
    async close(value, now = Date.now()) {
      const session = await check(value, now);
      if (!session) return;
      for (const [id, expiresAt] of revoked) if (expiresAt <= now) revoked.delete(id);
      revoked.set(session.id, session.expiresAt);
    },
  };
}
