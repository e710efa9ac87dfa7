import { defaultBackoffMs } from './backoff';

describe(defaultBackoffMs.name, () => {
  it('doubles from 5 seconds after each failed attempt', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((a) => defaultBackoffMs(a, middle))).toEqual([5_000, 10_000, 20_000, 40_000]);
  });

  it('never waits more than an hour and a fifth, whatever the attempt', () => {
    expect(defaultBackoffMs(40, () => 0.999)).toBeLessThanOrEqual(3_600_000 * 1.2);
    expect(defaultBackoffMs(40, () => 0)).toBe(3_600_000 * 0.8);
  });

  it('spreads retries by up to 20 % either way', () => {
    expect(defaultBackoffMs(1, () => 0)).toBe(4_000);
    expect(defaultBackoffMs(1, () => 1)).toBe(6_000);
  });
});
