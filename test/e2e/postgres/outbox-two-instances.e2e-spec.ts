import { Transactions } from '../../../src/database/transactions';
import { OutboxService } from '../../../src/outbox/outbox.service';
import { dropDatabase, freshDatabaseUrl } from '../../support/database';
import { TestApp } from '../../support/test-app';

/** Two instances on one PostgreSQL database, both draining the outbox at once: each message goes out once. */
describe('The outbox with two instances on PostgreSQL', () => {
  let url: string;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    url = await freshDatabaseUrl();
    [a, b] = await Promise.all([TestApp.start({ databaseUrl: url }), TestApp.start({ databaseUrl: url })]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropDatabase(url);
  });

  it('sends each of 200 messages exactly once while both instances drain concurrently: the rows one instance holds are skipped by the other', async () => {
    const sentBy: Record<number, string[]> = {};
    // Instance a holds its first message (as a slow SMTP server would) until b has drained, so
    // both take part whatever the machine's load, and b must skip the rows a has claimed.
    let entered!: () => void;
    const aIsSending = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const bDone = new Promise<void>((resolve) => (release = resolve));
    a.app.get(OutboxService).registerHandler('test-two', async (m) => {
      (sentBy[m.payload.n as number] ??= []).push('a');
      entered();
      await bDone;
    });
    b.app.get(OutboxService).registerHandler('test-two', async (m) => {
      (sentBy[m.payload.n as number] ??= []).push('b');
    });
    await a.app.get(Transactions).run(async (manager) => {
      for (let n = 0; n < 200; n++) await a.app.get(OutboxService).enqueue(manager, 'test-two', { n });
    });
    const drainA = a.app.get(OutboxService).drain();
    await aIsSending;
    const fromB = await b.app.get(OutboxService).drain();
    release();
    const fromA = await drainA;
    expect(fromA + fromB).toBe(200);
    expect(fromA).toBeGreaterThan(0);
    expect(fromB).toBeGreaterThan(0);
    expect(Object.keys(sentBy)).toHaveLength(200);
    for (const senders of Object.values(sentBy)) expect(senders).toHaveLength(1);
    const rows: { status: string; attempts: number; n: string }[] = await a.dataSource.query(
      `SELECT status, attempts, COUNT(*) AS n FROM outbox_messages WHERE channel = 'test-two' GROUP BY status, attempts`,
    );
    expect(rows.map((r) => ({ ...r, n: Number(r.n) }))).toEqual([{ status: 'sent', attempts: 1, n: 200 }]);
  });
});
