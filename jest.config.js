// The test suite runs on SQLite (`npm test`) or, with TEST_DATABASE_URL=postgres://…, on
// PostgreSQL. Specs under test/e2e/postgres/ prove what only exists with a shared server
// (several instances, concurrent start-up), so they are collected on PostgreSQL runs only.
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? '');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testRegex: '(src/.+\\.spec\\.ts|test/.+\\.(e2e-)?spec\\.ts)$',
  testPathIgnorePatterns: ['/node_modules/', ...(onPostgres ? [] : ['<rootDir>/test/e2e/postgres/'])],
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testTimeout: 30000,
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
