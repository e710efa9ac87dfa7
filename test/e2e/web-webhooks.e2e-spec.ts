import { parse } from 'node-html-parser';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboxService } from '../../src/outbox/outbox.service';
import { TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** The admins' webhooks pages: register (secret shown once), test event button, delivery log, disabled notice. */
describe('Webhooks pages', () => {
  let t: TestApp;
  let receiver: Server;
  let base: string;
  let admin: WebSession;
  let status = 200;
  const bodies: string[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(status).end(status === 200 ? 'ok' : '<b>broken</b>');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    process.env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    process.env.WEBHOOK_DISABLE_AFTER = '1';
    t = await TestApp.start();
    admin = await webSession(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => receiver.close(resolve));
    process.env = saved;
  });

  const form = (fields: [string, string][]) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

  it('is for admins only, and says so in the navigation', async () => {
    const editor = await webSession(t, 'editor');
    await t.http.get('/webhooks').set('Cookie', editor.cookie).expect(403);
    expect(parse((await t.http.get('/articles').set('Cookie', editor.cookie).expect(200)).text).querySelector('a[href="/webhooks"]')).toBeNull();
    expect(parse((await t.http.get('/articles').set('Cookie', admin.cookie).expect(200)).text).querySelector('a[href="/webhooks"]')).not.toBeNull();
    const french = parse((await t.http.get('/webhooks').set('Cookie', admin.cookie).set('Accept-Language', 'fr').expect(200)).text);
    expect(french.querySelector('#new-webhook-h')!.text).toBe('Enregistrer un point de réception');
  });

  it('registers an endpoint from the form, shows its secret once, escapes its description, and refuses a private target with the field named', async () => {
    const refused = await t.http
      .post('/webhooks')
      .set('Cookie', admin.cookie)
      .type('form')
      .send(form([['_csrf', admin.csrf], ['url', 'http://10.0.0.9/hook'], ['events', 'claim.logged']]))
      .expect(422);
    expect(parse(refused.text).querySelector('.problems')!.text).toContain('url');
    expect(parse(refused.text).querySelector('#new-url')!.getAttribute('value')).toBe('http://10.0.0.9/hook');

    const created = await t.http
      .post('/webhooks')
      .set('Cookie', admin.cookie)
      .type('form')
      .send(form([['_csrf', admin.csrf], ['url', `${base}/hook`], ['description', '<script>alert(1)</script> relay'], ['events', 'claim.logged'], ['events', 'mention']]))
      .expect(200);
    const secret = parse(created.text).querySelector('#webhook-secret')!.text;
    expect(secret).toMatch(/^whsec_/);
    expect(created.text).not.toContain('<script>alert(1)</script>');
    const rows: { secret: string; description: string }[] = await t.dataSource.query('SELECT secret, description FROM webhook_endpoints');
    expect(rows).toEqual([{ secret, description: '<script>alert(1)</script> relay' }]);
    const subscriptions: { event: string }[] = await t.dataSource.query('SELECT event FROM webhook_subscriptions ORDER BY event');
    expect(subscriptions.map((s) => s.event)).toEqual(['claim.logged', 'mention']);

    const list = await t.http.get('/webhooks').set('Cookie', admin.cookie).expect(200);
    expect(list.text).not.toContain(secret);
    expect(parse(list.text).querySelector('#webhook-1')!.text).toContain('claim.logged and mention');
  });

  it('sends a test event from the button and shows it in the delivery log; an endpoint that keeps failing is disabled with a notice', async () => {
    await t.http.post('/webhooks/1/test').set('Cookie', admin.cookie).type('form').send(form([['_csrf', admin.csrf]])).expect(303).expect('Location', '/webhooks/1?tested=1');
    await t.app.get(OutboxService).drain();
    expect(JSON.parse(bodies[0])).toMatchObject({ type: 'webhook.test', data: { endpoint: { id: 1, url: `${base}/hook` } } });
    const detail = parse((await t.http.get('/webhooks/1?tested=1').set('Cookie', admin.cookie).expect(200)).text);
    expect(detail.querySelector('.notice')!.text).toContain('Test event queued');
    const row = detail.querySelectorAll('table.list tbody tr');
    expect(row).toHaveLength(1);
    expect(row[0].text).toContain('webhook.test');
    expect(row[0].text).toContain('delivered (200)');

    // Failing deliveries (WEBHOOK_DISABLE_AFTER=1 here): an event, a 500, disabled.
    status = 500;
    const editor = await t.signIn('editor');
    const article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send({ title: 'A', language: 'en', body: 'The minister said the bridge was rebuilt.' }).expect(201)).body.id;
    await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.auth).send({ text: 'The bridge was rebuilt.', quote: 'the bridge was rebuilt', kind: 'event', unattributed: true }).expect(201);
    await t.app.get(OutboxService).drain();
    const list = parse((await t.http.get('/webhooks').set('Cookie', admin.cookie).expect(200)).text);
    const alert = list.querySelector('.problems')!;
    expect(alert.text).toContain('was disabled because its deliveries kept failing');
    expect(alert.text).toContain('answered 500');
    const page = parse((await t.http.get('/webhooks/1').set('Cookie', admin.cookie).expect(200)).text);
    expect(page.querySelectorAll('table.list tbody tr')[0].text).toContain('failed (500)');
    expect(page.querySelector('#edit-active')!.getAttribute('checked')).toBeUndefined();

    // Turned back on from the settings form.
    const version = page.querySelector('input[name="version"]')!.getAttribute('value')!;
    await t.http
      .post('/webhooks/1')
      .set('Cookie', admin.cookie)
      .type('form')
      .send(form([['_csrf', admin.csrf], ['version', version], ['url', `${base}/hook`], ['description', 'relay'], ['events', 'claim.logged'], ['active', 'true']]))
      .expect(303)
      .expect('Location', '/webhooks/1?saved=1');
    const [endpoint]: { active: boolean | number; consecutive_failures: number; description: string }[] = await t.dataSource.query('SELECT active, consecutive_failures, description FROM webhook_endpoints');
    expect([Boolean(endpoint.active), Number(endpoint.consecutive_failures), endpoint.description]).toEqual([true, 0, 'relay']);
    expect(parse((await t.http.get('/webhooks').set('Cookie', admin.cookie).expect(200)).text).querySelector('.problems')).toBeNull();
  });
});
