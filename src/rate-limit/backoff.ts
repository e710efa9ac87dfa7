/**
 * The rate-limit rules as a pure function: a fixed window of `ttlMs` allowing `limit` requests;
 * the request that goes over starts a block of `blockMs`, doubled for every block in a row
 * (backoff) up to `maxBlockMs`. A key that stayed clean for a day starts again from one strike.
 */
export interface CounterState {
  hits: number;
  windowEndsAt: number;
  blockedUntil: number | null;
  strikes: number;
}

export interface Step {
  state: CounterState;
  /** The request is refused. */
  blocked: boolean;
  /** This request started a new block (a lockout worth auditing). */
  lockout: boolean;
  /** Whole seconds until the window ends / the block ends (for the headers). */
  secondsToReset: number;
  secondsToUnblock: number;
}

export const STRIKES_FORGOTTEN_AFTER_MS = 24 * 3600_000;

export function step(previous: CounterState | null, now: number, limit: number, ttlMs: number, blockMs: number, maxBlockMs: number): Step {
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
  if (previous?.blockedUntil != null && previous.blockedUntil > now) {
    return {
      state: previous,
      blocked: true,
      lockout: false,
      secondsToReset: seconds(previous.windowEndsAt - now),
      secondsToUnblock: seconds(previous.blockedUntil - now),
    };
  }
  const forgotten = !previous || (previous.blockedUntil !== null && now - previous.blockedUntil > STRIKES_FORGOTTEN_AFTER_MS) || (previous.blockedUntil === null && previous.windowEndsAt < now - STRIKES_FORGOTTEN_AFTER_MS);
  const strikes = forgotten ? 0 : previous!.strikes;
  const fresh = !previous || previous.windowEndsAt <= now || previous.blockedUntil !== null;
  const state: CounterState = fresh
    ? { hits: 1, windowEndsAt: now + ttlMs, blockedUntil: null, strikes }
    : { ...previous!, hits: previous!.hits + 1, strikes };
  if (state.hits <= limit) {
    return { state, blocked: false, lockout: false, secondsToReset: seconds(state.windowEndsAt - now), secondsToUnblock: 0 };
  }
  const block = Math.min(maxBlockMs, blockMs * 2 ** state.strikes);
  const blockedUntil = now + block;
  return {
    state: { ...state, strikes: state.strikes + 1, blockedUntil, windowEndsAt: Math.max(state.windowEndsAt, blockedUntil) },
    blocked: true,
    lockout: true,
    secondsToReset: seconds(state.windowEndsAt - now),
    secondsToUnblock: seconds(block),
  };
}
