import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { FrozenUnderReview1765200000000 } from './1765200000000-frozen-under-review';
import { ThrottleRecords1765200000001 } from './1765200000001-throttle-records';
import { ClaimMatching1765800000000 } from './1765800000000-claim-matching';

/** Every migration, in order. Listed explicitly so the build, the tests and the CLI agree. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  FrozenUnderReview1765200000000,
  ThrottleRecords1765200000001,
  ClaimMatching1765800000000,
];
