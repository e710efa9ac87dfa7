import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Env } from '../../src/config/env';
import { OutboxService } from '../../src/outbox/outbox.service';
import schema from '../../src/webhooks/webhook-event.schema.json';
import { articleInput, claimInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';
import { webSession } from '../support/web-session';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  event: { id: string; type: string; data: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * The receiver's check, written here from the README's recipe and not with the app's own code:
 * the timestamp within 5 minutes, and sha256= HMAC-SHA256(secret, timestamp + "." + raw body).
 */
function receiverVerifies(secret: string, headers: IncomingHttpHeaders, rawBody: string, nowSeconds = Date.now() / 1000): boolean {
  const ts = headers['x-claimtrail-timestamp'] as string | undefined;
  const sig = Buffer.from((headers['x-claimtrail-signature'] as string | undefined) ?? '');
  if (!/^\d+$/.test(ts ?? '') || Math.abs(nowSeconds - Number(ts)) > 300) return false;
  const expected = Buffer.from('sha256=' + createHmac('sha256', secret).update(`${ts}.${rawBody}`).digest('hex'));
  return sig.length === expected.length && timingSafeEqual(sig, expected);
}

/**
 * Signed webhooks end to end: endpoints registered over the API, events written by the audit
 * listener in the change's transaction, delivered by the outbox (drained by the spec) to a
 * receiver this spec runs on 127.0.0.1, which verifies signatures as the README tells receivers to.
 */
describe('Webhooks', () => {
  let t: TestApp;
  let receiver: Server;
  let base: string;
  let admin: SignedIn;
  let editor: SignedIn;
  let reviewer: SignedIn;
  let articleId: number;
  const received: Received[] = [];
  /** Answers per path: a list of statuses used in turn (the last one repeats). */
  const script: Record<string, number[]> = {};
  const calls: Record<string, number> = {};
  const saved = { ...process.env };
  const validate = addFormats(new Ajv({ allErrors: true })).compile(schema);

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url!;
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ path, headers: req.headers, body, event: JSON.parse(body) });
        const n = (calls[path] = (calls[path] ?? 0) + 1);
        const statuses = script[path] ?? [200];
        const status = statuses[Math.min(n, statuses.length) - 1];
        if (status === 302) res.writeHead(302, { location: '/ok' }).end();
        else res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? `thanks ${'x'.repeat(600)}` : 'server error');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    process.env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1'; // the receiver; everything else private stays refused
    process.env.WEBHOOK_DISABLE_AFTER = '3';
    process.env.WEBHOOK_MAX_ATTEMPTS = '5';
    t = await TestApp.start();
    admin = await t.signIn('admin');
    editor = await t.signIn('editor');
    reviewer = await t.signIn('reviewer');
    articleId = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => receiver.close(resolve));
    process.env = saved;
  });

  const outbox = () => t.app.get(OutboxService);
  /** Runs the outbox as if `minutes` had passed, so retries scheduled with backoff are due. */
  const drainAfter = (minutes: number) => outbox().drain(new Date(Date.now() + minutes * 60_000));
  const register = async (path: string, events: string[], extra: object = {}) =>
    (await t.http.post('/api/webhooks').set('Authorization', admin.auth).send({ url: `${base}${path}`, events, ...extra }).expect(201)).body;
  const logClaim = async () =>
    (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body as { id: number; version: number };
  const at = (path: string) => received.filter((r) => r.path === path);
  const deliveries = async (id: number) => (await t.http.get(`/api/webhooks/${id}/deliveries`).query({ order: 'asc' }).set('Authorization', admin.auth).expect(200)).body;

  it('registers an endpoint for admins only, shows the secret once, and never lists it', async () => {
    await t.http.post('/api/webhooks').set('Authorization', editor.auth).send({ url: `${base}/x`, events: ['claim.logged'] }).expect(403);
    const bad = await t.http.post('/api/webhooks').set('Authorization', admin.auth).send({ url: `${base}/x`, events: ['claim.eaten'] }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'events' })]);
    const created = await register('/registered', ['claim.logged'], { description: 'Slack relay' });
    expect(created).toMatchObject({ url: `${base}/registered`, description: 'Slack relay', events: ['claim.logged'], active: true, consecutiveFailures: 0, createdBy: { id: admin.id, username: admin.username } });
    expect(created.secret).toMatch(/^whsec_/);
    const list = await t.http.get('/api/webhooks').set('Authorization', admin.auth).expect(200);
    expect(list.body.items.find((w: { id: number }) => w.id === created.id)).toEqual(expect.not.objectContaining({ secret: expect.anything() }));
    expect(JSON.stringify(list.body)).not.toContain(created.secret);
    expect((await t.http.get(`/api/webhooks/${created.id}`).set('Authorization', admin.auth).expect(200)).body.secret).toBeUndefined();
    const rows = await t.dataSource.query('SELECT secret FROM webhook_endpoints WHERE id = $1'.replace('$1', String(created.id)));
    expect(rows[0].secret).toBe(created.secret);
    const audit = await t.http.get('/api/audit').query({ action: 'webhook.create', entityId: created.id }).set('Authorization', admin.auth).expect(200);
    expect(JSON.stringify(audit.body)).not.toContain(created.secret);
    await t.http.patch(`/api/webhooks/${created.id}`).set('Authorization', admin.auth).send({ version: created.version, active: false }).expect(200);
    await t.http.patch(`/api/webhooks/${created.id}`).set('Authorization', admin.auth).send({ version: created.version, active: true }).expect(409);
  });

  it('refuses loopback, private and link-local targets at registration unless configuration allows the host', async () => {
    const env = t.app.get(Env);
    env.WEBHOOK_ALLOW_HOSTS = '';
    try {
      for (const url of [`${base}/x`, 'http://10.0.0.8/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/hook', 'http://localhost/hook', 'ftp://example.org/hook']) {
        const refused = await t.http.post('/api/webhooks').set('Authorization', admin.auth).send({ url, events: ['claim.logged'] }).expect(422);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
      }
    } finally {
      env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    }
    expect(await t.count('webhook_endpoints')).toBe(1); // only the first spec's
  });

  it('delivers each subscribed event signed, once per endpoint, valid against the schema, and nothing unsubscribed', async () => {
    const all = await register('/all', ['claim.logged', 'claim.status_changed', 'claim.assigned', 'claim.returned', 'claim.dismissed', 'claim.published', 'claim.corrected', 'verdict.proposed', 'verdict.published', 'comment.added', 'mention']);
    const publishedOnly = await register('/published', ['claim.published']);
    const nothingHere = await register('/never', ['claim.dismissed']);
    const second = await t.signIn('reviewer');
    const as = (u: SignedIn) => ({ Authorization: u.auth });

    let claim = await logClaim();
    claim = (await t.http.post(`/api/claims/${claim.id}/transitions`).set(as(editor)).send({ to: 'submitted', version: claim.version }).expect(200)).body;
    claim = (await t.http.put(`/api/claims/${claim.id}/assignee`).set(as(admin)).send({ assigneeId: reviewer.id, version: claim.version }).expect(200)).body;
    await t.http.post(`/api/claims/${claim.id}/comments`).set(as(editor)).send({ body: `Over to @${reviewer.username}, see the map, and mail x@example.org` }).expect(201);
    await t.http.post(`/api/claims/${claim.id}/evidence`).set(as(reviewer)).send({ url: 'https://example.org/map', title: 'Map', stance: 'supports' }).expect(201);
    claim = (await t.http.get(`/api/claims/${claim.id}`).set(as(reviewer)).expect(200)).body;
    claim = (await t.http.post(`/api/claims/${claim.id}/verdicts`).set(as(reviewer)).send({ rating: 'true', rationale: 'The map agrees.', version: claim.version }).expect(201)).body;
    claim = (await t.http.post(`/api/claims/${claim.id}/transitions`).set(as(second)).send({ to: 'published', version: claim.version }).expect(200)).body;
    claim = (await t.http.post(`/api/claims/${claim.id}/transitions`).set(as(second)).send({ to: 'in_review', reason: 'A correction from the ministry', version: claim.version }).expect(200)).body;
    claim = (await t.http.post(`/api/claims/${claim.id}/transitions`).set(as(second)).send({ to: 'draft', reason: 'Reword it', version: claim.version }).expect(200)).body;

    // Written in the events' transactions, sent only by the outbox.
    expect(at('/all')).toHaveLength(0);
    const queued = await t.dataSource.query("SELECT id FROM outbox_messages WHERE channel = 'webhook' ORDER BY id");
    await outbox().drain();

    const types = at('/all').map((r) => r.event.type);
    expect(types).toEqual([
      'claim.logged',
      'claim.status_changed',
      'claim.assigned',
      'claim.status_changed',
      'comment.added',
      'mention',
      'verdict.proposed',
      'claim.status_changed',
      'claim.status_changed',
      'claim.published',
      'verdict.published',
      'claim.status_changed',
      'claim.corrected',
      'claim.status_changed',
      'claim.returned',
    ]);
    expect(at('/published').map((r) => r.event.type)).toEqual(['claim.published']);
    expect(at('/never')).toHaveLength(0);
    expect(queued).toHaveLength(types.length + 1);

    const mention = at('/all').find((r) => r.event.type === 'mention')!;
    expect(mention.event.data.mentioned).toEqual({ id: reviewer.id, username: reviewer.username });
    expect(at('/all').find((r) => r.event.type === 'claim.assigned')!.event.data.assignee).toEqual({ id: reviewer.id, username: reviewer.username });
    expect(at('/all').find((r) => r.event.type === 'claim.corrected')!.event.data.transition).toEqual({ from: 'published', to: 'in_review', reason: 'A correction from the ministry' });
    const published = at('/published')[0];
    expect(published.event.data.claim).toMatchObject({ id: claim.id, articleId, status: 'published', loggedBy: { id: editor.id, username: editor.username } });
    // The same event id reaches every endpoint subscribed to it.
    expect(at('/all').find((r) => r.event.type === 'claim.published')!.event.id).toBe(published.event.id);

    const secrets = new Map([
      ['/all', all.secret as string],
      ['/published', publishedOnly.secret as string],
    ]);
    const messageIds = new Set<number>();
    for (const r of [...at('/all'), ...at('/published')]) {
      expect(receiverVerifies(secrets.get(r.path)!, r.headers, r.body)).toBe(true);
      expect(receiverVerifies(nothingHere.secret, r.headers, r.body)).toBe(false);
      // The same request replayed six minutes later is refused.
      expect(receiverVerifies(secrets.get(r.path)!, r.headers, r.body, Date.now() / 1000 + 360)).toBe(false);
      expect(receiverVerifies(secrets.get(r.path)!, r.headers, r.body.replace('"claim"', '"claim" '))).toBe(false);
      expect(receiverVerifies(secrets.get(r.path)!, { ...r.headers, 'x-claimtrail-timestamp': String(Number(r.headers['x-claimtrail-timestamp']) + 1) }, r.body)).toBe(false);
      expect(Math.abs(Number(r.headers['x-claimtrail-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(r.headers['x-claimtrail-event']).toBe(r.event.type);
      expect(r.headers['content-type']).toBe('application/json');
      const type = r.event.type;
      if (!validate(r.event)) throw new Error(`${type}: ${JSON.stringify(validate.errors)}`);
      messageIds.add(Number(r.headers['x-claimtrail-delivery']));
    }
    // The delivery id is the outbox message id: one per endpoint and event.
    expect([...messageIds].sort((a, b) => a - b)).toEqual(queued.map((q: { id: number }) => Number(q.id)));
    const log = await deliveries(all.id);
    expect(log.total).toBe(types.length);
    expect(log.items[0]).toMatchObject({ outcome: 'delivered', httpStatus: 200, attempt: 1, event: 'claim.logged', error: null });
    expect(log.items[0].responseExcerpt).toHaveLength(500);
    expect(log.items[0].latencyMs).toBeGreaterThanOrEqual(0);
    expect((await deliveries(nothingHere.id)).total).toBe(0);
    // Sent once: draining again sends nothing more.
    await drainAfter(60);
    expect(at('/all')).toHaveLength(types.length);
  });

  it('retries a delivery answered 500 with backoff, under the same delivery id, until it succeeds', async () => {
    script['/flaky'] = [500, 503, 200];
    const hook = await register('/flaky', ['claim.logged']);
    await logClaim();
    await outbox().drain();
    expect(at('/flaky')).toHaveLength(1);
    await outbox().drain(); // not due yet: the backoff holds it
    expect(at('/flaky')).toHaveLength(1);
    await drainAfter(10);
    await drainAfter(20);
    const tries = at('/flaky');
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.headers['x-claimtrail-delivery'])).size).toBe(1);
    expect(new Set(tries.map((r) => r.event.id)).size).toBe(1);
    const log = await deliveries(hook.id);
    expect(log.items.map((d: { attempt: number; outcome: string; httpStatus: number; error: string | null }) => [d.attempt, d.outcome, d.httpStatus, d.error])).toEqual([
      [1, 'failed', 500, 'answered 500'],
      [2, 'failed', 503, 'answered 503'],
      [3, 'delivered', 200, null],
    ]);
    expect(log.items[0].responseExcerpt).toBe('server error');
    const endpoint = (await t.http.get(`/api/webhooks/${hook.id}`).set('Authorization', admin.auth).expect(200)).body;
    expect(endpoint).toMatchObject({ active: true, consecutiveFailures: 0 });
    await drainAfter(120);
    expect(at('/flaky')).toHaveLength(3);
  });

  it('disables an endpoint after repeated failures, tells the admins, and delivers nothing more to it', async () => {
    script['/down'] = [500];
    const hook = await register('/down', ['claim.logged']);
    await logClaim();
    await logClaim();
    for (let minutes = 0; minutes <= 60; minutes += 10) await drainAfter(minutes);
    // Three failed tries in a row (WEBHOOK_DISABLE_AFTER=3): disabled, the other message given up untried.
    expect(at('/down')).toHaveLength(3);
    const endpoint = (await t.http.get(`/api/webhooks/${hook.id}`).set('Authorization', admin.auth).expect(200)).body;
    expect(endpoint).toMatchObject({ active: false, consecutiveFailures: 3 });
    expect(endpoint.disabledReason).toBe('disabled after 3 failed deliveries in a row; the last: answered 500');
    const audit = (await t.http.get('/api/audit').query({ action: 'webhook.disable', entityId: hook.id }).set('Authorization', admin.auth).expect(200)).body;
    expect(audit.items).toEqual([expect.objectContaining({ user: null, after: expect.objectContaining({ active: false, url: `${base}/down` }) })]);
    const statuses: { status: string }[] = await t.dataSource.query(`SELECT status FROM outbox_messages WHERE channel = 'webhook' AND payload LIKE '%"endpointId":${hook.id},%' ORDER BY id`);
    expect(statuses.map((s) => s.status)).toEqual(['failed', 'failed']);
    // A later event is not even queued for it.
    await logClaim();
    await drainAfter(120);
    expect(at('/down')).toHaveLength(3);
    // Turned back on by an admin: the count starts again.
    const back = (await t.http.patch(`/api/webhooks/${hook.id}`).set('Authorization', admin.auth).send({ version: endpoint.version, active: true }).expect(200)).body;
    expect(back).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null });
  });

  it('queues events for an endpoint only while it is on and subscribed: an admin turning it off or changing its events counts from the next claim', async () => {
    const queued = async (id: number) =>
      Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM outbox_messages WHERE channel = 'webhook' AND payload LIKE '%"endpointId":${id},%'`))[0].n);
    const hook = await register('/switch', ['claim.logged']);
    await logClaim();
    expect(await queued(hook.id)).toBe(1);
    const off = (await t.http.patch(`/api/webhooks/${hook.id}`).set('Authorization', admin.auth).send({ version: hook.version, active: false }).expect(200)).body;
    await logClaim();
    expect(await queued(hook.id)).toBe(1);
    const on = (await t.http.patch(`/api/webhooks/${hook.id}`).set('Authorization', admin.auth).send({ version: off.version, active: true }).expect(200)).body;
    await logClaim();
    expect(await queued(hook.id)).toBe(2);
    await t.http.patch(`/api/webhooks/${hook.id}`).set('Authorization', admin.auth).send({ version: on.version, events: ['claim.published'] }).expect(200);
    await logClaim();
    expect(await queued(hook.id)).toBe(2);
    // A change refused (stale version) leaves the subscriptions as they were.
    await t.http.patch(`/api/webhooks/${hook.id}`).set('Authorization', admin.auth).send({ version: on.version, events: ['claim.logged'] }).expect(409);
    await logClaim();
    expect(await queued(hook.id)).toBe(2);
    await drainAfter(0);
  });

  it('notifies every active admin in the inbox, with a link to the endpoint, and nobody else, when an endpoint fails past WEBHOOK_DISABLE_AFTER', async () => {
    const secondWeb = await webSession(t, 'admin');
    const second = secondWeb.user;
    const gone = await t.signIn('admin');
    const goneUser = (await t.http.get(`/api/users/${gone.id}`).set('Authorization', admin.auth).expect(200)).body;
    await t.http.patch(`/api/users/${gone.id}`).set('Authorization', admin.auth).send({ version: goneUser.version, active: false }).expect(200);
    script['/broken'] = [503];
    const hook = await register('/broken', ['claim.logged']);
    await logClaim();
    for (let minutes = 0; minutes <= 60; minutes += 10) await drainAfter(minutes);
    expect(at('/broken')).toHaveLength(3);

    const stored: { user_id: number; claim_id: number | null; link: string; summary: string; delivery: string }[] = await t.dataSource.query(
      `SELECT user_id, claim_id, link, summary, delivery FROM notifications WHERE kind = 'webhook_disabled' AND link = '/webhooks/${hook.id}' ORDER BY user_id`,
    );
    const activeAdmins: { id: number }[] = await t.dataSource.query("SELECT id FROM users WHERE role = 'admin' AND active = true ORDER BY id");
    expect(stored.map((n) => Number(n.user_id))).toEqual(activeAdmins.map((a) => Number(a.id)));
    expect(stored.map((n) => Number(n.user_id))).toEqual(expect.arrayContaining([admin.id, second.id]));
    expect(stored.map((n) => Number(n.user_id))).not.toContain(gone.id);
    expect(stored.map((n) => Number(n.user_id))).not.toEqual(expect.arrayContaining([editor.id]));
    expect(stored.map((n) => Number(n.user_id))).not.toEqual(expect.arrayContaining([reviewer.id]));
    for (const n of stored) expect(n).toMatchObject({ claim_id: null, link: `/webhooks/${hook.id}`, delivery: 'in_app' });

    const inbox = (await t.http.get('/api/notifications').set('Authorization', second.auth).expect(200)).body;
    expect(inbox.items[0]).toMatchObject({
      kind: 'webhook_disabled',
      claimId: null,
      link: `/webhooks/${hook.id}`,
      actor: null,
      summary: `Webhook endpoint #${hook.id} (${base}/broken) was disabled after repeated failed deliveries`,
      excerpt: 'disabled after 3 failed deliveries in a row; the last: answered 503',
    });
    const editorInbox = (await t.http.get('/api/notifications').set('Authorization', editor.auth).expect(200)).body;
    expect(editorInbox.items.filter((n: { kind: string }) => n.kind === 'webhook_disabled')).toEqual([]);
    // The inbox page links the summary to the endpoint's page.
    const page = await t.http.get('/notifications').set('Cookie', secondWeb.cookie).expect(200);
    expect(page.text).toContain(`href="/webhooks/${hook.id}"`);
  });

  it('sends a test event to one endpoint on demand, whatever it subscribes to', async () => {
    const hook = await register('/test-target', ['claim.dismissed']);
    await t.http.post(`/api/webhooks/${hook.id}/test`).set('Authorization', editor.auth).expect(403);
    const queued = (await t.http.post(`/api/webhooks/${hook.id}/test`).set('Authorization', admin.auth).expect(202)).body;
    expect(queued.event).toMatchObject({ type: 'webhook.test', actor: { id: admin.id, username: admin.username }, data: { endpoint: { id: hook.id, url: `${base}/test-target` } } });
    await t.http.post('/api/webhooks/999999/test').set('Authorization', admin.auth).expect(404);
    await outbox().drain();
    const got = at('/test-target');
    expect(got.map((r) => r.event)).toEqual([queued.event]);
    expect(receiverVerifies(hook.secret, got[0].headers, got[0].body)).toBe(true);
    expect(validate(got[0].event)).toBe(true);
    expect((await deliveries(hook.id)).items).toEqual([expect.objectContaining({ event: 'webhook.test', outcome: 'delivered', eventId: queued.event.id })]);
  });

  it('refuses at delivery a target that is no longer allowed, and never follows a redirect', async () => {
    script['/bounce'] = [302];
    const bounce = await register('/bounce', ['claim.logged']);
    const guarded = await register('/guarded', ['claim.logged']);
    const env = t.app.get(Env);
    env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1,localhost';
    const named = (await t.http.post('/api/webhooks').set('Authorization', admin.auth).send({ url: base.replace('127.0.0.1', 'localhost') + '/named', events: ['claim.logged'] }).expect(201)).body;
    env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    const okBefore = at('/ok').length;
    await logClaim();
    env.WEBHOOK_ALLOW_HOSTS = ''; // as if the configuration changed, or DNS now answered a private address
    try {
      await outbox().drain();
    } finally {
      env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    }
    expect(at('/guarded')).toHaveLength(0);
    const refused = (await deliveries(guarded.id)).items;
    expect(refused).toEqual([expect.objectContaining({ outcome: 'refused', httpStatus: null, error: '127.0.0.1 is a private, loopback, link-local or reserved address' })]);
    await drainAfter(60);
    expect((await deliveries(guarded.id)).total).toBe(1); // refused for good, not retried
    expect(at('/bounce').length).toBe(0); // it was refused too while the allowance was off
    await logClaim();
    await outbox().drain();
    expect(at('/bounce').length).toBeGreaterThan(0);
    // A host name is checked on every address it resolves to, in the connection's own lookup.
    expect(at('/named')).toHaveLength(0);
    const byName = (await deliveries(named.id)).items;
    expect(byName.map((d: { outcome: string }) => d.outcome)).toEqual(['refused', 'refused']);
    expect(byName[1].error).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a private, loopback, link-local or reserved address$/);
    expect(at('/ok').length).toBe(okBefore);
    const bounced = (await deliveries(bounce.id)).items.find((d: { outcome: string }) => d.outcome === 'failed');
    expect(bounced).toMatchObject({ httpStatus: 302, error: 'answered 302: redirects are not followed' });
  });
});
