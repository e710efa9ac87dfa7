import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Response } from 'supertest';
import { articleInput, claimInput } from '../factories';
import { OpenApiContract } from '../support/openapi-contract';
import { TestApp } from '../support/test-app';

type Doc = {
  servers: { url: string }[];
  components: { securitySchemes: Record<string, { bearerFormat?: string }>; schemas: Record<string, { properties?: Record<string, object> }> };
  paths: Record<string, Record<string, { summary?: string; responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The OpenAPI document at /api/docs-json: what it says, that it lints clean, and that responses are checked against it. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).filter(([m]) => METHODS.includes(m)).map(([method, op]) => ({ path, method, op })));

  beforeAll(async () => {
    t = await TestApp.start();
    doc = (await t.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('lints with zero errors under Redocly CLI’s recommended rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimtrail-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const bin = join(__dirname, '..', '..', 'node_modules', '.bin', 'redocly');
      const { stdout } = await promisify(execFile)(bin, ['lint', file, '--format=json'], { maxBuffer: 16 * 1024 * 1024 }).catch((e: { stdout: string }) => e);
      const report = JSON.parse(stdout) as { totals: { errors: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
      const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('gives every operation a summary, a documented success body or 204, and its 4xx errors with the shared error schema', () => {
    expect(operations().length).toBeGreaterThan(30);
    for (const { path, method, op } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect([where, typeof op.summary]).toEqual([where, 'string']);
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      expect([where, success.length]).toEqual([where, 1]);
      const [status, response] = success[0];
      if (status !== '204') expect([where, Object.keys(response.content ?? {}).length > 0]).toEqual([where, true]);
      if (path.startsWith('/api/')) {
        const errors = Object.keys(op.responses).filter((s) => s.startsWith('4'));
        expect([where, errors.length > 0]).toEqual([where, true]);
        for (const s of [...errors, 'default']) {
          expect([where, s, op.responses[s].content?.['application/json']?.schema]).toEqual([where, s, { $ref: '#/components/schemas/ErrorDto' }]);
        }
      }
    }
    expect(Object.keys(doc.components.schemas.ErrorDto.properties!).sort()).toEqual(['code', 'currentVersion', 'error', 'errors', 'message', 'statusCode']);
  });

  it('describes each list as a page of its items', () => {
    const page = doc.paths['/api/articles/{articleId}/claims'].get.responses['200'].content!['application/json'].schema;
    expect(page).toMatchObject({ required: ['items', 'total', 'page', 'pageSize'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/ClaimDto' } } } });
  });

  it('describes nullable objects and the nullable rating so that null validates (OpenAPI 3.0)', () => {
    const detail = doc.components.schemas.ClaimDetailDto.properties!;
    expect(detail.currentVerdict).toMatchObject({ anyOf: [{ $ref: '#/components/schemas/VerdictDto' }, { nullable: true, enum: [null] }] });
    expect(detail.currentRating).toMatchObject({ type: 'string', nullable: true, enum: expect.arrayContaining(['true', 'misleading', null]) });
  });

  it('names opaque bearer tokens, not JWTs, and serves from "/" without PUBLIC_URL', () => {
    expect(doc.components.securitySchemes.bearer.bearerFormat).toBe('opaque');
    expect(doc.servers).toEqual([{ url: '/' }]);
  });

  it('checks every API response the specs receive: a claim detail with null verdict and assignee passes', async () => {
    const editor = await t.signIn('editor');
    const article = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body;
    const claim = (await t.http.post(`/api/articles/${article.id}/claims`).set('Authorization', editor.auth).send(claimInput()).expect(201)).body;
    const detail = await t.http.get(`/api/claims/${claim.id}`).set('Authorization', editor.auth).expect(200);
    expect(detail.body).toMatchObject({ currentVerdict: null, currentRating: null, assignee: null });
    await t.http.get('/api/claims/999999').set('Authorization', editor.auth).expect(404);
  });

  it('reports a response that strays from the document', async () => {
    const contract = await OpenApiContract.load(t.app.getHttpServer());
    const response = (status: number, body: unknown, type = 'application/json; charset=utf-8') => ({ status, body, headers: { 'content-type': type } }) as unknown as Response;
    expect(contract.problems('get', '/api/claims/1', response(200, { id: 'one' }))).toEqual(expect.arrayContaining([expect.stringContaining('GET /api/claims/1 → 200: body')]));
    expect(contract.problems('get', '/api/articles', response(200, { items: [], total: 0, page: 1 }))).toEqual([expect.stringContaining("must have required property 'pageSize'")]);
    expect(contract.problems('get', '/api/articles', response(500, { statusCode: 500, code: 'internal_error', message: 'Something went wrong' }))).toEqual([]); // `default`
    expect(contract.problems('get', '/api/articles', response(201, { items: [] }))).toEqual([expect.stringContaining("must have required property 'statusCode'")]);
    expect(contract.problems('get', '/api/articles', response(200, 'x', 'text/plain'))).toEqual([expect.stringContaining('content type text/plain not documented')]);
    expect(contract.problems('get', '/articles', response(200, 'x', 'text/html'))).toEqual([]); // web pages are not the API
  });
});
describe('OpenAPI document behind a proxy', () => {
  const saved = process.env.PUBLIC_URL;
  afterAll(() => (process.env.PUBLIC_URL = saved));

  it('lists PUBLIC_URL as the server', async () => {
    process.env.PUBLIC_URL = 'https://desk.example.org';
    const t = await TestApp.start();
    try {
      expect((await t.http.get('/api/docs-json').expect(200)).body.servers).toEqual([{ url: 'https://desk.example.org' }]);
    } finally {
      await t.close();
    }
  });
});
