import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { QueryIndexes1765600000000 } from './1765600000000-query-indexes';

/** Every migration, in order. Listed explicitly so the build, the tests and the CLI agree. */
export const MIGRATIONS = [InitialSchema1764000000000, QueryIndexes1765600000000];
