import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: HMAC-SHA256 with the endpoint's secret over `timestamp + "." + body`,
 * where the timestamp is the `X-Claimtrail-Timestamp` header (Unix seconds) and the body is the
 * exact bytes sent. Signing the timestamp with the body lets a receiver refuse replays: an old
 * request cannot be re-sent with a fresh timestamp without the secret.
 */
export const SIGNATURE_HEADER = 'X-Claimtrail-Signature';
export const TIMESTAMP_HEADER = 'X-Claimtrail-Timestamp';
export const DELIVERY_HEADER = 'X-Claimtrail-Delivery';
export const EVENT_HEADER = 'X-Claimtrail-Event';
/** How far a receiver should accept a timestamp from its own clock (the README's recipe). */
export const REPLAY_WINDOW_SECONDS = 300;

/** A new endpoint secret: 32 random bytes, base64url, prefixed so it is recognisable in a leak scan. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** `sha256=<hex>`: the signature header's value. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type Verification = { ok: true } | { ok: false; reason: string };

/** What a receiver does (and the specs' receiver does): the timestamp is recent and the signature matches. */
export function verify(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  windowSeconds = REPLAY_WINDOW_SECONDS,
): Verification {
  if (!headers.signature || !headers.timestamp) return { ok: false, reason: 'missing signature or timestamp header' };
  if (!/^\d{1,12}$/.test(headers.timestamp)) return { ok: false, reason: 'the timestamp is not Unix seconds' };
  const timestamp = Number(headers.timestamp);
  if (Math.abs(nowSeconds - timestamp) > windowSeconds) return { ok: false, reason: 'the timestamp is outside the replay window' };
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'the signature does not match' };
  return { ok: true };
}
