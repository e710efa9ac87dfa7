import { formatList, Lang, MessageKey, MessageParams, t } from '../i18n/i18n';

/**
 * Every API error body carries a stable, machine-readable `code` beside its `message`, and the
 * message is in the request's language. English messages are written where errors are thrown;
 * this table recognises the common ones (their wording is stable, and specs pin it) and says
 * which code and which catalogue message they are, with the arguments read from the English.
 * An error it does not recognise keeps the code of its status and, in another language, gets the
 * status's message in that language followed by the English detail.
 */
interface KnownError {
  code: string;
  pattern: RegExp;
  key: MessageKey;
  params?: (match: RegExpExecArray, lang: Lang) => MessageParams;
}

const ROLE_KEY: Record<string, MessageKey> = { editor: 'role.editor', reviewer: 'role.reviewer', admin: 'role.admin' };
const roleName = (lang: Lang, role: string) => (ROLE_KEY[role] ? t(lang, ROLE_KEY[role]) : role);

export const KNOWN_ERRORS: KnownError[] = [
  { code: 'not_found', pattern: /^(Claim|Article|Source|User) (\d+) does not exist\.$/, key: 'error.not_found.entity', params: (m) => ({ entity: m[1], id: m[2] }) },
  {
    code: 'stale_version',
    pattern: /^(\w+) (\d+) was changed by someone else: you sent version (\d+), the current version is (\w+)\. Reload and apply your change again\.$/,
    key: 'error.stale_version',
    params: (m) => ({ entity: m[1], id: m[2], sent: m[3], current: m[4] }),
  },
  { code: 'unauthenticated', pattern: /^Sign in first: send Authorization: Bearer <token> from POST \/api\/auth\/login\.$/, key: 'error.unauthenticated' },
  { code: 'invalid_credentials', pattern: /^Wrong username or password\.$/, key: 'login.wrong' },
  {
    code: 'role_required',
    pattern: /^This needs the role (.+); you are signed in as (\w+)\.$/,
    key: 'error.role_required',
    params: (m, lang) => ({ roles: formatList(lang, m[1].split(' or ').map((r) => roleName(lang, r)), 'disjunction'), role: roleName(lang, m[2]) }),
  },
  { code: 'cross_site', pattern: /^This form was posted from another site; nothing was changed\.$/, key: 'error.cross_site' },
  { code: 'csrf', pattern: /^The form has expired or did not come from this site\. Reload the page and try again\.$/, key: 'error.csrf' },
  { code: 'invalid_id', pattern: /^(\w+) must be a positive integer id\.$/, key: 'error.invalid_id', params: (m) => ({ field: m[1] }) },
  { code: 'invalid_json', pattern: /^The request body is not valid JSON\.$/, key: 'error.invalid_json' },
  { code: 'unique_violation', pattern: /^A record with the same unique value already exists\.$/, key: 'error.unique_violation' },
  { code: 'reference_violation', pattern: /^A referenced record does not exist or is still in use\.$/, key: 'error.reference_violation' },
  { code: 'out_of_range', pattern: /^A number in the request is out of range\.$/, key: 'error.out_of_range' },
  { code: 'internal_error', pattern: /^Something went wrong on our side; it has been logged\.$/, key: 'error.internal' },
  { code: 'claim_published', pattern: /^Claim (\d+) is published: reopen it \(a correction, with a reason\) before changing it or its evidence\.$/, key: 'error.claim_published', params: (m) => ({ id: m[1] }) },
  { code: 'claim_dismissed', pattern: /^Claim (\d+) was dismissed and is closed\.$/, key: 'error.claim_dismissed', params: (m) => ({ id: m[1] }) },
  {
    code: 'login_rate_limited',
    pattern: /^Too many sign-in attempts (for this account|from this address); try again in (\d+) seconds\.$/,
    key: 'error.login_rate_limited',
    params: (m) => ({ scope: m[1] === 'for this account' ? 'account' : 'address', seconds: Number(m[2]) }),
  },
  // The web chain builder's refusals (web/chain.ts, claims.pages.tsx): the page shows them in the viewer's language.
  { code: 'unprocessable', pattern: /^Check the links of the chain\.$/, key: 'chain.check.links' },
  { code: 'unprocessable', pattern: /^Check the chain\.$/, key: 'chain.check.chain' },
  { code: 'unprocessable', pattern: /^Check the outlet\.$/, key: 'chain.check.outlet' },
  { code: 'sign_in_busy', pattern: /^Too many passwords are being checked right now; try again in a second\.$/, key: 'error.sign_in_busy' },
];

