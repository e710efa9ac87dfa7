import { Article } from '../articles/article.entity';
import { EvidenceArchive } from '../archive/evidence-archive.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { AccessToken } from '../auth/access-token.entity';
import { Attribution, Claim, EvidenceLink } from '../claims/claim.entity';
import { ClaimCluster, ClaimClusterMember, ClaimMatchDismissal, ExternalFactCheck } from '../matching/matching.entities';
import { ThrottleRecord } from '../rate-limit/throttle-record.entity';
import { ClaimTransition, Comment, Verdict } from '../review/review.entities';
import { Source, SourceAlias } from '../sources/source.entity';
import { SuggestionRejection } from '../suggestions/suggestion-rejection.entity';
import { User } from '../users/user.entity';
import { ArticleRevision, ClaimAnchorFlag } from '../revisions/revision.entities';
import { OutboxMessageRow } from '../outbox/outbox-message.entity';
import { Notification, NotificationSettings, Watch } from '../notifications/notification.entities';
import { WebhookDelivery, WebhookEndpoint, WebhookSubscription } from '../webhooks/webhook.entities';
import { UserIdentity } from '../sso/user-identity.entity';
import { RecoveryCode, SecuritySetting, SignInChallenge, TotpCredential } from '../two-factor/two-factor.entities';
import { LedgerClaimRole, LedgerTotal } from '../ledger/ledger-totals.entity';

/** Every entity, listed once: the app, the CLI, the migrations check and db:copy share it. */
export const ENTITIES = [
  User,
  AccessToken,
  Source,
  SourceAlias,
  Article,
  Claim,
  Attribution,
  EvidenceLink,
  Verdict,
  Comment,
  ClaimTransition,
  AuditEvent,
  ClaimCluster,
  ClaimClusterMember,
  ClaimMatchDismissal,
  ExternalFactCheck,
  ThrottleRecord,
  ArticleRevision,
  ClaimAnchorFlag,
  EvidenceArchive,
  SuggestionRejection,
  OutboxMessageRow,
  Notification,
  Watch,
  NotificationSettings,
  WebhookEndpoint,
  WebhookSubscription,
  WebhookDelivery,
  UserIdentity,
  TotpCredential,
  RecoveryCode,
  SecuritySetting,
  SignInChallenge,
  LedgerClaimRole,
  LedgerTotal,
];
