import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArchiveService } from '../../src/archive/archive.service';
import { ArchiveRefused, fetchForArchive } from '../../src/archive/fetcher';
import { Env } from '../../src/config/env';
import { articleInput, claimInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

const PAGE = `<!doctype html><html><head><title>Bilan du déminage</title></head><body><nav>Menu Accueil Contact</nav>
<article><h1>Bilan du déminage de Palmyre</h1><p>${'Les sapeurs ont neutralisé 1230 engins explosifs dans la ville. '.repeat(12)}</p>
<p>Le bilan a été publié samedi par le ministère.</p></article><footer>© 2016</footer></body></html>`;

/** Archived evidence: links are captured in the background from an HTTP server this spec starts on 127.0.0.1. */
describe('Archived evidence', () => {
  let t: TestApp;
  let server: Server;
  let base: string;
  let editor: SignedIn;
  let claimId: number;
  const hits: string[] = [];
  let flakyCalls = 0;
  const saved = { ...process.env };

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url!);
      if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      else if (req.url === '/moved') res.writeHead(302, { location: '/page' }).end();
      else if (req.url === '/big') res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(4096));
      else if (req.url === '/flaky') (flakyCalls++ === 0 ? res.writeHead(503) : res.writeHead(200, { 'content-type': 'text/plain' })).end('recovered');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.ARCHIVE_ENABLED = 'false'; // the spec runs the passes itself, deterministically
    process.env.ARCHIVE_ALLOW_PRIVATE = 'true'; // its test server is on 127.0.0.1
    process.env.ARCHIVE_MAX_BYTES = '2048';
    t = await TestApp.start();
    editor = await t.signIn('editor');
    const article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
    claimId = (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
    process.env = saved;
  });

  const addEvidence = async (path: string) =>
    (await t.http.post(`/api/claims/${claimId}/evidence`).set('Authorization', editor.auth).send({ url: `${base}${path}`, title: `Evidence ${path}`, stance: 'supports' }).expect(201)).body.id as number;
  const archiveOf = (linkId: number) => t.http.get(`/api/evidence/${linkId}/archive`).set('Authorization', editor.auth);

  it('captures a new evidence link in the background, following redirects, and serves the copy back', async () => {
    const linkId = await addEvidence('/moved');
    await archiveOf(linkId).expect(404);
    await t.app.get(ArchiveService).runDue();
    const archive = (await archiveOf(linkId).expect(200)).body;
    expect(archive).toMatchObject({
      evidenceLinkId: linkId,
      status: 'archived',
      attempts: 1,
      finalUrl: `${base}/page`,
      httpStatus: 200,
      contentType: 'text/html; charset=utf-8',
      sha256: createHash('sha256').update(PAGE).digest('hex'),
      bodyBytes: Buffer.byteLength(PAGE),
      title: 'Bilan du déminage',
      lastError: null,
    });
    expect(Date.parse(archive.retrievedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(archive.readableText).toContain('Le bilan a été publié samedi par le ministère.');
    expect(archive.readableText).not.toContain('Menu Accueil');
    const body = await t.http.get(`/api/evidence/${linkId}/archive/body`).set('Authorization', editor.auth).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((body.body as Buffer).toString('utf8')).toBe(PAGE);
    expect(body.headers['content-disposition']).toMatch(/^attachment/);
    expect(body.headers['content-security-policy']).toBe('sandbox');
    const stored: { n: string | number }[] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM audit_events WHERE action = 'evidence.archive' AND entity_id = ${linkId}`);
    expect(Number(stored[0].n)).toBe(1);
    await t.http.get(`/api/evidence/${linkId}/archive`).expect(401);
  });

  it('retries a failed capture with backoff, not before it is due', async () => {
    const linkId = await addEvidence('/flaky');
    await t.app.get(ArchiveService).runDue();
    const first = (await archiveOf(linkId).expect(200)).body;
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'the server answered 503' });
    const due = Date.parse(first.nextAttemptAt);
    expect(due).toBeGreaterThan(Date.now() + 30_000);
    await t.app.get(ArchiveService).runDue();
    expect((await archiveOf(linkId).expect(200)).body.attempts).toBe(1);
    await t.app.get(ArchiveService).runDue(new Date(due + 1000));
    expect((await archiveOf(linkId).expect(200)).body).toMatchObject({ status: 'archived', attempts: 2, readableText: 'recovered' });
  });

  it('refuses a body over the size limit, once and for all', async () => {
    const linkId = await addEvidence('/big');
    await t.app.get(ArchiveService).runDue();
    expect((await archiveOf(linkId).expect(200)).body).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null, lastError: expect.stringContaining('2048-byte limit') });
  });

  it('refuses loopback, private and link-local addresses unless configuration allows them, by address or by name', async () => {
    const env = t.app.get(Env);
    env.ARCHIVE_ALLOW_PRIVATE = false;
    try {
      const before = hits.length;
      const direct = await addEvidence('/page');
      await t.app.get(ArchiveService).runDue();
      expect((await archiveOf(direct).expect(200)).body).toMatchObject({ status: 'failed', lastError: expect.stringContaining('127.0.0.1 is a private, loopback or link-local address') });
      expect(hits.length).toBe(before); // nothing reached the server
      // A host name is checked on the address it resolves to, in the socket's own lookup (so on every redirect hop too).
      const options = { timeoutMs: 2000, maxBytes: 4096, maxRedirects: 5, allowPrivate: false };
      await expect(fetchForArchive(`${base.replace('127.0.0.1', 'localhost')}/page`, options)).rejects.toThrow(/localhost resolves to .*(127\.0\.0\.1|::1)/);
      await expect(fetchForArchive('http://[::1]:9/', options)).rejects.toThrow(ArchiveRefused);
      expect(hits.length).toBe(before);
    } finally {
      env.ARCHIVE_ALLOW_PRIVATE = true;
    }
  });
});
