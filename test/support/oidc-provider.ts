import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { URL } from 'node:url';
// oidc-provider 7: the last CommonJS major (8 and later are ESM-only), a certified OpenID provider.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Provider = require('oidc-provider');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MemoryAdapter = require('oidc-provider/lib/adapters/memory_adapter');

export interface TestAccount {
  sub: string;
  preferred_username?: string;
  name?: string;
  email?: string;
  groups?: string[];
}

/** What the next token response's ID token is re-signed with (the provider's own key): tests of refusals. */
export type Tamper = null | { aud?: string; exp?: number; iat?: number; forgeSignature?: boolean };

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for the specs: authorization code
 * flow with PKCE, a sign-in page where you type the account's subject (no password), and consent
 * granted automatically. `tamper` rewrites the next ID token's claims, signed with the provider's
 * own key, to prove the app checks them.
 */
export class TestOidcProvider {
  tamper: Tamper = null;
  private constructor(
    readonly issuer: string,
    private readonly server: Server,
    private readonly key: KeyObject,
    private readonly kid: string,
  ) {}

  static async start(options: { clientId: string; clientSecret: string; redirectUri: string; accounts: TestAccount[] }): Promise<TestOidcProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = 'test-key-1';
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
    const accounts = new Map(options.accounts.map((a) => [a.sub, a]));
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: options.clientId,
          client_secret: options.clientSecret,
          redirect_uris: [options.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      jwks: { keys: [jwk] },
      // Its in-memory store, as a subclass: the default one prints a production warning.
      adapter: class extends MemoryAdapter {},
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Grant: 600, Session: 600 },
      cookies: { keys: ['claimtrail-test-cookie-key'] },
      claims: { openid: ['sub'], email: ['email'], profile: ['name', 'preferred_username'], groups: ['groups'] },
      scopes: ['openid', 'email', 'profile', 'groups'],
      conformIdTokenClaims: false,
      pkce: { methods: ['S256'], required: () => true },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      findAccount: async (_ctx: unknown, sub: string) => {
        const account = accounts.get(sub);
        return account ? { accountId: sub, claims: async () => ({ ...account }) } : undefined;
      },
      // First-party client: consent is implied (the grant is made on the spot).
      loadExistingGrant: async (ctx: any) => {
        const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
        grant.addOIDCScope('openid email profile groups');
        await grant.save();
        return grant;
      },
    });
    provider.proxy = false;
    const self = new TestOidcProvider(issuer, server, privateKey, kid);

    provider.use(async (ctx: any, next: () => Promise<void>) => {
      const match = /^\/interaction\/([\w-]+)$/.exec(ctx.path);
      if (match && ctx.method === 'GET') {
        await provider.interactionDetails(ctx.req, ctx.res);
        ctx.type = 'html';
        ctx.body = `<!doctype html><html lang="en"><head><title>Test provider</title></head><body><main><h1>Test identity provider</h1>
<form method="post" action="/interaction/${match[1]}"><label for="login">Account</label><input id="login" name="login" autofocus>
<button type="submit">Continue</button></form></main></body></html>`;
        return;
      }
      if (match && ctx.method === 'POST') {
        const raw = await new Promise<string>((resolve) => {
          let data = '';
          ctx.req.on('data', (chunk: Buffer) => (data += chunk));
          ctx.req.on('end', () => resolve(data));
        });
        const login = new URLSearchParams(raw).get('login') ?? '';
        const result = accounts.has(login) ? { login: { accountId: login } } : { error: 'access_denied', error_description: 'unknown test account' };
        const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
        ctx.status = 303;
        ctx.redirect(to);
        return;
      }
      await next();
      if (ctx.path === '/token' && self.tamper && ctx.body?.id_token) {
        ctx.body = { ...ctx.body, id_token: self.resign(ctx.body.id_token, self.tamper) };
        self.tamper = null;
      }
    });
    server.on('request', provider.callback());
    return self;
  }

  /** The same ID token with some claims changed, signed again with the provider's key (so only the claims are wrong). */
  private resign(idToken: string, changes: NonNullable<Tamper>): string {
    const [header, payload] = idToken.split('.');
    const { forgeSignature, ...rest } = changes;
    const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...rest };
    const head = JSON.parse(Buffer.from(header, 'base64url').toString());
    const body = `${Buffer.from(JSON.stringify({ ...head, kid: this.kid })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    // A forged signature: made with another key than the provider's.
    const key = forgeSignature ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey : this.key;
    return `${body}.${sign('sha256', Buffer.from(body), key).toString('base64url')}`;
  }

  /**
   * Follows the provider's side of a sign-in from its authorization address, as a browser would
   * (keeping the provider's cookies), signing in as `login`; answers the redirect back to the app.
   */
  async authorize(authorizationUrl: string, login: string): Promise<URL> {
    const cookies = new Map<string, string>();
    const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const keep = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
    };
    let url = authorizationUrl;
    let body: string | undefined;
    for (let hop = 0; hop < 10; hop++) {
      if (!url.startsWith(this.issuer)) return new URL(url);
      const response = await fetch(url, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: cookieHeader(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body,
      });
      keep(response);
      body = undefined;
      if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get('location')!, url).toString();
        continue;
      }
      const html = await response.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      if (response.status !== 200 || !action) throw new Error(`The test provider answered ${response.status}: ${html.slice(0, 300)}`);
      url = new URL(action, url).toString();
      body = new URLSearchParams({ login }).toString();
    }
    throw new Error('Too many redirects at the test provider');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