/**
 * Errors thrown with their own `code` (sign-in refusals of two-factor and single sign-on): the
 * catalogue message of each, so that their French is a real sentence rather than the English detail.
 */
export const CODED_ERRORS: Record<string, MessageKey> = {
  second_factor_required: 'error.second_factor_required',
  second_factor_invalid: 'login.error.secondFactorInvalid',
  second_factor_expired: 'login.error.secondFactorExpired',
  two_factor_enrolment_required: 'error.two_factor_enrolment_required',
  local_passwords_off: 'login.error.localPasswordsOff',
};

/**
 * class-validator's English reasons, by constraint name (kept on each FieldError by the validation
 * pipe, see `fieldConstraint`): the catalogue message of each, with its arguments read from the
 * English. A reason that does not match (a message our DTOs write themselves, `each value in …`)
 * stays in English.
 */
const FIELD_REASONS: Record<string, { pattern: RegExp; key: MessageKey }[]> = {
  isNotEmpty: [{ pattern: /^(?<field>\S+) should not be empty$/, key: 'validation.isNotEmpty' }],
  isString: [{ pattern: /^(?<field>\S+) must be a string$/, key: 'validation.isString' }],
  isInt: [{ pattern: /^(?<field>\S+) must be an integer number$/, key: 'validation.isInt' }],
  min: [{ pattern: /^(?<field>\S+) must not be less than (?<limit>\S+)$/, key: 'validation.min' }],
  max: [{ pattern: /^(?<field>\S+) must not be greater than (?<limit>\S+)$/, key: 'validation.max' }],
  minLength: [{ pattern: /^(?<field>\S+) must be longer than or equal to (?<limit>\d+) characters$/, key: 'validation.minLength' }],
  maxLength: [{ pattern: /^(?<field>\S+) must be shorter than or equal to (?<limit>\d+) characters$/, key: 'validation.maxLength' }],
  isLength: [
    { pattern: /^(?<field>\S+) must be longer than or equal to (?<min>\d+) and shorter than or equal to (?<max>\d+) characters$/, key: 'validation.length' },
    { pattern: /^(?<field>\S+) must be longer than or equal to (?<limit>\d+) characters$/, key: 'validation.minLength' },
    { pattern: /^(?<field>\S+) must be shorter than or equal to (?<limit>\d+) characters$/, key: 'validation.maxLength' },
  ],
  isIn: [{ pattern: /^(?<field>\S+) must be one of the following values: (?<values>.*)$/, key: 'validation.isIn' }],
  isEnum: [{ pattern: /^(?<field>\S+) must be one of the following values: (?<values>.*)$/, key: 'validation.isIn' }],
  isBoolean: [{ pattern: /^(?<field>\S+) must be a boolean value$/, key: 'validation.isBoolean' }],
  isUrl: [{ pattern: /^(?<field>\S+) must be a URL address$/, key: 'validation.isUrl' }],
  isEmail: [{ pattern: /^(?<field>\S+) must be an email$/, key: 'validation.isEmail' }],
  isIso8601: [{ pattern: /^(?<field>\S+) must be a valid ISO 8601 date string$/, key: 'validation.isDate' }],
  isDateString: [{ pattern: /^(?<field>\S+) must be a valid ISO 8601 date string$/, key: 'validation.isDate' }],
  arrayMaxSize: [{ pattern: /^(?<field>\S+) must contain no more than (?<limit>\d+) elements$/, key: 'validation.arrayMaxSize' }],
  arrayMinSize: [{ pattern: /^(?<field>\S+) must contain at least (?<limit>\d+) elements$/, key: 'validation.arrayMinSize' }],
  whitelistValidation: [{ pattern: /^property (?<field>\S+) should not exist$/, key: 'validation.whitelist' }],
  isDefined: [{ pattern: /^(?<field>\S+) should not be null or undefined$/, key: 'validation.isDefined' }],
  matches: [{ pattern: /^(?<field>\S+) must match (?<pattern>.+) regular expression$/, key: 'validation.matches' }],
};

