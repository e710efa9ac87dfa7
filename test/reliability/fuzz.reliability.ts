/**
 * Issue 15: a fuzz run over every operation of the OpenAPI document (/api/docs-json). For each
 * operation it sends generated bad and edge-case input (wrong types, nulls, huge numbers, huge
 * strings, unicode, missing and extra fields, bad ids, bad headers, broken JSON), anonymously and
 * as each role, at least FUZZ_REQUESTS (10,000) in all, and asserts that no response is a 5xx.
 * Deterministic: a seeded PRNG (FUZZ_SEED), so a failure replays. Prints the status counts per
 * operation.
 */
import { getMetadataStorage } from 'class-validator';
import { articleInput, claimInput, sourceInput } from '../factories';
import { SignedIn, TestApp } from '../support/test-app';

process.env.PASSWORD_HASH_QUEUE = '10000'; // sign-ins queue instead of 503 "busy": that deliberate 503 is not what this looks for

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 15);
const CONCURRENCY = 4;

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Operation {
  method: string;
  path: string;
  schema: string | null;
  headers: string[];
}

const QUERY_KEYS = [
  'page', 'pageSize', 'status', 'kind', 'sourceId', 'sourceRole', 'unattributed', 'q', 'assigneeId', 'sort', 'order', 'articleId',
  'userId', 'entityType', 'entityId', 'claimId', 'action', 'from', 'to', 'role', 'format', 'publishedOnly', 'rows',
];

