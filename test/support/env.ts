// Loaded before every test file. Production keeps OWASP's scrypt cost; tests use the minimum
// the app accepts, so that creating users does not dominate the suite's run time.
process.env.PASSWORD_SCRYPT_LOG_N = '14';
process.env.SEED_ON_FIRST_START = 'false';
// JSON logs at warn: no access-log line per request in the test output (specs that read logs set their own level).
process.env.LOG_LEVEL ??= 'warn';
// Every spec signs its users in from 127.0.0.1: the sign-in limits are lifted here and set low by
// the specs about them (test/e2e/login-limits.e2e-spec.ts, test/reliability/).
process.env.LOGIN_LIMIT_PER_IP ??= '1000000';
process.env.LOGIN_LIMIT_PER_ACCOUNT ??= '1000000';
process.env.LOGIN_REFUSAL_DELAY_MS ??= '0';
// No spec fetches evidence links from the web; the archive spec turns the archiver on for its own 127.0.0.1 server.
process.env.ARCHIVE_ENABLED = 'false';
// No outbox worker in the specs: they send due messages with OutboxService.drain() (the crash spec runs its own).
process.env.OUTBOX_WORKER ??= 'off';
