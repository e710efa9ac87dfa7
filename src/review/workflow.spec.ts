import { allowedTransitions, checkEdit, checkProposeVerdict, checkTransition, WorkflowClaim, WorkflowUser } from './workflow';

const editor: WorkflowUser = { id: 1, role: 'editor' };
const otherEditor: WorkflowUser = { id: 2, role: 'editor' };
const reviewer: WorkflowUser = { id: 3, role: 'reviewer' };
const secondReviewer: WorkflowUser = { id: 4, role: 'reviewer' };
const admin: WorkflowUser = { id: 5, role: 'admin' };
const on = { secondCheck: true };
const off = { secondCheck: false };

const claim = (overrides: Partial<WorkflowClaim> = {}): WorkflowClaim => ({
  status: 'draft',
  assigneeId: null,
  createdById: editor.id,
  currentVerdict: null,
  evidenceCount: 0,
  ...overrides,
});
const proposed = (overrides: Partial<WorkflowClaim> = {}) =>
  claim({ status: 'verdict_proposed', assigneeId: reviewer.id, currentVerdict: { reviewerId: reviewer.id, rationale: 'Because.' }, evidenceCount: 1, ...overrides });

describe('workflow rules', () => {
  it('lets the editor who logged a draft, or an admin, submit it; nobody else', () => {
    expect(checkTransition(editor, claim(), 'submitted', on).ok).toBe(true);
    expect(checkTransition(admin, claim(), 'submitted', on).ok).toBe(true);
    expect(checkTransition(otherEditor, claim(), 'submitted', on)).toMatchObject({ ok: false, status: 403 });
    expect(checkTransition(reviewer, claim(), 'submitted', on)).toMatchObject({ ok: false, status: 403 });
  });

  it('treats claims loaded by the system as the whole desk’s', () => {
    expect(checkTransition(otherEditor, claim({ createdById: null }), 'submitted', on).ok).toBe(true);
  });

  it('takes a submitted claim back to draft only while nobody has taken it', () => {
    expect(checkTransition(editor, claim({ status: 'submitted' }), 'draft', on).ok).toBe(true);
    expect(checkTransition(editor, claim({ status: 'submitted', assigneeId: reviewer.id }), 'draft', on)).toMatchObject({ status: 422, field: 'assignee' });
  });

  it('lets reviewers take a submitted claim, except the one who logged it', () => {
    expect(checkTransition(reviewer, claim({ status: 'submitted' }), 'in_review', on).ok).toBe(true);
    expect(checkTransition(editor, claim({ status: 'submitted' }), 'in_review', on)).toMatchObject({ status: 403 });
    expect(checkTransition(admin, claim({ status: 'submitted', createdById: admin.id }), 'in_review', on)).toMatchObject({ status: 403, reason: expect.stringMatching(/four eyes/) });
  });

  it('lets only the assignee hand a claim back', () => {
    const taken = claim({ status: 'in_review', assigneeId: reviewer.id });
    expect(checkTransition(reviewer, taken, 'submitted', on).ok).toBe(true);
    expect(checkTransition(secondReviewer, taken, 'submitted', on)).toMatchObject({ status: 403 });
  });

  it('refuses to reach verdict_proposed by a transition: a verdict does that', () => {
    expect(checkTransition(reviewer, claim({ status: 'in_review', assigneeId: reviewer.id }), 'verdict_proposed', on)).toMatchObject({ status: 422 });
  });

  it('publishes with a second reviewer, never the proposer or the claim’s author, when the second check is on', () => {
    expect(checkTransition(secondReviewer, proposed(), 'published', on).ok).toBe(true);
    expect(checkTransition(reviewer, proposed(), 'published', on)).toMatchObject({ status: 403, reason: 'four eyes: you proposed this verdict' });
    expect(checkTransition(reviewer, proposed(), 'published', off).ok).toBe(true);
    expect(checkTransition(admin, proposed({ createdById: admin.id }), 'published', off)).toMatchObject({ status: 403 });
    expect(checkTransition(editor, proposed(), 'published', on)).toMatchObject({ status: 403 });
  });

  it('refuses to publish without evidence, a verdict or a rationale', () => {
    expect(checkTransition(secondReviewer, proposed({ evidenceCount: 0 }), 'published', on)).toMatchObject({ status: 422, field: 'evidence' });
    expect(checkTransition(secondReviewer, proposed({ currentVerdict: null }), 'published', on)).toMatchObject({ status: 422, field: 'verdict' });
    expect(checkTransition(secondReviewer, proposed({ currentVerdict: { reviewerId: reviewer.id, rationale: ' ' } }), 'published', on)).toMatchObject({
      status: 422,
      field: 'rationale',
    });
    expect(checkTransition(secondReviewer, claim({ status: 'in_review', evidenceCount: 1 }), 'published', on)).toMatchObject({ status: 422, field: 'to' });
  });

  it('reopens a published claim only with a reason', () => {
    const published = proposed({ status: 'published' });
    expect(checkTransition(secondReviewer, published, 'in_review', on, 'Rating was wrong')).toEqual({ ok: true });
    expect(checkTransition(secondReviewer, published, 'in_review', on)).toMatchObject({ status: 422, field: 'reason' });
    expect(checkTransition(editor, published, 'in_review', on, 'x')).toMatchObject({ status: 403 });
  });

  it('dismisses an open claim with a reason, and never a closed one', () => {
    expect(checkTransition(editor, claim(), 'dismissed', on, 'opinion')).toEqual({ ok: true });
    expect(checkTransition(editor, claim(), 'dismissed', on)).toMatchObject({ status: 422, field: 'reason' });
    expect(checkTransition(reviewer, claim({ status: 'submitted' }), 'dismissed', on, 'duplicate').ok).toBe(true);
    expect(checkTransition(secondReviewer, claim({ status: 'in_review', assigneeId: reviewer.id }), 'dismissed', on, 'x')).toMatchObject({ status: 403 });
    expect(checkTransition(admin, proposed({ status: 'published' }), 'dismissed', on, 'x')).toMatchObject({ status: 422 });
    expect(checkTransition(admin, claim({ status: 'dismissed' }), 'dismissed', on, 'x')).toMatchObject({ status: 422 });
  });

  it('proposes verdicts by the assignee (or an admin), on a claim under review, never by its author', () => {
    const taken = claim({ status: 'in_review', assigneeId: reviewer.id });
    expect(checkProposeVerdict(reviewer, taken).ok).toBe(true);
    expect(checkProposeVerdict(secondReviewer, taken)).toMatchObject({ status: 403 });
    expect(checkProposeVerdict(admin, taken).ok).toBe(true);
    expect(checkProposeVerdict(editor, taken)).toMatchObject({ status: 403 });
    expect(checkProposeVerdict(reviewer, claim({ status: 'submitted', assigneeId: reviewer.id }))).toMatchObject({ status: 422 });
    expect(checkProposeVerdict(admin, claim({ status: 'in_review', assigneeId: admin.id, createdById: admin.id }))).toMatchObject({ status: 403 });
  });

  it('lists exactly the transitions the rules allow', () => {
    expect(allowedTransitions(editor, claim(), on)).toEqual(['submitted', 'dismissed']);
    expect(allowedTransitions(reviewer, claim(), on)).toEqual([]);
    expect(allowedTransitions(reviewer, claim({ status: 'submitted' }), on)).toEqual(['in_review', 'dismissed']);
    expect(allowedTransitions(editor, claim({ status: 'submitted' }), on)).toEqual(['draft', 'dismissed']);
    expect(allowedTransitions(reviewer, proposed(), on)).toEqual(['draft', 'dismissed']);
    expect(allowedTransitions(reviewer, proposed(), off)).toEqual(['draft', 'published', 'dismissed']);
    expect(allowedTransitions(secondReviewer, proposed(), on)).toEqual(['published']);
    expect(allowedTransitions(secondReviewer, proposed({ status: 'published' }), on)).toEqual(['in_review']);
  });

  describe('frozen under review', () => {
    it('refuses changes to the wording and chain of a claim in_review or verdict_proposed, for editors and admins alike', () => {
      for (const status of ['in_review', 'verdict_proposed'] as const) {
        for (const action of ['edit', 'chain'] as const) {
          expect(checkEdit(editor, claim({ status }), action)).toMatchObject({ ok: false, status: 422, field: 'status', reason: `is ${status}: frozen under review` });
          expect(checkEdit(admin, claim({ status }), action)).toMatchObject({ ok: false, status: 422 });
        }
      }
    });

    it('lets the owner edit a draft or a submitted claim nobody reviews yet', () => {
      expect(checkEdit(editor, claim(), 'edit').ok).toBe(true);
      expect(checkEdit(editor, claim({ status: 'submitted' }), 'chain').ok).toBe(true);
    });

    it('refuses a published or dismissed claim', () => {
      expect(checkEdit(editor, claim({ status: 'published' }), 'edit')).toMatchObject({ status: 422, reason: 'is published; reopen it first' });
      expect(checkEdit(editor, claim({ status: 'dismissed' }), 'chain')).toMatchObject({ status: 422, reason: 'is dismissed' });
    });

    it('sends a claim back to its editor only by its assignee or an admin, with a reason', () => {
      const inReview = claim({ status: 'in_review', assigneeId: reviewer.id });
      expect(checkTransition(reviewer, inReview, 'draft', on, 'the quote is cut short').ok).toBe(true);
      expect(checkTransition(reviewer, proposed(), 'draft', on, 'wrong speaker').ok).toBe(true);
      expect(checkTransition(admin, proposed(), 'draft', on, 'wrong speaker').ok).toBe(true);
      expect(checkTransition(reviewer, inReview, 'draft', on)).toMatchObject({ status: 422, field: 'reason' });
      expect(checkTransition(secondReviewer, inReview, 'draft', on, 'x')).toMatchObject({ status: 403 });
      expect(checkTransition(editor, inReview, 'draft', on, 'x')).toMatchObject({ status: 403 });
      expect(allowedTransitions(reviewer, inReview, on)).toContain('draft');
    });

    it('refuses to publish a verdict proposed on other words, or one invalidated by a return to the editor', () => {
      const changed = proposed({ wordingVersion: 3, currentVerdict: { reviewerId: reviewer.id, rationale: 'Because.', wordingVersion: 2 } });
      expect(checkTransition(secondReviewer, changed, 'published', on)).toMatchObject({
        ok: false,
        status: 422,
        field: 'verdict',
        reason: 'proposed on wording version 2, the claim is at 3',
      });
      const same = proposed({ wordingVersion: 2, currentVerdict: { reviewerId: reviewer.id, rationale: 'Because.', wordingVersion: 2 } });
      expect(checkTransition(secondReviewer, same, 'published', on).ok).toBe(true);
      const invalidated = proposed({ currentVerdict: { reviewerId: reviewer.id, rationale: 'Because.', invalidated: true } });
      expect(checkTransition(secondReviewer, invalidated, 'published', on)).toMatchObject({ status: 422, reason: 'invalidated' });
    });
  });

  describe('one rule for editors: their own claims, admins any', () => {
    it('lets an editor edit, re-chain and delete only the drafts they logged; admins any; the sample belongs to everyone', () => {
      for (const action of ['edit', 'chain', 'delete'] as const) {
        expect(checkEdit(editor, claim(), action).ok).toBe(true);
        expect(checkEdit(otherEditor, claim(), action)).toMatchObject({ ok: false, status: 403, reason: 'not your claim' });
        expect(checkEdit(admin, claim(), action).ok).toBe(true);
        expect(checkEdit(otherEditor, claim({ createdById: null }), action).ok).toBe(true);
        expect(checkEdit(reviewer, claim(), action)).toMatchObject({ ok: false, status: 403 });
      }
      expect(checkEdit(editor, claim({ status: 'submitted' }), 'delete')).toMatchObject({ status: 422 });
    });
  });
});
