import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { SuggestionsAnonymousAttributions1765700000000 } from './1765700000000-suggestions-anonymous-attributions';

/** Every migration, in order. Listed explicitly so the build, the tests and the CLI agree. */
export const MIGRATIONS = [InitialSchema1764000000000, SuggestionsAnonymousAttributions1765700000000];
