import { Lang, MessageKey, t } from '../i18n/i18n';

/**
 * The sign-in refusals' machine-readable codes (two-factor, single sign-on, local passwords off)
 * and the message each shows on the web pages, in the page's language.
 */
const MESSAGES: Record<string, MessageKey> = {
  local_passwords_off: 'login.error.localPasswordsOff',
  second_factor_invalid: 'login.error.secondFactorInvalid',
  second_factor_expired: 'login.error.secondFactorExpired',
  sso_no_transaction: 'login.error.ssoNoTransaction',
  sso_provider_error: 'login.error.ssoProviderError',
  sso_code_refused: 'login.error.ssoCodeRefused',
  sso_state_mismatch: 'login.error.ssoStateMismatch',
  sso_nonce_mismatch: 'login.error.ssoNonceMismatch',
  sso_wrong_audience: 'login.error.ssoWrongAudience',
  sso_token_expired: 'login.error.ssoTokenExpired',
  sso_wrong_issuer: 'login.error.ssoWrongIssuer',
  sso_bad_signature: 'login.error.ssoBadSignature',
  sso_invalid_response: 'login.error.ssoInvalidResponse',
  sso_awaiting_role: 'login.error.ssoAwaitingRole',
};

/** A refusal's message in `lang`: by its code when the catalogue has it, else the English message it carries. */
export function signInMessage(lang: Lang, body: { code?: string; message?: string }, status: number): string {
  if (status === 401 && !body.code) return t(lang, 'login.wrong');
  const key = body.code ? MESSAGES[body.code] : undefined;
  return key ? t(lang, key) : (body.message ?? t(lang, 'login.wrong'));
}
