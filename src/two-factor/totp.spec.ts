import { authenticator } from 'otplib';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCode, newTotpSecret, normaliseRecoveryCode, otpauthUrl, totpCode, totpStep } from './totp';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" (base32 below) at T = 59 s gives 94287082.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('totp', () => {
  it('computes the RFC 6238 test vector (last six digits of 94287082 at 59 s)', () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe('287082');
    expect(totpStep(RFC_SECRET, '287082', 59_000)).toBe(1);
  });

  it('accepts a code one step early or late and refuses two steps off', () => {
    const at = 1_800_000_000_000;
    const previous = totpCode(RFC_SECRET, at - 30_000);
    expect(totpStep(RFC_SECRET, previous, at)).toBe(Math.floor(at / 30_000) - 1);
    expect(totpStep(RFC_SECRET, totpCode(RFC_SECRET, at + 30_000), at)).toBe(Math.floor(at / 30_000) + 1);
    expect(totpStep(RFC_SECRET, totpCode(RFC_SECRET, at - 60_000), at)).toBeNull();
  });

  it('refuses anything but six digits', () => {
    expect(totpStep(RFC_SECRET, '28708', 59_000)).toBeNull();
    expect(totpStep(RFC_SECRET, 'abcdef', 59_000)).toBeNull();
    expect(totpStep(RFC_SECRET, ' 287 082 ', 59_000)).toBe(1);
  });

  it('makes 20-byte secrets and an otpauth address apps read', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl('Claimtrail', 'maria', secret));
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Claimtrail');
    const at = Date.now(); // one clock reading for both: a 30-second step could roll over between two
    expect(authenticator.clone({ epoch: at }).check(totpCode(secret, at), secret)).toBe(true);
  });

  it('makes distinct recovery codes that hash the same however they are typed', () => {
    const codes = new Set(Array.from({ length: 50 }, newRecoveryCode));
    expect(codes.size).toBe(50);
    const code = [...codes][0];
    expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(hashRecoveryCode(code.toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(code));
    expect(normaliseRecoveryCode(code)).toHaveLength(16);
    expect(looksLikeRecoveryCode(code)).toBe(true);
    expect(looksLikeRecoveryCode('123456')).toBe(false);
  });
});
