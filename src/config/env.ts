import { resolve } from 'node:path';
import { plainToInstance, Transform, TransformFnParams } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

const toNumber = ({ value }: TransformFnParams): unknown => (typeof value === 'string' && value !== '' ? Number(value) : value);

/** true/false/1/0 only: a typo must stop the process, not silently turn a setting off. */
const strictBoolean = ({ value }: TransformFnParams): unknown =>
  ({ true: true, '1': true, false: false, '0': false })[String(value)] ?? value;

/**
 * The process environment, validated once at start-up. A bad variable stops the process with a
 * message that names it, instead of failing later in some unrelated place.
 */
export class Env {
  /** `sqlite:<path>` (default, relative to the working directory) or `postgres://user:pass@host:port/db`. */
  @IsString()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<path> or postgres://user:pass@host:port/db',
  })
  DATABASE_URL = 'sqlite:data/claimtrail.sqlite';

  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Matches(/^[\w.:-]+$/, { message: 'HOST must be a host name or an IP address' })
  HOST = '127.0.0.1';

  /** How long a sign-in token lives, in hours. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  TOKEN_TTL_HOURS = 12;

  /** PostgreSQL connection pool size per instance. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Statement timeout in milliseconds (PostgreSQL), and the SQLite busy timeout. */
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  /** scrypt cost for new password hashes, as log2(N). 17 is OWASP's floor; the tests use 14 for speed. */
  @Transform(toNumber)
  @IsInt()
  @Min(14)
  @Max(20)
  PASSWORD_SCRYPT_LOG_N = 17;

  /** Sign-in attempts allowed per client IP per minute before a block (429 + Retry-After). */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_LIMIT_PER_IP = 30;

  /** Sign-in attempts allowed per account (username) per 15 minutes before a block. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_LIMIT_PER_ACCOUNT = 10;

  /** The first block's length in seconds; each block in a row doubles it, up to an hour. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(3600)
  LOGIN_BLOCK_SECONDS = 60;

  /**
   * A refused sign-in (429 blocked; 503 hash queue full, from src/rate-limit/login-shield.ts) is
   * answered after this many milliseconds,
   * so that a client ignoring Retry-After cannot turn refusals into a flood that keeps the event
   * loop busy (at most 1,000 such answers wait at once, the rest are answered at once; 0: no delay).
   */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(10_000)
  LOGIN_REFUSAL_DELAY_MS = 500;

  /**
   * Password hashes (scrypt, about 0.7 s of one core each) computed at once; the rest wait in a
   * short queue. Each runs on a low-priority thread of its own (src/auth/scrypt-worker.ts), off
   * libuv's pool that the sqlite3 driver needs; 1 leaves the event loop and the database a core
   * on a 2-core machine. Raise it with more cores.
   */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY = 1;

  /** Password hashes allowed to wait; beyond that a sign-in is answered 503 with Retry-After instead of queueing. */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(10_000)
  PASSWORD_HASH_QUEUE = 4;

  /** Load the sample article on the very first start (when the database has no users yet). */
  @Transform(strictBoolean)
  @IsBoolean()
  SEED_ON_FIRST_START = true;

  /** Four eyes on publishing: a verdict proposed by one reviewer is published by another. */
  @Transform(strictBoolean)
  @IsBoolean()
  REVIEW_SECOND_CHECK = true;

  /** The desk that signs reports and ClaimReview markup (schema.org `author`). */
  @IsString()
  @Length(1, 200)
  REPORT_PUBLISHER_NAME = 'Claimtrail';

  /** The desk's home page, for ClaimReview `author.url`; empty leaves it out. */
  @ValidateIf((env: Env) => env.REPORT_PUBLISHER_URL !== '')
  @Matches(/^https?:\/\/\S+$/, { message: 'REPORT_PUBLISHER_URL must be an http(s) URL' })
  REPORT_PUBLISHER_URL = '';

  /**
   * The address users open, e.g. `https://desk.example.org`, when the app is behind a reverse
   * proxy: web form posts must come from this origin, and an https address makes cookies Secure.
   * Empty: posts must come from the request's own Host.
   */
  @ValidateIf((env: Env) => env.PUBLIC_URL !== '')
  @Matches(/^https?:\/\/[^/\s?#@]+\/?$/, { message: 'PUBLIC_URL must be an http(s) origin such as https://desk.example.org (no path)' })
  PUBLIC_URL = '';

  /**
   * Behind a reverse proxy: honour its X-Forwarded-Proto / X-Forwarded-Host / X-Forwarded-For
   * (Express `trust proxy` = 1 hop). Leave false when clients reach the app directly, or they
   * could claim any host and scheme.
   */
  @Transform(strictBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  /**
   * Where the desk publishes its reviews: each ClaimReview's `url` is this followed by `/<claim id>`.
   * Empty: the public fact-check pages, `PUBLIC_URL/checks`.
   */
  @ValidateIf((env: Env) => env.REPORT_REVIEW_BASE_URL !== '')
  @Matches(/^https?:\/\/\S+$/, { message: 'REPORT_REVIEW_BASE_URL must be an http(s) URL' })
  REPORT_REVIEW_BASE_URL = '';

  /** Lowest level of the JSON log lines on stdout (one access-log line per request is `info`). */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' })
  LOG_LEVEL = 'info';

  /**
   * Bearer token that /metrics requires. Empty: /metrics answers only requests from the loopback
   * interface (a Prometheus on the same machine); everyone else gets 403.
   */
  @ValidateIf((env: Env) => env.METRICS_TOKEN !== '')
  @Length(16, 200, { message: 'METRICS_TOKEN must be 16 to 200 characters' })
  METRICS_TOKEN = '';

  /** Longest wait on SIGTERM for in-flight requests to finish before the process exits anyway. */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** Whether the public fact-check pages name the reviewers (verdicts, corrections); off by default. */
  @Transform(strictBoolean)
  @IsBoolean()
  PUBLIC_SHOW_REVIEWER_NAMES = false;

  /**
   * Webhooks (src/webhooks/): let deliveries reach loopback, private and link-local addresses.
   * For tests only: it opens the door to SSRF. Prefer WEBHOOK_ALLOW_HOSTS for one known host.
   */
  @Transform(strictBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE = false;

  /** Comma-separated host names or IP addresses webhooks may target even when they are private (e.g. `hooks.internal,10.0.0.7`). */
  @Matches(/^[\w.:\-[\]\s,]*$/, { message: 'WEBHOOK_ALLOW_HOSTS must be a comma-separated list of host names or IP addresses' })
  WEBHOOK_ALLOW_HOSTS = '';

  /** How long one webhook delivery may take before it counts as failed. */
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Tries per webhook delivery before it is given up (with backoff between tries). */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(30)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** The first retry's delay in ms; each later one doubles it, up to 6 h. */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  /** Failed tries in a row after which an endpoint is disabled (and admins are told). */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_DISABLE_AFTER = 15;

  /** Archive evidence links in the background (fetching them from the web). */
  @Transform(strictBoolean)
  @IsBoolean()
  ARCHIVE_ENABLED = true;

  /** Let the archiver fetch loopback, private and link-local addresses. For tests only: it opens the door to SSRF. */
  @Transform(strictBoolean)
  @IsBoolean()
  ARCHIVE_ALLOW_PRIVATE = false;

  /** How long one capture may take, redirects included. */
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(600_000)
  ARCHIVE_TIMEOUT_MS = 15_000;

  /** The largest body the archiver keeps. */
  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  ARCHIVE_MAX_BYTES = 5 * 1024 * 1024;

  /** How often the archiver looks for new links and due retries. */
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ARCHIVE_POLL_MS = 5_000;

  /** Captures tried before a link is marked failed (with backoff between tries). */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(20)
  ARCHIVE_MAX_ATTEMPTS = 6;

  /** Run the outbox worker (e-mails, webhook deliveries) in this process; `off` for an instance that only serves requests. */
  @Transform(({ value }: TransformFnParams): unknown => ({ on: true, off: false })[String(value)] ?? strictBoolean({ value } as TransformFnParams))
  @IsBoolean({ message: 'OUTBOX_WORKER must be on or off' })
  OUTBOX_WORKER = true;

  /** How often the outbox worker looks for due messages. */
  @Transform(toNumber)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  OUTBOX_POLL_MS = 1_000;

  /** How long a worker holds a message it is sending; a crashed worker's messages are retried after it. */
  @Transform(toNumber)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  OUTBOX_LEASE_MS = 60_000;

  /** Sent outbox rows older than this many days are deleted by the worker (in small batches). */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_RETENTION_DAYS = 30;

  /** Where notification e-mails go out, e.g. `smtp://user:pass@mail.example.org:587` (`smtps://` for TLS). Empty: notifications stay in the app. */
  @ValidateIf((env: Env) => env.SMTP_URL !== '')
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be smtp://[user:pass@]host[:port] or smtps://…' })
  SMTP_URL = '';

  /** The From address of notification e-mails. */
  @IsString()
  @Length(3, 254)
  SMTP_FROM = 'Claimtrail <claimtrail@localhost>';

  /** The hour (UTC) from which each user's daily digest goes out. */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_HOUR_UTC = 7;
  /** `off` turns password sign-in off for everyone except BREAK_GLASS_ADMIN (single sign-on only). */
  @IsIn(['on', 'off'], { message: 'LOCAL_PASSWORDS must be on or off' })
  LOCAL_PASSWORDS = 'on';

  /** The one admin username that may still sign in with a password when LOCAL_PASSWORDS=off. */
  @ValidateIf((env: Env) => env.BREAK_GLASS_ADMIN !== '')
  @Length(1, 64)
  BREAK_GLASS_ADMIN = '';

  /** The OpenID Connect provider's issuer URL (its discovery document is at `/.well-known/openid-configuration`). Empty: no single sign-on. */
  @ValidateIf((env: Env) => env.OIDC_ISSUER !== '')
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER = '';

  /** Required with OIDC_ISSUER: single sign-on half-configured stops the start-up rather than hiding the button. */
  @ValidateIf((env: Env) => env.OIDC_ISSUER !== '')
  @Length(1, 255, { message: 'OIDC_CLIENT_ID is required when OIDC_ISSUER is set' })
  OIDC_CLIENT_ID = '';

  @IsString()
  OIDC_CLIENT_SECRET = '';

  /** This app's callback as registered at the provider, e.g. `https://desk.example.org/auth/oidc/callback`. */
  @ValidateIf((env: Env) => env.OIDC_REDIRECT_URI !== '' || env.OIDC_ISSUER !== '')
  @Matches(/^https?:\/\/\S+\/auth\/oidc\/callback$/, { message: 'OIDC_REDIRECT_URI must be an http(s) URL ending in /auth/oidc/callback' })
  OIDC_REDIRECT_URI = '';

  /** The name on the sign-in button ("Sign in with …"). */
  @IsString()
  @Length(1, 100)
  OIDC_PROVIDER_NAME = 'your organisation';

  /** The ID token claim that carries the user's roles or groups (a string or an array). Empty: admins assign roles. */
  @IsString()
  OIDC_ROLE_CLAIM = '';

  /** Claim value → role, e.g. `desk-admins=admin,desk-reviewers=reviewer,desk-editors=editor`; the strongest match wins. */
  @IsString()
  @Matches(/^(\s*[^=,\s][^=,]*=\s*(editor|reviewer|admin)\s*(,|$))*$/, { message: 'OIDC_ROLE_MAP must be value=role pairs separated by commas (roles: editor, reviewer, admin)' })
  OIDC_ROLE_MAP = '';
}

/** The origin readers reach the desk at: PUBLIC_URL, or this server's own address. */
export function publicOrigin(env: Env): string {
  return env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`;
}

export class EnvError extends Error {}

/** Parses and validates `source` (normally `process.env`); throws an EnvError naming every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const known = Object.keys(new Env());
  const picked: Record<string, string> = {};
  for (const key of known) {
    const value = source[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const env = plainToInstance(Env, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}=${JSON.stringify(source[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return env;
}

export type DatabaseKind = 'sqlite' | 'postgres';

export function databaseKind(url: string): DatabaseKind {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

/** The SQLite file a `sqlite:<path>` URL names, made absolute; null for PostgreSQL and `:memory:`. */
export function sqliteDatabaseFile(url: string): string | null {
  if (databaseKind(url) !== 'sqlite') return null;
  const path = url.slice('sqlite:'.length);
  return path === ':memory:' ? null : resolve(path);
}
