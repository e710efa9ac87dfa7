/**
 * The default wait before the next attempt after `attempt` failed: 5 s, 10 s, 20 s … doubling,
 * capped at an hour, with ±20 % jitter so that messages failing together do not retry together.
 */
export function defaultBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
