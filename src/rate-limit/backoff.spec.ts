import { CounterState, step } from './backoff';

const MIN = 60_000;

describe('rate-limit backoff', () => {
  it('allows `limit` requests in a window and refuses the next, starting a lockout', () => {
    let state: CounterState | null = null;
    for (let i = 1; i <= 3; i++) {
      const s = step(state, 1000, 3, MIN, MIN, 3600_000);
      expect(s).toMatchObject({ blocked: false, lockout: false });
      expect(s.state.hits).toBe(i);
      state = s.state;
    }
    const over = step(state, 1000, 3, MIN, MIN, 3600_000);
    expect(over).toMatchObject({ blocked: true, lockout: true, secondsToUnblock: 60 });
    const again = step(over.state, 2000, 3, MIN, MIN, 3600_000);
    expect(again).toMatchObject({ blocked: true, lockout: false, secondsToUnblock: 59 });
  });

  it('doubles the block for every block in a row, up to the maximum', () => {
    let state: CounterState | null = null;
    let now = 0;
    const blocks: number[] = [];
    for (let round = 0; round < 8; round++) {
      let s = step(state, now, 1, MIN, MIN, 10 * MIN);
      s = step(s.state, now, 1, MIN, MIN, 10 * MIN);
      expect(s.lockout).toBe(true);
      blocks.push(s.secondsToUnblock);
      state = s.state;
      now = s.state.blockedUntil! + 1;
    }
    expect(blocks).toEqual([60, 120, 240, 480, 600, 600, 600, 600]);
  });

  it('starts a new window after the old one ends, and forgets strikes after a clean day', () => {
    const blocked = step(step(null, 0, 1, MIN, MIN, 3600_000).state, 0, 1, MIN, MIN, 3600_000).state;
    expect(blocked.strikes).toBe(1);
    const later = step(blocked, blocked.blockedUntil! + 25 * 3600_000, 1, MIN, MIN, 3600_000);
    expect(later).toMatchObject({ blocked: false, state: { hits: 1, strikes: 0 } });
    const soon = step(blocked, blocked.blockedUntil! + 1, 1, MIN, MIN, 3600_000);
    expect(soon).toMatchObject({ blocked: false, state: { hits: 1, strikes: 1 } });
  });
});
