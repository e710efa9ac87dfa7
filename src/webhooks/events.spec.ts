import { eventsFor } from './events';

const entry = (action: string, before: object | null, after: object | null) => ({ action, entityType: 'claim', entityId: 7, claimId: 7, before, after });

describe('webhook events from audit entries', () => {
  it('reads a logged claim, an assignment, and ignores unassigning and unrelated entries', () => {
    expect(eventsFor(entry('claim.create', null, {}))).toEqual([{ type: 'claim.logged' }]);
    expect(eventsFor(entry('claim.assign', { assigneeId: null }, { assigneeId: 4, status: 'in_review' }))).toEqual([{ type: 'claim.assigned', assigneeId: 4 }]);
    expect(eventsFor(entry('claim.assign', { assigneeId: 4 }, { assigneeId: null }))).toEqual([]);
    expect(eventsFor(entry('evidence.add', null, {}))).toEqual([]);
    expect(eventsFor(entry('user.create', null, {}))).toEqual([]);
  });

  it('reads every transition as a status change, plus returned, dismissed, published and corrected', () => {
    const types = (from: string, to: string) => eventsFor(entry('claim.transition', { status: from }, { status: to, reason: 'r' })).map((e) => e.type);
    expect(types('draft', 'submitted')).toEqual(['claim.status_changed']);
    expect(types('in_review', 'draft')).toEqual(['claim.status_changed', 'claim.returned']);
    expect(types('submitted', 'dismissed')).toEqual(['claim.status_changed', 'claim.dismissed']);
    expect(types('verdict_proposed', 'published')).toEqual(['claim.status_changed', 'claim.published', 'verdict.published']);
    expect(types('published', 'in_review')).toEqual(['claim.status_changed', 'claim.corrected']);
    expect(eventsFor(entry('claim.transition', { status: 'in_review' }, { status: 'draft', reason: 'needs a source' }))[1]).toEqual({
      type: 'claim.returned',
      transition: { from: 'in_review', to: 'draft', reason: 'needs a source' },
    });
  });

  it('reads a proposed verdict and a comment, with a mention event when they name users', () => {
    expect(eventsFor({ ...entry('verdict.propose', null, { id: 3, rating: 'false', rationale: 'See the map.' }), entityId: 3 })).toEqual([
      { type: 'verdict.proposed', verdict: { id: 3, rating: 'false', rationale: 'See the map.' } },
    ]);
    const events = eventsFor({ ...entry('comment.add', null, { body: 'Over to @rev1 and @ed.2.' }), entityId: 9 });
    expect(events).toEqual([
      { type: 'comment.added', comment: { id: 9, body: 'Over to @rev1 and @ed.2.' } },
      { type: 'mention', comment: { id: 9, body: 'Over to @rev1 and @ed.2.' }, mentions: ['rev1', 'ed.2'] },
    ]);
  });
});
