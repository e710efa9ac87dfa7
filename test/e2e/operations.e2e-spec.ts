import { testDatabaseKind } from '../support/database';
import { TestApp } from '../support/test-app';

/** Issue 15, item 7: request ids, Prometheus metrics and the liveness/readiness probes, in-process. */
describe('Operations endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('echoes a caller X-Request-Id and puts it in the error body', async () => {
    const response = await t.http.get('/api/claims/1').set('X-Request-Id', 'edge-1234.abc').expect(401);
    expect(response.headers['x-request-id']).toBe('edge-1234.abc');
    expect(response.body).toMatchObject({ statusCode: 401, requestId: 'edge-1234.abc' });
  });

  it('gives a request refused while its body is read (malformed JSON) an id and a place in the metrics', async () => {
    const response = await t.http.post('/api/auth/login').set('content-type', 'application/json').set('X-Request-Id', 'bad-json-1').send('{bad');
    expect(response.status).toBe(400);
    expect(response.headers['x-request-id']).toBe('bad-json-1');
    const metrics = (await t.http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^http_request_duration_seconds_count\{method="POST",route="unmatched",status="400"\} 1$/m);
  });

  it('generates a request id when none (or an unusable one) is sent', async () => {
    const plain = await t.http.get('/health/live').expect(200);
    expect(plain.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const forged = await t.http.get('/health/live').set('X-Request-Id', 'a b\tc').expect(200);
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers /health/live and /health/ready with terminus bodies, keeping /health as it was', async () => {
    expect((await t.http.get('/health/live').expect(200)).body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.details).sort()).toEqual(['database', 'lifecycle', 'migrations', 'writes']);
    expect((await t.http.get('/health').expect(200)).body.status).toBe('ok');
  });

  it('answers /health/ready 503 with the database down when its SELECT 1 fails, or takes more than 1.5 s', async () => {
    const query = t.dataSource.query.bind(t.dataSource);
    // The fault at the driver's edge: only the probe's statement fails; the other checks query as usual.
    const spy = jest.spyOn(t.dataSource, 'query');
    try {
      spy.mockImplementation((sql: string, ...rest: unknown[]) => (sql === 'SELECT 1' ? Promise.reject(new Error('SQLITE_IOERR: disk I/O error')) : query(sql, ...(rest as []))));
      const failed = await t.http.get('/health/ready').expect(503);
      expect(failed.body.error).toEqual({ database: { status: 'down' } });
      expect(failed.body.details.migrations).toEqual({ status: 'up' });

      spy.mockImplementation((sql: string, ...rest: unknown[]) => (sql === 'SELECT 1' ? new Promise(() => {}) : query(sql, ...(rest as []))));
      const slow = await t.http.get('/health/ready').expect(503);
      expect(slow.body.error).toEqual({ database: { status: 'down', message: 'timeout of 1500ms exceeded' } });
    } finally {
      spy.mockRestore();
    }
    expect((await t.http.get('/health/ready').expect(200)).body.details.database).toEqual({ status: 'up' });
  });

  it('exposes request latency by route pattern, login failures, 5xx and the write queue at /metrics', async () => {
    const editor = await t.signIn('editor');
    await t.http.post('/api/auth/login').send({ username: editor.username, password: 'wrong-password' }).expect(401);
    await t.http.post('/api/auth/login').send({ username: 'nobody-at-all', password: 'wrong-password' }).expect(401);
    await t.http.post('/api/sources').set('Authorization', editor.auth).send({ name: 'Metric source', kind: 'organisation' }).expect(201);
    await t.http.get('/api/sources/999999').set('Authorization', editor.auth).expect(404);

    const response = await t.http.get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = response.text;
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/api\/sources\/:id",status="404"\} 1$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/api\/sources",status="201"\} 1$/m);
    expect(text).toMatch(/^auth_login_failures_total 2$/m);
    expect(text).toContain("# TYPE http_server_errors_total counter");
    expect(text).toMatch(/^db_write_queue_depth 0$/m);
    expect(text).toMatch(/^db_write_queue_wait_seconds_count \d+$/m);
    expect(text).toMatch(/^db_writable 1$/m);
    if (testDatabaseKind() === 'postgres') {
      expect(text).toMatch(/^db_pool_connections\{state="total"\} [1-9]\d*$/m);
      expect(text).toMatch(/^db_pool_connections\{state="waiting"\} 0$/m);
    } else {
      expect(text).not.toMatch(/^db_pool_connections\{/m);
    }
    // The URL never becomes a label: ids would make one series per claim.
    expect(text).not.toContain('/api/sources/999999');
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let t: TestApp;

  beforeAll(async () => {
    process.env.METRICS_TOKEN = 'a-scrape-token-of-some-length';
    t = await TestApp.start();
  });
  afterAll(async () => {
    delete process.env.METRICS_TOKEN;
    await t.close();
  });

  it('refuses a scrape without the token, even from loopback, and serves it with the token', async () => {
    const refused = await t.http.get('/metrics').expect(403);
    expect(refused.body.message).toMatch(/METRICS_TOKEN/);
    await t.http.get('/metrics').set('Authorization', 'Bearer a-scrape-token-of-some-lengtX').expect(403);
    const ok = await t.http.get('/metrics').set('Authorization', 'Bearer a-scrape-token-of-some-length').expect(200);
    expect(ok.text).toContain('http_request_duration_seconds');
  });
});
