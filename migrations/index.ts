import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { AccessTokenLastUsed1765400000000 } from './1765400000000-access-token-last-used';
import { ArticleRevisions1765400000001 } from './1765400000001-article-revisions';

/** Every migration, in order. Listed explicitly so the build, the tests and the CLI agree. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  AccessTokenLastUsed1765400000000,
  ArticleRevisions1765400000001,
];
