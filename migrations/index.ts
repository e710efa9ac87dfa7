import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { ClaimMatching1765800000000 } from './1765800000000-claim-matching';

/** Every migration, in order. Listed explicitly so the build, the tests and the CLI agree. */
export const MIGRATIONS = [InitialSchema1764000000000, ClaimMatching1765800000000];
