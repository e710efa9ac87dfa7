import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { FrozenUnderReview1765200000000 } from './1765200000000-frozen-under-review';
import { ThrottleRecords1765200000001 } from './1765200000001-throttle-records';
import { AccessTokenLastUsed1765400000000 } from './1765400000000-access-token-last-used';
import { ArticleRevisions1765400000001 } from './1765400000001-article-revisions';
import { EvidenceArchives1765500000000 } from './1765500000000-evidence-archives';
import { QueryIndexes1765600000000 } from './1765600000000-query-indexes';
import { SuggestionsAnonymousAttributions1765700000000 } from './1765700000000-suggestions-anonymous-attributions';
import { ClaimMatching1765800000000 } from './1765800000000-claim-matching';
import { OutboxMessages1766000000000 } from './1766000000000-outbox-messages';
import { Notifications1766000000001 } from './1766000000001-notifications';
import { Webhooks1766100000000 } from './1766100000000-webhooks';
import { UserLanguage1766200000000 } from './1766200000000-user-language';
import { SsoTwoFactor1766300000000 } from './1766300000000-sso-two-factor';
import { LedgerTotals1766400000000 } from './1766400000000-ledger-totals';
import { NotificationLink1766700000000 } from './1766700000000-notification-link';
import { OutboxSentIndex1766700000001 } from './1766700000001-outbox-sent-index';
import { NotificationSummaryParams1766900000000 } from './1766900000000-notification-summary-params';
import { ClaimSearchIndex1767000000000 } from './1767000000000-claim-search-index';
import { LedgerRecount1767000000001 } from './1767000000001-ledger-recount';

/** Every migration, in order of its timestamp. Listed explicitly so the build, the tests and the CLI agree. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  FrozenUnderReview1765200000000,
  ThrottleRecords1765200000001,
  AccessTokenLastUsed1765400000000,
  ArticleRevisions1765400000001,
  EvidenceArchives1765500000000,
  QueryIndexes1765600000000,
  SuggestionsAnonymousAttributions1765700000000,
  ClaimMatching1765800000000,
  OutboxMessages1766000000000,
  Notifications1766000000001,
  Webhooks1766100000000,
  UserLanguage1766200000000,
  SsoTwoFactor1766300000000,
  LedgerTotals1766400000000,
  NotificationLink1766700000000,
  OutboxSentIndex1766700000001,
  NotificationSummaryParams1766900000000,
  ClaimSearchIndex1767000000000,
  LedgerRecount1767000000001,
];
