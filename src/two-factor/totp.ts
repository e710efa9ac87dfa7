/** otplib, loaded on first use rather than at every start-up. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const otp = () => (require('otplib') as typeof import('otplib')).authenticator;
import { createHash, randomInt } from 'node:crypto';

/**
 * The pure rules of the second factor: TOTP (RFC 6238, 6 digits, 30-second steps, SHA-1 as every
 * authenticator app expects) through otplib, and recovery codes. No Nest, no database.
 */
export const STEP_SECONDS = 30;
/** Codes one step early or late are accepted (clock drift between phone and server). */
export const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

export function newTotpSecret(): string {
  return otp().generateSecret(20);
}

/** The `otpauth://` address an authenticator app reads from the QR code. */
export function otpauthUrl(issuer: string, username: string, secret: string): string {
  return otp().keyuri(username, issuer, secret);
}

/** The current code for a secret (tests and the enrolment page's self-check). */
export function totpCode(secret: string, at: number = Date.now()): string {
  return otp().clone({ epoch: at }).generate(secret);
}

/**
 * The 30-second step a code belongs to when it is valid at `at` (within ±WINDOW steps), else null.
 * The caller refuses a step at or before the last one accepted, so a code is never used twice.
 */
export function totpStep(secret: string, code: string, at: number = Date.now()): number | null {
  const normalised = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(normalised)) return null;
  const delta = otp().clone({ epoch: at, window: WINDOW }).checkDelta(normalised, secret);
  return delta === null ? null : Math.floor(at / 1000 / STEP_SECONDS) + delta;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A recovery code: 16 characters (about 79 bits) in groups of four, e.g. `k7mq-2xpa-9fhd-w3nc`. */
export function newRecoveryCode(): string {
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out.match(/.{4}/g)!.join('-');
}

/** What a user types, however they group it or capitalise it, to the stored form. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Recovery codes are random with ~79 bits each: a fast hash is enough (as for sign-in tokens). */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(`claimtrail-recovery\0${normaliseRecoveryCode(code)}`).digest('hex');
}

/** Whether a typed second factor looks like a recovery code rather than a 6-digit TOTP code. */
export function looksLikeRecoveryCode(code: string): boolean {
  return normaliseRecoveryCode(code).length === 16;
}
