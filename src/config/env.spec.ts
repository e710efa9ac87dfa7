import { EnvError, loadEnv } from './env';

describe('REVIEW_SECOND_CHECK', () => {
  it('is on by default', () => {
    expect(loadEnv({}).REVIEW_SECOND_CHECK).toBe(true);
  });

  it('reads true/false and 1/0', () => {
    expect(loadEnv({ REVIEW_SECOND_CHECK: 'false' }).REVIEW_SECOND_CHECK).toBe(false);
    expect(loadEnv({ REVIEW_SECOND_CHECK: '0' }).REVIEW_SECOND_CHECK).toBe(false);
    expect(loadEnv({ REVIEW_SECOND_CHECK: 'true' }).REVIEW_SECOND_CHECK).toBe(true);
  });

  it('refuses anything else, naming the variable, rather than silently turning the check off', () => {
    expect(() => loadEnv({ REVIEW_SECOND_CHECK: 'no' })).toThrow(EnvError);
    expect(() => loadEnv({ REVIEW_SECOND_CHECK: 'no' })).toThrow(/REVIEW_SECOND_CHECK="no"/);
  });
});
