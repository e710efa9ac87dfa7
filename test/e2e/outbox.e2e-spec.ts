import { Transactions } from '../../src/database/transactions';
import { OutboxMessageRow } from '../../src/outbox/outbox-message.entity';
import { OutboxMessage, OutboxService, PermanentFailure, PURGE_BATCH } from '../../src/outbox/outbox.service';
import { TestApp } from '../support/test-app';

interface Row {
  id: number;
  status: string;
  attempts: number;
  last_error: string | null;
  lease_owner: string | null;
  not_before: string;
  sent_at: string | null;
}

describe(OutboxService.name, () => {
  let t: TestApp;
  let outbox: OutboxService;
  let tx: Transactions;

  beforeAll(async () => {
    t = await TestApp.start();
    outbox = t.app.get(OutboxService);
    tx = t.app.get(Transactions);
  });
  afterAll(() => t.close());

  const rows = (channel: string): Promise<Row[]> =>
    t.dataSource.query(`SELECT id, status, attempts, last_error, lease_owner, not_before, sent_at FROM outbox_messages WHERE channel = '${channel}' ORDER BY id`);

  it('sends a message written in a committed transaction once, and marks it sent', async () => {
    const sent: OutboxMessage[] = [];
    outbox.registerHandler('test-once', async (m) => void sent.push(m));
    await tx.run((manager) => outbox.enqueue(manager, 'test-once', { hello: 'world' }));
    expect(await outbox.drain()).toBe(1);
    expect(await outbox.drain()).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: 'test-once', payload: { hello: 'world' }, attempts: 1 });
    const [row] = await rows('test-once');
    expect(row).toMatchObject({ id: sent[0].id, status: 'sent', attempts: 1, lease_owner: null });
    expect(row.sent_at).toBeTruthy();
  });

  it('sends nothing for a transaction that rolled back', async () => {
    const sent: OutboxMessage[] = [];
    outbox.registerHandler('test-rollback', async (m) => void sent.push(m));
    await expect(
      tx.run(async (manager) => {
        await outbox.enqueue(manager, 'test-rollback', { n: 1 });
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await outbox.drain()).toBe(0);
    expect(sent).toHaveLength(0);
    expect(await rows('test-rollback')).toEqual([]);
  });

  it('retries a failed message after its backoff, not before, and sends it once it succeeds', async () => {
    let calls = 0;
    outbox.registerHandler(
      'test-retry',
      async () => {
        calls++;
        if (calls < 3) throw new Error(`receiver down (${calls})`);
      },
      { backoffMs: (attempt) => attempt * 60_000 },
    );
    await tx.run((manager) => outbox.enqueue(manager, 'test-retry', {}));
    const start = Date.now();
    await outbox.drain(new Date(start));
    let [row] = await rows('test-retry');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'receiver down (1)', lease_owner: null });
    expect(row.not_before).toBe(new Date(start + 60_000).toISOString());
    expect(await outbox.drain(new Date(start + 59_000))).toBe(0);
    expect(await outbox.drain(new Date(start + 60_000))).toBe(1);
    [row] = await rows('test-retry');
    expect(row).toMatchObject({ status: 'pending', attempts: 2, last_error: 'receiver down (2)' });
    expect(row.not_before).toBe(new Date(start + 60_000 + 120_000).toISOString());
    expect(await outbox.drain(new Date(start + 180_000))).toBe(1);
    [row] = await rows('test-retry');
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(calls).toBe(3);
  });

  it('gives a message up after maxAttempts and tells onGiveUp why', async () => {
    const givenUp: [number, string][] = [];
    outbox.registerHandler(
      'test-give-up',
      async () => {
        throw new Error('still down');
      },
      { maxAttempts: 2, backoffMs: () => 0, onGiveUp: async (m, e) => void givenUp.push([m.attempts, String((e as Error).message)]) },
    );
    await tx.run((manager) => outbox.enqueue(manager, 'test-give-up', {}));
    expect(await outbox.drain()).toBe(2);
    const [row] = await rows('test-give-up');
    expect(row).toMatchObject({ status: 'failed', attempts: 2, last_error: 'still down' });
    expect(givenUp).toEqual([[2, 'still down']]);
    expect(await outbox.drain()).toBe(0);
  });

  it('stops at once on a PermanentFailure', async () => {
    const givenUp: number[] = [];
    outbox.registerHandler(
      'test-permanent',
      async () => {
        throw new PermanentFailure('no such recipient');
      },
      { onGiveUp: async (m) => void givenUp.push(m.id) },
    );
    await tx.run((manager) => outbox.enqueue(manager, 'test-permanent', {}));
    expect(await outbox.drain()).toBe(1);
    const [row] = await rows('test-permanent');
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error: 'no such recipient' });
    expect(givenUp).toEqual([row.id]);
  });

  it('waits for notBefore, and leaves a message leased by another worker alone until its lease expires', async () => {
    const sent: number[] = [];
    outbox.registerHandler('test-lease', async (m) => void sent.push(m.id));
    const later = new Date(Date.now() + 3_600_000);
    await tx.run((manager) => outbox.enqueue(manager, 'test-lease', {}, { notBefore: later }));
    expect(await outbox.drain()).toBe(0);
    // Another worker (a crashed instance) took it, with a lease until a minute after `later`.
    const leaseUntil = new Date(later.getTime() + 60_000).toISOString();
    await t.dataSource.query(`UPDATE outbox_messages SET lease_owner = 'crashed', lease_until = '${leaseUntil}', attempts = 1 WHERE channel = 'test-lease'`);
    expect(await outbox.drain(later)).toBe(0);
    expect(await outbox.drain(new Date(later.getTime() + 60_001))).toBe(1);
    const [row] = await rows('test-lease');
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lease_owner: null });
    expect(sent).toEqual([row.id]);
  });
});

