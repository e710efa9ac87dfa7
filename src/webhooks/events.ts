import type { AuditEntry } from '../audit/audit.service';
import { mentionsIn } from '../notifications/mentions';

/**
 * The events a webhook endpoint can subscribe to, and how each is read from the audit log's
 * entries (pure: no database, unit-tested in events.spec.ts). The payload's shape is
 * webhook-event.schema.json.
 */
export const WEBHOOK_EVENTS = [
  'claim.logged',
  'claim.status_changed',
  'claim.assigned',
  'claim.returned',
  'claim.dismissed',
  'claim.published',
  'claim.corrected',
  'verdict.proposed',
  'verdict.published',
  'comment.added',
  'mention',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
/** Sent only by "send test event", to one endpoint, whatever it subscribes to. */
export const TEST_EVENT = 'webhook.test';

/** What an audit entry means for webhooks, before the claim and the users are looked up. */
export interface DerivedEvent {
  type: WebhookEventType;
  transition?: { from: string; to: string; reason: string | null };
  assigneeId?: number | null;
  verdict?: { id: number; rating: string; rationale: string };
  comment?: { id: number; body: string };
  /** Usernames written as @username in the comment or rationale (a `mention` event each, for those that exist). */
  mentions?: string[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The events an audit entry raises (none for most entries). */
export function eventsFor(entry: AuditEntry): DerivedEvent[] {
  const before = obj(entry.before);
  const after = obj(entry.after);
  switch (entry.action) {
    case 'claim.create':
      return [{ type: 'claim.logged' }];
    case 'claim.assign':
      return num(after.assigneeId) !== null ? [{ type: 'claim.assigned', assigneeId: num(after.assigneeId) }] : [];
    case 'claim.transition': {
      const from = str(before.status) ?? '';
      const to = str(after.status) ?? '';
      const transition = { from, to, reason: str(after.reason) };
      const events: DerivedEvent[] = [{ type: 'claim.status_changed', transition }];
      if (to === 'draft' && from !== 'draft') events.push({ type: 'claim.returned', transition });
      if (to === 'dismissed') events.push({ type: 'claim.dismissed', transition });
      if (to === 'published') events.push({ type: 'claim.published', transition }, { type: 'verdict.published', transition });
      if (from === 'published' && to === 'in_review') events.push({ type: 'claim.corrected', transition });
      return events;
    }
    case 'verdict.propose': {
      const rationale = str(after.rationale) ?? '';
      const verdict = { id: num(after.id) ?? entry.entityId, rating: str(after.rating) ?? '', rationale };
      return withMentions({ type: 'verdict.proposed', verdict }, rationale);
    }
    case 'comment.add': {
      const body = str(after.body) ?? '';
      return withMentions({ type: 'comment.added', comment: { id: entry.entityId, body } }, body);
    }
    default:
      return [];
  }
}

function withMentions(event: DerivedEvent, text: string): DerivedEvent[] {
  // The notifications' parser: a webhook's mentions are exactly the users notified of one.
  const mentions = mentionsIn(text);
  return mentions.length ? [event, { ...event, type: 'mention', mentions }] : [event];
}
