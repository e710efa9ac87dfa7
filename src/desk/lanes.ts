/**
 * The review queue's lanes, as a four-eyes desk works them. Each lane is a set of claims defined by
 * status, assignee and who logged or proposed what; "waiting since" is the claim's latest status
 * change (the transitions table), or when it was logged if it never moved.
 */
export const LANES = ['waiting', 'assigned', 'publish', 'returned', 'published'] as const;
export type Lane = (typeof LANES)[number];

export interface LaneInfo {
  /** The lane's heading. */
  label: string;
  /** What the claims in it wait for, in one line. */
  description: string;
  /** Who made the move that put a claim in the lane (the latest transition's user). */
  movedByLabel: string;
  /** The default order: the longest wait first, except recently published (newest first). */
  defaultOrder: 'asc' | 'desc';
}

export const LANE_INFO: Record<Lane, LaneInfo> = {
  waiting: {
    label: 'Waiting for a reviewer',
    description: 'Submitted claims nobody has taken (not the ones you logged).',
    movedByLabel: 'submitted by',
    defaultOrder: 'asc',
  },
  assigned: { label: 'Assigned to you', description: 'Claims you are reviewing.', movedByLabel: 'assigned by', defaultOrder: 'asc' },
  publish: {
    label: 'Verdicts waiting for a second reviewer',
    description: 'Proposed verdicts you may publish: not proposed by you, on claims you did not log.',
    movedByLabel: 'proposed by',
    defaultOrder: 'asc',
  },
  returned: {
    label: 'Your claims returned to you',
    description: 'Claims you logged that came back to draft after being submitted.',
    movedByLabel: 'returned by',
    defaultOrder: 'asc',
  },
  published: { label: 'Recently published', description: 'Published in the last 30 days.', movedByLabel: 'published by', defaultOrder: 'desc' },
};

/** How far back "recently published" goes. */
export const RECENT_DAYS = 30;

/** "3 d 4 h", "2 h 5 min", "4 min": how long a claim has waited, for people (`dayUnit` "j" in French). */
export function waitedFor(sinceIso: string, now: Date, dayUnit = 'd'): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(sinceIso)) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours ? `${days} ${dayUnit} ${hours} h` : `${days} ${dayUnit}`;
  if (hours > 0) return mins ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

/** The lanes a role works: reviewers review, editors get their returned claims back, admins do both. */
export function lanesFor(role: 'editor' | 'reviewer' | 'admin'): Lane[] {
  if (role === 'editor') return ['returned', 'published'];
  if (role === 'reviewer') return ['waiting', 'assigned', 'publish', 'published'];
  return [...LANES];
}
