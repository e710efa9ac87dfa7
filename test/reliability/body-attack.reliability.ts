/**
 * Issue 15 item 3: one anonymous request must not stall the server. Sends bodies nested 2,000+
 * levels deep, objects with 125,000 keys (1.9 MB) and 2 MB bodies, four at a time, while probing
 * /health; prints /health's latency idle and under attack. Asserts every attack got a 4xx (never
 * a 500) and a generous bound on /health; the figures are the benchmark.
 */
import { TestApp } from '../support/test-app';
import { attack, percentile, sleep, summary, timed } from './timing';

describe('reliability: oversized, deep and wide bodies', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await TestApp.start();
    base = await t.listen();
  });
  afterAll(() => t.close());

  it('rejects deep, wide and big bodies with 4xx while /health keeps answering', async () => {
    const deep = '['.repeat(2500) + ']'.repeat(2500);
    const deepObject = '{"a":'.repeat(2500) + '1' + '}'.repeat(2500);
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 125_000 }, (_, i) => [`k${i}`, i])));
    const big = JSON.stringify({ title: 'x', language: 'fr', body: 'x'.repeat(2 * 1024 * 1024) }); // just over the 2 MB limit
    const json = { 'content-type': 'application/json' };

    const idle: number[] = [];
    for (let i = 0; i < 30; i++) idle.push((await timed(`${base}/health`)).ms);

    // Each attack alone: its status and how long the rejection took.
    const single: string[] = [];
    for (const [name, path, body] of [
      ['deep array, sign-in', '/api/auth/login', deep],
      ['deep object, claims', '/api/claims/1', deepObject],
      ['125k keys, articles', '/api/articles', wide],
      ['2 MB+ body, articles', '/api/articles', big],
      ['125k keys, sources', '/api/sources', wide],
    ] as const) {
      const r = await timed(`${base}${path}`, { method: path === '/api/claims/1' ? 'PATCH' : 'POST', headers: json, body });
      single.push(`  ${name.padEnd(24)} ${String(r.status)}  ${r.ms.toFixed(1)} ms`);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }

    // The attack: 4 clients in parallel, in another process, each cycling through the bodies for 5 s,
    // first anonymous, then signed in (an editor's token: the bodies are read, scanned and refused).
    const editor = await t.signIn('editor');
    const phases: { name: string; statuses: Map<number, number>; health: number[] }[] = [];
    for (const [name, headers] of [
      ['anonymous', {}],
      ['signed in', { authorization: editor.auth }],
    ] as const) {
      const running = attack({
        url: `${base}/api/articles`,
        headers,
        concurrency: 4,
        seconds: 5,
        bodies: [
          { kind: 'big', bytes: 2 * 1024 * 1024 - 200 },
          { kind: 'wide', keys: 125_000 },
          { kind: 'deep-array', levels: 2500 },
          { kind: 'deep-object', levels: 2500 },
        ],
      });
      await sleep(1000); // the attacker builds its bodies first
      const health: number[] = [];
      const until = Date.now() + 3500;
      while (Date.now() < until) {
        const r = await timed(`${base}/health`);
        expect(r.status).toBe(200);
        health.push(r.ms);
        await sleep(20);
      }
      phases.push({ name, health, statuses: new Map(Object.entries(await running).map(([k, v]) => [Number(k), v])) });
    }
    const line = (p: (typeof phases)[number]) => {
      const total = [...p.statuses.values()].reduce((a, b) => a + b, 0);
      return [
        `  attack, ${p.name}: ${total} bodies from 4 parallel clients (another process) in 5 s, statuses ${JSON.stringify(Object.fromEntries(p.statuses))}`,
        `  /health under attack, ${p.name}: ${summary(p.health)}`,
      ];
    };
    process.stdout.write(
      ['', 'Body attack (issue 15 item 3):', ...single, `  /health idle: ${summary(idle)}`, ...phases.flatMap(line), ''].join('\n'),
    );
    for (const p of phases) {
      for (const status of p.statuses.keys()) {
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }
      expect([...p.statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(8);
      // Target: < 100 ms. Asserted with room for a loaded, shared 2-core machine.
      expect(percentile(p.health, 50)).toBeLessThan(250);
    }
    expect(phases[1].statuses.get(400)).toBeGreaterThan(0); // signed in, the scan itself refused deep and wide bodies
  }, 120_000);
});
