import { LANE_INFO, LANES, lanesFor, waitedFor } from './lanes';

describe('waitedFor', () => {
  const now = new Date('2026-11-25T12:00:00.000Z');
  it('says minutes, hours and days the way a desk reads them', () => {
    expect(waitedFor('2026-11-25T11:56:00.000Z', now)).toBe('4 min');
    expect(waitedFor('2026-11-25T09:55:00.000Z', now)).toBe('2 h 5 min');
    expect(waitedFor('2026-11-25T10:00:00.000Z', now)).toBe('2 h');
    expect(waitedFor('2026-11-22T08:00:00.000Z', now)).toBe('3 d 4 h');
    expect(waitedFor('2026-11-20T12:00:00.000Z', now)).toBe('5 d');
  });
  it('never goes negative for a clock a little ahead', () => {
    expect(waitedFor('2026-11-25T12:01:00.000Z', now)).toBe('0 min');
  });
});

describe('LANE_INFO', () => {
  it('describes every lane, longest wait first except the recently published', () => {
    expect(Object.keys(LANE_INFO).sort()).toEqual([...LANES].sort());
    expect(LANES.filter((l) => LANE_INFO[l].defaultOrder === 'desc')).toEqual(['published']);
  });
});

describe('lanesFor', () => {
  it('gives reviewers the review lanes, editors their returned claims, admins every lane', () => {
    expect(lanesFor('reviewer')).toEqual(['waiting', 'assigned', 'publish', 'published']);
    expect(lanesFor('editor')).toEqual(['returned', 'published']);
    expect(lanesFor('admin')).toEqual([...LANES]);
  });
});
