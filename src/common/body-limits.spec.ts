import { bodyLimitFor, BODY_LIMITS, scanJsonShape } from './body-limits';
import { MAX_REPORTED_ERRORS, validationErrorBody } from './validation';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('body limits', () => {
  it('gives sign-in a few KB, article creation 2 MB and every other route 256 KB', () => {
    expect(bodyLimitFor('POST', '/api/auth/login')).toBe(4096);
    expect(bodyLimitFor('POST', '/login')).toBe(4096);
    expect(bodyLimitFor('POST', '/api/articles')).toBe(2 * 1024 * 1024);
    expect(bodyLimitFor('POST', '/articles')).toBe(2 * 1024 * 1024);
    expect(bodyLimitFor('PATCH', '/api/articles/1')).toBe(2 * 1024 * 1024);
    expect(bodyLimitFor('PATCH', '/api/claims/1')).toBe(BODY_LIMITS.default);
    expect(bodyLimitFor('POST', '/api/articles/1/claims')).toBe(256 * 1024);
  });

  it('accepts ordinary bodies, with brackets, colons and escaped quotes inside strings not counted', () => {
    expect(scanJsonShape(bytes('{"a":[1,2,{"b":"x"}],"c":"[[[[:,,\\"{{{"}'), 3, 10)).toBeNull();
    expect(scanJsonShape(bytes(JSON.stringify({ text: '['.repeat(5000) })))).toBeNull();
    // A string ending in an escaped backslash closes at the next quote.
    expect(scanJsonShape(bytes('{"a":"\\\\","b":[[[1]]]}'), 4, 10)).toBeNull();
    expect(scanJsonShape(bytes('{"a":"\\\\","b":[[[1]]]}'), 3, 10)).toEqual({ reason: 'nested deeper than 3 levels' });
  });

  it('refuses nesting deeper than the limit before parsing', () => {
    expect(scanJsonShape(bytes('['.repeat(33) + ']'.repeat(33)))).toEqual({ reason: 'nested deeper than 32 levels' });
    expect(scanJsonShape(bytes('{"a":'.repeat(2500)))).toEqual({ reason: 'nested deeper than 32 levels' });
    expect(scanJsonShape(bytes('['.repeat(32) + ']'.repeat(32)))).toBeNull();
  });

  it('refuses more members than the limit (125,000 keys)', () => {
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 125_000 }, (_, i) => [`k${i}`, i])));
    expect(scanJsonShape(bytes(wide))).toEqual({ reason: 'more than 10000 members (keys and array elements)' });
  });

  it('caps validation error bodies at the first errors and counts the rest', () => {
    const errors = Array.from({ length: 500 }, (_, i) => ({ field: `k${i}`, reason: 'property should not exist' }));
    const body = validationErrorBody(errors);
    expect(body.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(body.errorCount).toBe(500);
    expect(body.message).toMatch(/and 480 more$/);
    expect(validationErrorBody(errors.slice(0, 2))).not.toHaveProperty('errorCount');
  });
});
