import { Transactions } from '../../src/database/transactions';
import { OutboxMessage, OutboxService, PermanentFailure } from '../../src/outbox/outbox.service';
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
