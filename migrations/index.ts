import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { EvidenceArchives1765500000000 } from './1765500000000-evidence-archives';

/** Every migration, in order. Listed explicitly so the build, the tests and the CLI agree. */
export const MIGRATIONS = [InitialSchema1764000000000, EvidenceArchives1765500000000];