describe('OutboxService: metrics and retention', () => {
  let t: TestApp;
  let outbox: OutboxService;
  let tx: Transactions;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.OUTBOX_RETENTION_DAYS = '30';
    t = await TestApp.start();
    outbox = t.app.get(OutboxService);
    tx = t.app.get(Transactions);
  });
  afterAll(async () => {
    await t.close();
    process.env = saved;
  });

  const metric = (text: string, name: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    if (!line) throw new Error(`${name} is not in /metrics`);
    return Number(line.slice(name.length + 1));
  };

  it('reports the outbox depth, the oldest due message age and the sent and failed counters at /metrics', async () => {
    const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
    await tx.run(async (manager) => {
      await outbox.enqueue(manager, 'metrics-ok', { n: 1 }, { notBefore: ago(120) });
      await outbox.enqueue(manager, 'metrics-ok', { n: 2 }, { notBefore: ago(30) });
      await outbox.enqueue(manager, 'metrics-bad', { n: 3 }, { notBefore: ago(10) });
      await outbox.enqueue(manager, 'metrics-later', { n: 4 }, { notBefore: new Date(Date.now() + 3_600_000) });
    });
    let text = (await t.http.get('/metrics').expect(200)).text;
    expect(metric(text, 'outbox_pending_messages')).toBe(4);
    const age = metric(text, 'outbox_oldest_due_age_seconds');
    expect(age).toBeGreaterThanOrEqual(120);
    expect(age).toBeLessThan(180);

    outbox.registerHandler('metrics-ok', async () => undefined);
    outbox.registerHandler('metrics-bad', async () => {
      throw new PermanentFailure('refused for good');
    });
    expect(await outbox.drain()).toBe(3);
    text = (await t.http.get('/metrics').expect(200)).text;
    expect(metric(text, 'outbox_pending_messages')).toBe(1); // the one not yet due
    expect(metric(text, 'outbox_oldest_due_age_seconds')).toBe(0);
    expect(metric(text, 'outbox_messages_sent_total{channel="metrics-ok"}')).toBe(2);
    expect(metric(text, 'outbox_messages_failed_total{channel="metrics-bad"}')).toBe(1);
    const stored: { status: string; n: number }[] = await t.dataSource.query('SELECT status, COUNT(*) AS n FROM outbox_messages GROUP BY status ORDER BY status');
    expect(stored.map((r) => [r.status, Number(r.n)])).toEqual([
      ['failed', 1],
      ['pending', 1],
      ['sent', 2],
    ]);
  });

  it('purges sent messages older than OUTBOX_RETENTION_DAYS in batches, and keeps recent, pending and failed ones', async () => {
    const days = (n: number) => new Date(Date.now() - n * 86_400_000);
    await tx.run(async (manager) => {
      for (let i = 0; i < PURGE_BATCH * 2 + 50; i++) await outbox.enqueue(manager, 'purge-old', { i });
      await outbox.enqueue(manager, 'purge-recent', {});
      await outbox.enqueue(manager, 'purge-failed', {});
      await outbox.enqueue(manager, 'purge-pending', {});
      const mark = (channel: string, status: 'sent' | 'failed', sentAt: Date | null) =>
        manager.createQueryBuilder().update(OutboxMessageRow).set({ status, sentAt }).where('channel = :channel', { channel }).execute();
      await mark('purge-old', 'sent', days(31));
      await mark('purge-recent', 'sent', days(29));
      await mark('purge-failed', 'failed', null);
    });
    const before: { n: number }[] = await t.dataSource.query("SELECT COUNT(*) AS n FROM outbox_messages WHERE channel LIKE 'purge-%'");
    expect(Number(before[0].n)).toBe(PURGE_BATCH * 2 + 53);

    expect(await outbox.purge()).toBe(PURGE_BATCH * 2 + 50);
    const left: { channel: string; status: string }[] = await t.dataSource.query("SELECT channel, status FROM outbox_messages WHERE channel LIKE 'purge-%' ORDER BY channel");
    expect(left).toEqual([
      { channel: 'purge-failed', status: 'failed' },
      { channel: 'purge-pending', status: 'pending' },
      { channel: 'purge-recent', status: 'sent' },
    ]);
    // The two sent by the spec above a moment ago stay too.
    const recent: { n: number }[] = await t.dataSource.query("SELECT COUNT(*) AS n FROM outbox_messages WHERE channel = 'metrics-ok' AND status = 'sent'");
    expect(Number(recent[0].n)).toBe(2);
    expect(await outbox.purge()).toBe(0);
  });
});
