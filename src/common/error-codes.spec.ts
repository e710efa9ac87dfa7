import { BadRequestException } from '@nestjs/common';
import { IsIn, IsInt, IsString, MaxLength, Min } from 'class-validator';
import { localiseErrorBody, localiseFieldReason } from './error-codes';
import { assertValidList } from './validation';

describe('localiseErrorBody', () => {
  it('adds a code and leaves the English message as written', () => {
    const body = { statusCode: 409, error: 'Conflict', message: 'Claim 4 was changed by someone else: you sent version 2, the current version is 3. Reload and apply your change again.', currentVersion: 3 };
    expect(localiseErrorBody(409, body, 'en')).toEqual({ ...body, code: 'stale_version' });
  });

  it('translates a recognised message with its arguments (gender by ICU select, plural seconds)', () => {
    const stale = localiseErrorBody(409, { statusCode: 409, message: 'Source 7 was changed by someone else: you sent version 1, the current version is 2. Reload and apply your change again.' }, 'fr');
    expect(stale.message).toBe('La source 7 a été modifiée par quelqu’un d’autre\u00a0: vous avez envoyé la version 1, la version actuelle est la 2. Rechargez puis refaites votre modification.');
    const limited = localiseErrorBody(429, { statusCode: 429, message: 'Too many sign-in attempts for this account; try again in 1 seconds.', retryAfter: 1 }, 'fr');
    expect(limited).toMatchObject({ code: 'login_rate_limited', retryAfter: 1, message: 'Trop de tentatives de connexion pour ce compte\u00a0; réessayez dans 1 seconde.' });
  });

  it('keeps an unrecognised message as English detail after the status’s French message, with the status’s code', () => {
    const body = localiseErrorBody(422, { statusCode: 422, message: 'The quote is not in the article.', errors: [{ field: 'quote', reason: 'not found in the article' }] }, 'fr');
    expect(body).toMatchObject({ code: 'unprocessable', message: 'La modification ne peut pas être appliquée. (détail en anglais\u00a0: The quote is not in the article.)' });
    expect(body.errors).toEqual([{ field: 'quote', reason: 'not found in the article' }]);
  });

  it('keeps a code the error already carries', () => {
    expect(localiseErrorBody(422, { statusCode: 422, code: 'quote_not_found', message: 'x' }, 'en').code).toBe('quote_not_found');
  });

  it('translates the sign-in refusals that carry their own code (two-factor, local passwords off) by that code', () => {
    const off = localiseErrorBody(403, { statusCode: 403, code: 'local_passwords_off', message: 'Password sign-in is turned off on this desk: sign in with your organisation’s account (single sign-on).' }, 'fr');
    expect(off).toMatchObject({ code: 'local_passwords_off', message: 'La connexion par mot de passe est désactivée sur ce desk\u00a0: connectez-vous avec le compte de votre organisation (authentification unique).' });
    const enrol = localiseErrorBody(403, { statusCode: 403, code: 'two_factor_enrolment_required', message: 'x' }, 'fr');
    expect(enrol.message).toBe('Le desk exige la double authentification pour votre rôle\u00a0: connectez-vous à l’application web et activez-la d’abord sur la page de votre compte.');
    const expired = localiseErrorBody(401, { statusCode: 401, code: 'second_factor_expired', message: 'x' }, 'fr');
    expect(expired.message).toBe('Cette connexion a expiré ou a reçu trop de codes erronés\u00a0: reconnectez-vous avec votre mot de passe.');
    // English keeps the message as thrown.
    expect(localiseErrorBody(403, { statusCode: 403, code: 'local_passwords_off', message: 'as thrown' }, 'en').message).toBe('as thrown');
  });
  it('translates validation reasons into French from their class-validator constraints, keeping fields; English unchanged', () => {
    class Dto {
      @IsString() @MaxLength(5) name!: string;
      @IsInt() @Min(1) count!: number;
      @IsIn(['a', 'b']) kind!: string;
    }
    const bad = { name: 12345678, count: 0.5, kind: 'c', extra: 1 };
    const body = (): Record<string, unknown> => {
      try {
        assertValidList(Dto, [bad], 'items');
      } catch (error) {
        return (error as BadRequestException).getResponse() as Record<string, unknown>;
      }
      throw new Error('no error');
    };
    const english = body();
    expect(JSON.stringify(localiseErrorBody(400, english, 'en'))).toBe(JSON.stringify({ ...english, code: 'validation_failed' }));
    expect(JSON.stringify(english.errors)).not.toContain('constraint');
    const french = localiseErrorBody(400, body(), 'fr');
    expect(french.code).toBe('validation_failed');
    expect(french.errors).toEqual([
      { field: 'items[0].extra', reason: 'la propriété extra n’est pas acceptée' },
      { field: 'items[0].name', reason: 'name doit compter au plus 5 caractères' },
      { field: 'items[0].name', reason: 'name doit être une chaîne de caractères' },
      { field: 'items[0].count', reason: 'count ne doit pas être inférieur à 1' },
      { field: 'items[0].count', reason: 'count doit être un nombre entier' },
      { field: 'items[0].kind', reason: 'kind doit être l’une des valeurs suivantes\u00a0: a, b' },
    ]);
    // A reason we do not know (a DTO's own message) stays in English.
    expect(localiseFieldReason('isString', 'a custom message', 'fr')).toBe('a custom message');
    expect(localiseFieldReason(undefined, 'name must be a string', 'fr')).toBe('name must be a string');
  });
  it('translates the web chain builder’s refusals, keeping the code of a 422', () => {
    expect(localiseErrorBody(422, { statusCode: 422, message: 'Check the links of the chain.', errors: [] }, 'fr')).toMatchObject({ code: 'unprocessable', message: 'Vérifiez les maillons de la chaîne.' });
    expect(localiseErrorBody(422, { statusCode: 422, message: 'Check the outlet.', errors: [] }, 'fr').message).toBe('Vérifiez le média.');
    expect(localiseErrorBody(422, { statusCode: 422, message: 'Check the chain.' }, 'en')).toEqual({ statusCode: 422, message: 'Check the chain.', code: 'unprocessable' });
  });
});
