// The test suite runs on SQLite (`npm test`) or, with TEST_DATABASE_URL=postgres://…, on
// PostgreSQL. Specs under test/e2e/postgres/ prove what only exists with a shared server
// (several instances, concurrent start-up), so they are collected on PostgreSQL runs only.
const { readFileSync } = require('node:fs');

const onPostgres = /^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? '');

// .tsx views (src/web) compile with the same SWC settings as .ts, plus the JSX factory of
// src/web/jsx.ts; .ts files keep the plain parser, where `<T>value` is a type assertion.
const { $schema, ...swc } = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const swcTsx = {
  ...swc,
  jsc: {
    ...swc.jsc,
    parser: { ...swc.jsc.parser, tsx: true },
    transform: { ...swc.jsc.transform, react: { pragma: 'h', pragmaFrag: 'Fragment', runtime: 'classic' } },
  },
};

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'], '^.+\\.tsx$': ['@swc/jest', swcTsx] },
  testRegex: '(src/.+\\.spec\\.ts|test/.+\\.(e2e-)?spec\\.ts)$',
  testPathIgnorePatterns: ['/node_modules/', ...(onPostgres ? [] : ['<rootDir>/test/e2e/postgres/'])],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testTimeout: 30000,
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
