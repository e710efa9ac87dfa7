import { ForbiddenException, HttpException, HttpStatus, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { BaseClient, IdTokenClaims } from 'openid-client';

/** openid-client (and jose under it), loaded once single sign-on is used rather than at every start-up. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oidc = () => require('openid-client') as typeof import('openid-client');
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Env } from '../config/env';
import { Transactions } from '../database/transactions';
import { Role, User } from '../users/user.entity';
import { parseRoleMap, roleFromClaim, usernameFromClaims } from './role-mapping';
import { UserIdentity } from './user-identity.entity';

/** What the browser keeps (in an httpOnly cookie) between leaving for the provider and coming back. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

/** A refused sign-in through the provider: nothing was signed in. The message says why, for the person signing in. */
export class SsoRefused extends HttpException {
  constructor(status: number, code: string, message: string) {
    super({ statusCode: status, error: status === 403 ? 'Forbidden' : 'Unauthorized', code, message }, status);
  }
}

/**
 * Single sign-on with an OpenID Connect provider (authorization code flow with PKCE, state and
 * nonce) through openid-client, which verifies the ID token's signature (the provider's JWKS) and
 * its iss, aud, exp, iat and nonce. Users are found by (issuer, subject), created on their first
 * sign-in; their role comes from OIDC_ROLE_CLAIM through OIDC_ROLE_MAP, or from an admin.
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger(SsoService.name);
  private client: Promise<BaseClient> | null = null;
  private readonly roleMap: Map<string, Role>;

  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly env: Env,
  ) {
    this.roleMap = parseRoleMap(env.OIDC_ROLE_MAP);
  }

  get enabled(): boolean {
    return this.env.OIDC_ISSUER !== '' && this.env.OIDC_CLIENT_ID !== '' && this.env.OIDC_REDIRECT_URI !== '';
  }

  get providerName(): string {
    return this.env.OIDC_PROVIDER_NAME;
  }

  /** The provider's address to send the browser to, and what to keep until it comes back. */
  async start(next: string): Promise<{ url: string; transaction: OidcTransaction }> {
    const client = await this.getClient();
    const { generators } = oidc();
    const transaction = { state: generators.state(), nonce: generators.nonce(), verifier: generators.codeVerifier(), next };
    const url = client.authorizationUrl({
      scope: this.env.OIDC_ROLE_CLAIM ? `openid profile email ${this.env.OIDC_ROLE_CLAIM}` : 'openid profile email',
      code_challenge: generators.codeChallenge(transaction.verifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url, transaction };
  }

  /**
   * The provider's answer: exchanges the code (with the PKCE verifier), verifies the ID token and
   * signs the user in. Refusals say what was wrong; nothing is signed in then.
   */
  async finish(request: IncomingMessage, transaction: OidcTransaction | null): Promise<User> {
    if (!transaction) {
      throw new SsoRefused(401, 'sso_no_transaction', 'This sign-in was already used or has expired (or cookies are off). Start again from the sign-in page.');
    }
    const client = await this.getClient();
    const params = client.callbackParams(request);
    if (params.error) {
      throw new SsoRefused(401, 'sso_provider_error', `The identity provider refused the sign-in: ${params.error_description ?? params.error}.`);
    }
    let claims: IdTokenClaims;
    try {
      const tokens = await client.callback(this.env.OIDC_REDIRECT_URI, params, {
        state: transaction.state,
        nonce: transaction.nonce,
        code_verifier: transaction.verifier,
        response_type: 'code',
      });
      claims = tokens.claims();
    } catch (error) {
      throw this.refusal(error);
    }
    return this.signIn(claims);
  }

  /** Turns openid-client's errors into what the person signing in needs to know. */
  private refusal(error: unknown): HttpException {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn(`Single sign-on refused: ${message}`);
    if (error instanceof oidc().errors.OPError) {
      if (error.error === 'invalid_grant') {
        return new SsoRefused(401, 'sso_code_refused', 'The identity provider refused the sign-in code: it was already used or has expired. Start again from the sign-in page.');
      }
      return new SsoRefused(401, 'sso_provider_error', `The identity provider refused the sign-in (${error.error}). Start again from the sign-in page.`);
    }
    const reasons: [RegExp, string, string][] = [
      [/^state mismatch|checks\.state/, 'sso_state_mismatch', 'The answer from the identity provider does not belong to the sign-in started in this browser (state mismatch).'],
      [/^nonce mismatch|checks\.nonce/, 'sso_nonce_mismatch', 'The identity token was not issued for this sign-in (nonce mismatch).'],
      [/^aud mismatch|azp/, 'sso_wrong_audience', 'The identity token was issued for another application (wrong audience).'],
      [/^JWT expired/, 'sso_token_expired', 'The identity token has expired.'],
      [/^unexpected iss|iss mismatch/, 'sso_wrong_issuer', 'The identity token comes from another issuer.'],
      [/signature/i, 'sso_bad_signature', 'The identity token’s signature does not verify.'],
    ];
    const match = reasons.find(([pattern]) => pattern.test(message));
    if (match) return new SsoRefused(401, match[1], `${match[2]} Nothing was signed in; start again from the sign-in page.`);
    if (error instanceof oidc().errors.RPError) return new SsoRefused(401, 'sso_invalid_response', `The identity provider’s answer was refused: ${message}. Nothing was signed in.`);
    return new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: 'The identity provider could not be reached; try again in a moment.' });
  }

  /** Finds the user by (issuer, subject) or creates them; applies a mapped role; refuses inactive or role-less users. */
  private async signIn(claims: IdTokenClaims): Promise<User> {
    const issuer = String(claims.iss);
    const mapped = this.env.OIDC_ROLE_CLAIM ? roleFromClaim(claims[this.env.OIDC_ROLE_CLAIM], this.roleMap) : null;
    const user = await this.tx.run(async (manager) => {
      const identity = await manager.findOneBy(UserIdentity, { issuer, subject: claims.sub });
      const now = new Date();
      if (identity) {
        await manager.update(UserIdentity, { id: identity.id }, { lastSignInAt: now });
        const current = await manager.findOneByOrFail(User, { id: identity.userId });
        if (mapped && mapped !== current.role && current.active) {
          await manager.update(User, { id: current.id }, { role: mapped, updatedAt: now, version: current.version + 1 });
          await this.audit.record(manager, null, {
            action: 'user.update',
            entityType: 'user',
            entityId: current.id,
            before: { role: current.role },
            after: { role: mapped, via: 'single sign-on role claim' },
          });
          return { ...current, role: mapped };
        }
        return current;
      }
      return this.createUser(manager, claims, issuer, mapped, now);
    });
    if (!user.active) {
      throw new SsoRefused(
        403,
        'sso_awaiting_role',
        `Signed in as ${user.username} at the identity provider, but this account has no role on the desk yet (or was deactivated): an admin must give it one on the Users page.`,
      );
    }
    return user;
  }

  private async createUser(manager: EntityManager, claims: IdTokenClaims, issuer: string, role: Role | null, now: Date): Promise<User> {
    const base = usernameFromClaims(claims);
    let username = base;
    for (let i = 2; await manager.existsBy(User, { username }); i++) username = `${base}-${i}`;
    const displayName = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : username;
    // No password: '!' is not a hash, so no password ever matches. Without a mapped role the account
    // is created inactive, waiting for an admin to choose its role.
    const user = await manager.save(
      manager.create(User, { username, displayName, role: role ?? 'editor', active: role !== null, passwordHash: '!', createdAt: now, updatedAt: now }),
    );
    await manager.insert(UserIdentity, { userId: user.id, issuer, subject: claims.sub, createdAt: now, lastSignInAt: now });
    await this.audit.record(manager, null, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      after: { username, displayName, role: role ?? null, active: user.active, via: 'single sign-on', issuer },
    });
    return user;
  }

  private getClient(): Promise<BaseClient> {
    if (!this.enabled) {
      return Promise.reject(new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: 'Single sign-on is not configured on this desk.' }));
    }
    this.client ??= oidc().Issuer.discover(this.env.OIDC_ISSUER).then(
      (issuer) =>
        new issuer.Client({
          client_id: this.env.OIDC_CLIENT_ID,
          client_secret: this.env.OIDC_CLIENT_SECRET || undefined,
          token_endpoint_auth_method: this.env.OIDC_CLIENT_SECRET ? 'client_secret_basic' : 'none',
          redirect_uris: [this.env.OIDC_REDIRECT_URI],
          response_types: ['code'],
        }),
      (error: unknown) => {
        this.client = null;
        this.logger.warn(`OIDC discovery at ${this.env.OIDC_ISSUER} failed: ${(error as Error).message}`);
        throw new ServiceUnavailableException({ statusCode: HttpStatus.SERVICE_UNAVAILABLE, error: 'Service Unavailable', message: 'The identity provider could not be reached; try again in a moment.' });
      },
    );
    return this.client;
  }
}
