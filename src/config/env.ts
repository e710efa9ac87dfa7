import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

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

  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Matches(/^[\w.:-]+$/, { message: 'HOST must be a host name or an IP address' })
  HOST = '127.0.0.1';

  /** How long a sign-in token lives, in hours. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  TOKEN_TTL_HOURS = 12;

  /** PostgreSQL connection pool size per instance. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Statement timeout in milliseconds (PostgreSQL), and the SQLite busy timeout. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  /** scrypt cost for new password hashes, as log2(N). 17 is OWASP's floor; the tests use 14 for speed. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(14)
  @Max(20)
  PASSWORD_SCRYPT_LOG_N = 17;

  /** Load the sample article on the very first start (when the database has no users yet). */
  @Transform(({ value }) => (typeof value === 'string' ? value === 'true' || value === '1' : value))
  @IsBoolean()
  SEED_ON_FIRST_START = true;

  /** The desk that signs reports and ClaimReview markup (schema.org `author`). */
  @IsString()
  @Length(1, 200)
  REPORT_PUBLISHER_NAME = 'Claimtrail';

  /** The desk's home page, for ClaimReview `author.url`; empty leaves it out. */
  @ValidateIf((env: Env) => env.REPORT_PUBLISHER_URL !== '')
  @Matches(/^https?:\/\/\S+$/, { message: 'REPORT_PUBLISHER_URL must be an http(s) URL' })
  REPORT_PUBLISHER_URL = '';

  /** Where the desk publishes its reviews: each ClaimReview's `url` is this followed by `/<claim id>`. */
  @Matches(/^https?:\/\/\S+$/, { message: 'REPORT_REVIEW_BASE_URL must be an http(s) URL' })
  REPORT_REVIEW_BASE_URL = 'http://127.0.0.1:3000/claims';

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

export class EnvError extends Error {}

/** Parses and validates `source` (normally `process.env`); throws an EnvError naming every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const known = Object.keys(new Env());
  const picked: Record<string, string> = {};
  for (const key of [...known, 'LOG_LEVEL']) {
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