/** The constraint a validation FieldError came from: a hidden (non-enumerable) property, so JSON bodies do not change. */
export function withConstraint<T extends object>(error: T, constraint: string): T {
  return Object.defineProperty(error, 'constraint', { value: constraint, enumerable: false });
}
export function fieldConstraint(error: unknown): string | undefined {
  const value = (error as { constraint?: unknown } | null)?.constraint;
  return typeof value === 'string' ? value : undefined;
}

/** A validation reason in `lang`, from its constraint; the English reason when it is not one we know. */
export function localiseFieldReason(constraint: string | undefined, reason: string, lang: Lang): string {
  if (lang === 'en' || !constraint) return reason;
  for (const { pattern, key } of FIELD_REASONS[constraint] ?? []) {
    const match = pattern.exec(reason);
    // Counts as numbers, so that plural rules apply (« 1 caractère », « 2 caractères »).
    if (match) return t(lang, key, Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, k !== 'field' && /^\d+$/.test(v) ? Number(v) : v])));
  }
  return reason;
}

/** The code and the message of a status when nothing more precise is known. */
const STATUS_CODES: Record<number, { code: string; key: MessageKey }> = {
  400: { code: 'bad_request', key: 'error.status.400' },
  401: { code: 'unauthenticated', key: 'error.status.401' },
  403: { code: 'forbidden', key: 'error.status.403' },
  404: { code: 'not_found', key: 'error.status.404' },
  409: { code: 'conflict', key: 'error.status.409' },
  412: { code: 'precondition_failed', key: 'error.status.412' },
  413: { code: 'payload_too_large', key: 'error.status.413' },
  415: { code: 'unsupported_media_type', key: 'error.status.415' },
  422: { code: 'unprocessable', key: 'error.status.422' },
  429: { code: 'rate_limited', key: 'error.status.429' },
  503: { code: 'unavailable', key: 'error.status.503' },
};
const FALLBACK = { code: 'internal_error', key: 'error.status.500' as MessageKey };
const fallbackFor = (status: number) => STATUS_CODES[status] ?? (status < 500 ? STATUS_CODES[400] : FALLBACK);

/**
 * The error body with its `code` and, for a language other than English, its message translated.
 * A body that already has a code keeps it. Field errors keep their fields; validation reasons
 * of the common class-validator constraints are translated (others stay as written).
 */
export function localiseErrorBody(status: number, body: Record<string, unknown>, lang: Lang): Record<string, unknown> {
  const message = typeof body.message === 'string' ? body.message : Array.isArray(body.message) ? body.message.join('; ') : '';
  const errors = Array.isArray(body.errors) ? (body.errors as { field?: unknown }[]) : [];
  const known = KNOWN_ERRORS.map((k) => ({ k, m: k.pattern.exec(message) })).find((x) => x.m);
  // A 400 listing its fields is the validation pipe's (common/validation.ts).
  const validation = !known && status === 400 && errors.length > 0 && typeof body.code !== 'string';
  const code = typeof body.code === 'string' ? body.code : known ? known.k.code : validation ? 'validation_failed' : fallbackFor(status).code;
  if (lang === 'en') return { ...body, code };
  let translated: string;
  if (known) translated = t(lang, known.k.key, known.k.params?.(known.m!, lang));
  else if (CODED_ERRORS[code]) translated = t(lang, CODED_ERRORS[code]);
  else if (validation) {
    const fields = [...new Set(errors.map((e) => String(e.field)))];
    translated = t(lang, 'error.validation_failed', { count: fields.length, fields: formatList(lang, fields) });
    const reasons = errors.map((e) => {
      const reason = (e as { reason?: unknown }).reason;
      return typeof reason === 'string' ? { ...e, reason: localiseFieldReason(fieldConstraint(e), reason, lang) } : e;
    });
    return { ...body, code, message: translated, errors: reasons };
  } else translated = message ? t(lang, 'error.withDetail', { message: t(lang, fallbackFor(status).key), detail: message }) : t(lang, fallbackFor(status).key);
  return { ...body, code, message: translated };
}