describe('reliability: fuzzing every OpenAPI operation', () => {
  let t: TestApp;
  let base: string;
  const users: Record<string, SignedIn> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    base = await t.listen();
    for (const role of ['admin', 'editor', 'reviewer'] as const) users[role] = await t.signIn(role, `fuzz-${role}`);
    // Something for valid ids to point at: an article, sources, claims in several states.
    const auth = users.editor.auth;
    const article = (await t.http.post('/api/articles').set('Authorization', auth).send(articleInput()).expect(201)).body.id;
    for (let i = 0; i < 3; i++) await t.http.post('/api/sources').set('Authorization', auth).send(sourceInput()).expect(201);
    for (let i = 0; i < 4; i++) {
      const c = (await t.http.post(`/api/articles/${article}/claims`).set('Authorization', auth).send(claimInput()).expect(201)).body;
      if (i > 0) await t.http.post(`/api/claims/${c.id}/transitions`).set('Authorization', auth).send({ to: 'submitted', version: c.version }).expect(200);
    }
  }, 120_000);
  afterAll(() => t.close());

  it(`sends at least ${TOTAL} generated requests over every operation with no 5xx`, async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>>;
    };
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        schema: op.requestBody?.content?.['application/json']?.schema?.$ref?.split('/').pop() ?? null,
        headers: (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name),
      })),
    );
    expect(operations.length).toBeGreaterThan(20);

    // Field names per DTO, from the validation metadata (the document may carry no properties when
    // the Swagger CLI plugin did not run, as under jest).
    const fieldsOf = new Map<string, string[]>();
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, { propertyName: string }[]> };
    for (const [target, metas] of storage.validationMetadatas) {
      fieldsOf.set(target.name, [...new Set([...(fieldsOf.get(target.name) ?? []), ...metas.map((m) => m.propertyName)])]);
    }

    const random = prng(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const int = (n: number) => Math.floor(random() * n);
    const weird = (): unknown =>
      pick<() => unknown>([
        () => null,
        () => true,
        () => 0,
        () => -1,
        () => 1.5,
        () => 2 ** 31,
        () => 2 ** 53 + 2,
        () => -(2 ** 63),
        () => 1e308,
        () => '',
        () => ' ',
        () => 'x'.repeat(pick([201, 2001, 5001, 20_001, 100_000])),
        () => '🧨'.repeat(300),
        () => 'é\u0301\u200f\u202eRTL\u0000nul',
        () => '\ud800',
        () => '%'.repeat(300) + '_'.repeat(300),
        () => "'; DROP TABLE claims; --",
        () => '<script>alert(1)</script>',
        () => '=HYPERLINK("http://x")',
        () => '2016-02-30',
        () => 'not-a-date',
        () => 'javascript:alert(1)',
        () => 'http://' + 'a'.repeat(3000) + '.com',
        () => [],
        () => [null],
        () => Array.from({ length: 300 }, () => ({ sourceId: 1, verb: 'dit', mode: 'direct' })),
        () => ({}),
        () => ({ nested: { deeper: [1, { x: null }] } }),
        () => String(int(10)),
        () => int(10),
        () => pick(['draft', 'submitted', 'in_review', 'verdict_proposed', 'published', 'dismissed', 'true', 'false', 'admin', 'editor', 'person', 'direct', 'paraphrase', 'quantity', 'supports']),
      ])();
    const fieldValue = (name: string): unknown => {
      if (random() < 0.5) return weird();
      if (/id$/i.test(name) || name === 'version' || name === 'start' || name === 'end' || name === 'occurrence') return pick([1, 2, 3, 0, -5, 99999, 2 ** 31, '1', null]);
      if (name === 'attributions') return pick([[], [{ sourceId: 1, verb: 'a indiqué', mode: 'direct' }], [{ sourceId: 'x' }], [{ anonymous: true }], 'chain']);
      return pick(['Les sapeurs syriens ont neutralisé 1230 mines', 'fr', 'https://example.org/a', '2016-04-02', 'ok', 'draft', 'person']);
    };
    const body = (schema: string | null): { text: string | undefined; type: string } => {
      const r = random();
      if (r < 0.05) return { text: '{"broken": ', type: 'application/json' };
      if (r < 0.08) return { text: 'plain text', type: 'text/plain' };
      if (r < 0.09) return { text: '[' + '[]'.repeat(50) + ']', type: 'application/json' };
      if (r < 0.1) return { text: '{"a":'.repeat(1000 + int(2000)) + '1' + '}'.repeat(3000), type: 'application/json' }; // deep
      if (r < 0.12) return { text: '"' + 'x'.repeat(10) + '"', type: 'application/json' };
      if (r < 0.14) return { text: 'null', type: 'application/json' };
      if (r < 0.16) return { text: undefined, type: 'application/json' };
      const fields = fieldsOf.get(schema ?? '') ?? ['text', 'name', 'title'];
      const value: Record<string, unknown> = {};
      for (const f of fields) if (random() < 0.8) value[f] = fieldValue(f);
      if (random() < 0.2) value[pick(['extra', '__proto__', 'constructor', 'id', 'createdAt', 'status'])] = weird();
      return { text: JSON.stringify(value), type: 'application/json' };
    };
    // A lone surrogate cannot be percent-encoded as UTF-8: send the bytes of one (invalid UTF-8) instead.
    const encode = (text: string) => {
      try {
        return encodeURIComponent(text);
      } catch {
        return '%ED%A0%80';
      }
    };
    const pathValue = () => pick(['1', '2', '3', '4', '0', '-1', '999999999', '9007199254740993', 'abc', '1e3', '1.5', '%00', '%F0%9F%A7%A8', 'x'.repeat(500), '٣', '0x10', ' 1']);
    const query = () => {
      if (random() < 0.4) return '';
      const parts: string[] = [];
      for (let i = 0, n = 1 + int(4); i < n; i++) {
        const v = weird();
        const text = typeof v === 'string' ? v.slice(0, 2000) : JSON.stringify(v);
        parts.push(`${pick(QUERY_KEYS)}${random() < 0.1 ? '[]' : ''}=${encode(text)}`);
      }
      return `?${parts.join('&')}`;
    };

    const counts = new Map<string, Map<number, number>>();
    const clientErrors = new Map<string, number>();
    const failures: string[] = [];
    const perOperation = Math.ceil(TOTAL / operations.length);
    const jobs: (() => Promise<void>)[] = [];
    for (const op of operations) {
      for (let i = 0; i < perOperation; i++) {
        const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(pathValue()).replace(/%25/g, '%'));
        const who = pick(['anonymous', 'admin', 'editor', 'reviewer', 'garbage'] as const);
        const headers: Record<string, string> = {};
        // Logging out would revoke the fuzzer's own tokens: only anonymous and garbage there.
        if (who === 'garbage' || (op.path === '/api/auth/logout' && who !== 'anonymous')) headers.authorization = pick(['Bearer x', 'Bearer ' + 'a'.repeat(300), 'Basic Zm9vOmJhcg==', 'Bearer 😀😀😀😀😀😀😀😀😀😀😀']);
        else if (who !== 'anonymous') headers.authorization = users[who].auth;
        if (op.headers.length || random() < 0.1) {
          if (random() < 0.7) headers['if-match'] = pick(['"1"', '1', 'W/"2"', '*', '"abc"', '"99999999999999999999"', '', '"1", "2"', 'x'.repeat(1000)]);
        }
        if (random() < 0.05) headers['x-forwarded-for'] = pick(['1.2.3.4', 'garbage', '::1']);
        const payload =
          op.method === 'GET' ? { text: undefined, type: '' } : op.method === 'DELETE' ? (random() < 0.1 ? body(op.schema) : { text: undefined, type: '' }) : body(op.schema);
        // Header values go on the wire as bytes: UTF-8 text is sent as its raw bytes.
        for (const [k, v] of Object.entries(headers)) headers[k] = Buffer.from(v, 'utf8').toString('latin1');
        if (payload.type) headers['content-type'] = payload.type;
        const url = `${base}${path}${query()}`;
        const name = `${op.method} ${op.path}`;
        jobs.push(async () => {
          let status: number;
          try {
            const response = await fetch(url, { method: op.method, headers, body: payload.text });
            await response.arrayBuffer();
            status = response.status;
          } catch (error) {
            status = 0; // the client could not send it or read the answer
            const cause = String((error as { cause?: { code?: string; message?: string } }).cause?.code ?? (error as { cause?: Error }).cause?.message ?? error);
            clientErrors.set(cause, (clientErrors.get(cause) ?? 0) + 1);
          }
          const row = counts.get(name) ?? new Map<number, number>();
          row.set(status, (row.get(status) ?? 0) + 1);
          counts.set(name, row);
          if (status >= 500 && failures.length < 50) {
            failures.push(`${status} ${op.method} ${url.slice(0, 300)} as ${who} ${JSON.stringify(headers).slice(0, 200)} body ${String(payload.text).slice(0, 300)}`);
          }
        });
      }
    }

    // Run the jobs CONCURRENCY at a time, in order (deterministic inputs; interleaving may vary).
    const started = Date.now();
    let next = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < jobs.length) {
          await jobs[next++]();
          if (++done % 500 === 0) {
            // Named after this count, taken now: other workers move `done` on while this one awaits.
            const at = done;
            // Keep the fuzzer's accounts usable (a fuzzed PATCH may have deactivated one or changed its role).
            for (const role of ['admin', 'editor', 'reviewer'] as const) {
              const me = await fetch(`${base}/api/auth/me`, { headers: { authorization: users[role].auth } });
              const who = me.status === 200 ? ((await me.json()) as { role: string }) : null;
              if (!who || who.role !== role) users[role] = await t.signIn(role, `fuzz-${role}-${at}`);
            }
          }
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;

    const statuses = [...new Set([...counts.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
    const lines = [
      '',
      `Fuzz (seed ${SEED}): ${jobs.length} requests over ${operations.length} operations in ${seconds.toFixed(0)} s`,
      `${'operation'.padEnd(44)}${statuses.map((s) => String(s).padStart(6)).join('')}`,
      ...[...counts.entries()].map(([name, m]) => `${name.padEnd(44)}${statuses.map((s) => String(m.get(s) ?? '').padStart(6)).join('')}`),
      ...(clientErrors.size ? ['', `client errors: ${JSON.stringify(Object.fromEntries(clientErrors))}`] : []),
      ...(failures.length ? ['', '5xx responses:', ...failures] : []),
      '',
    ];
    process.stdout.write(lines.join('\n'));
    expect(jobs.length).toBeGreaterThanOrEqual(TOTAL);
    expect(failures).toEqual([]);
    expect(statuses.filter((s) => s >= 500 || s === 0)).toEqual([]);
  }, 600_000);
});
