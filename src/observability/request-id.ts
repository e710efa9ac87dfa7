import { randomUUID } from 'node:crypto';

/** What an incoming X-Request-Id may look like: short, printable, no spaces (it goes into every log line). */
const ACCEPTABLE = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The request's id: the caller's `X-Request-Id` when it is a sane token (a proxy's or a client's
 * correlation id), otherwise a new UUID. Pure, so it is unit-tested on its own.
 */
export function requestIdFrom(header: string | string[] | undefined, generate: () => string = randomUUID): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && ACCEPTABLE.test(given) ? given : generate();
}
