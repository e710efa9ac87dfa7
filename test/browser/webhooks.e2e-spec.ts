import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OutboxService } from '../../src/outbox/outbox.service';
import { launchBrowser, DESKTOP, PHONE, screenshot, scrollsSideways, seriousViolations, signInAs } from '../support/browser';
import { TestApp } from '../support/test-app';

/** An admin registers a webhook endpoint and sends it a test event, in real Chromium. */
describe('Web app: webhooks', () => {
  let t: TestApp;
  let base: string;
  let receiver: Server;
  let hookBase: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const received: string[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    process.env.WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    t = await TestApp.start();
    base = await t.listen();
    browser = await launchBrowser();
    await t.signIn('admin', 'ada');
  }, 60_000);
  beforeEach(async () => {
    context = await browser.newContext({ viewport: DESKTOP });
    page = await context.newPage();
    page.setDefaultTimeout(15_000); // sign-in hashes a password: slow on a loaded 2-core CI machine
  });
  afterEach(() => context.close());
  afterAll(async () => {
    await browser?.close();
    await t.close();
    await new Promise((resolve) => receiver.close(resolve));
    process.env = saved;
  });

  it('registers an endpoint, shows its secret once, and lists the test event it sends in the delivery log', async () => {
    await signInAs(page, base, 'ada', 'password-of-ada');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('URL (http or https, a public address)').fill(`${hookBase}/desk`);
    await page.getByLabel('Description (optional)').fill('Newsroom chat');
    await page.getByLabel('claim.published').check();
    await page.getByLabel('mention').check();
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    await page.getByRole('heading', { name: 'Endpoint registered: copy its secret now' }).waitFor();
    const secret = await page.locator('#webhook-secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'webhooks-1280');

    await page.getByRole('link', { name: `${hookBase}/desk` }).first().click();
    await page.getByRole('heading', { name: 'Webhook endpoint' }).waitFor();
    expect(await page.content()).not.toContain(secret!);
    await page.getByRole('button', { name: 'Send test event' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Test event queued');
    await t.app.get(OutboxService).drain();
    await page.reload();
    const row = page.locator('table.list tbody tr').first();
    expect(await row.textContent()).toContain('webhook.test');
    expect(await row.textContent()).toContain('delivered (204)');
    expect(JSON.parse(received[0])).toMatchObject({ type: 'webhook.test', actor: { username: 'ada' } });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'webhook-1280');

    await page.setViewportSize(PHONE);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'webhook-375');
  }, 60_000);
});
