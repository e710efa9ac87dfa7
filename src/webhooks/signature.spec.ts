import { createHmac } from 'node:crypto';
import { newSecret, sign, verify } from './signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"type":"claim.logged"}';

  it('signs timestamp + "." + body with HMAC-SHA256, hex, prefixed sha256=', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(sign(secret, 1700000000, body)).toBe(`sha256=${expected}`);
  });

  it('accepts a fresh, matching signature', () => {
    expect(verify(secret, { signature: sign(secret, 1700000000, body), timestamp: '1700000000' }, body, 1700000010)).toEqual({ ok: true });
  });

  it('refuses a body changed after signing, another secret, and a timestamp swapped in', () => {
    const signature = sign(secret, 1700000000, body);
    expect(verify(secret, { signature, timestamp: '1700000000' }, `${body} `, 1700000000)).toEqual({ ok: false, reason: 'the signature does not match' });
    expect(verify('whsec_other', { signature, timestamp: '1700000000' }, body, 1700000000).ok).toBe(false);
    expect(verify(secret, { signature, timestamp: '1700000001' }, body, 1700000000).ok).toBe(false);
  });

  it('refuses a replay outside the window, and missing or malformed headers', () => {
    const signature = sign(secret, 1700000000, body);
    expect(verify(secret, { signature, timestamp: '1700000000' }, body, 1700000000 + 301)).toEqual({ ok: false, reason: 'the timestamp is outside the replay window' });
    expect(verify(secret, { signature: undefined, timestamp: '1700000000' }, body, 1700000000).ok).toBe(false);
    expect(verify(secret, { signature, timestamp: '17e8' }, body, 1700000000)).toEqual({ ok: false, reason: 'the timestamp is not Unix seconds' });
  });

  it('makes distinct, long secrets', () => {
    const a = newSecret();
    expect(a).toMatch(/^whsec_[\w-]{43}$/);
    expect(newSecret()).not.toBe(a);
  });
});
