// Loaded before every test file. Production keeps OWASP's scrypt cost; tests use the minimum
// the app accepts, so that creating users does not dominate the suite's run time.
process.env.PASSWORD_SCRYPT_LOG_N = '14';
process.env.SEED_ON_FIRST_START = 'false';
// No spec fetches evidence links from the web; the archive spec turns the archiver on for its own 127.0.0.1 server.
process.env.ARCHIVE_ENABLED = 'false';
