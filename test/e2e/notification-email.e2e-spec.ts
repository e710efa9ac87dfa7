import { DigestService } from '../../src/notifications/digest.service';
import { OutboxService } from '../../src/outbox/outbox.service';
import { articleInput, claimInput } from '../factories';
import { TestSmtpServer } from '../support/smtp';
import { SignedIn, TestApp } from '../support/test-app';

/** Notification e-mails, through the outbox, to a real SMTP server on 127.0.0.1. */
describe('Notification e-mails', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let outbox: OutboxService;
  let editor: SignedIn;
  let reviewer: SignedIn;
  let admin: SignedIn;
  let articleId: number;
  const saved = { SMTP_URL: process.env.SMTP_URL, PUBLIC_URL: process.env.PUBLIC_URL, SMTP_FROM: process.env.SMTP_FROM };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    Object.assign(process.env, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://desk.example.org', SMTP_FROM: 'Desk <desk@example.org>' });
    t = await TestApp.start();
    outbox = t.app.get(OutboxService);
    editor = await t.signIn('editor', 'eddie');
    reviewer = await t.signIn('reviewer', 'rita');
    admin = await t.signIn('admin', 'ada');
    articleId = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput()).expect(201)).body.id;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  });
  beforeEach(() => void smtp.received.splice(0));

  const prefs = (who: SignedIn, email: string, kinds: Record<string, string>) =>
    t.http
      .put('/api/notifications/preferences')
      .set('Authorization', who.auth)
      .send({ email, kinds: Object.entries(kinds).map(([kind, delivery]) => ({ kind, delivery })) })
      .expect(200);
  const newClaim = async (by = editor) => (await t.http.post(`/api/articles/${articleId}/claims`).set('Authorization', by.auth).send(claimInput({ text: 'Sappers neutralised 1,230 mines.' })).expect(201)).body;
  const comment = (id: number, who: SignedIn, body: string) => t.http.post(`/api/claims/${id}/comments`).set('Authorization', who.auth).send({ body });
  const outboxRows = (): Promise<{ status: string; last_error: string | null }[]> => t.dataSource.query("SELECT status, last_error FROM outbox_messages WHERE channel = 'email' ORDER BY id");

  it('e-mails an assignment right away to the reviewer who chose e-mail: recipient, subject, plain text with the link to the claim', async () => {
    await prefs(reviewer, 'rita@example.org', { assigned: 'email' });
    let c = await newClaim();
    c = (await t.http.post(`/api/claims/${c.id}/transitions`).set('Authorization', editor.auth).send({ to: 'submitted', version: c.version }).expect(200)).body;
    const before = (await outboxRows()).length;
    await t.http.put(`/api/claims/${c.id}/assignee`).set('Authorization', admin.auth).send({ assigneeId: reviewer.id, version: c.version }).expect(200);
    // Written in the assignment's transaction; nothing is sent until the worker runs.
    expect((await outboxRows()).slice(before)).toEqual([{ status: 'pending', last_error: null }]);
    expect(smtp.received).toEqual([]);

    expect(await outbox.drain()).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail.envelopeTo).toEqual(['rita@example.org']);
    expect(mail.to).toBe('rita@example.org');
    expect(mail.from).toBe('"Desk" <desk@example.org>');
    expect(mail.subject).toBe(`[Claimtrail] ada assigned you claim #${c.id} “Sappers neutralised 1,230 mines.”`);
    expect(mail.text).toContain(`Open the claim: https://desk.example.org/claims/${c.id}`);
    expect(mail.messageId).toMatch(/^<outbox-\d+@claimtrail>$/);
    expect((await outboxRows()).at(-1)).toEqual({ status: 'sent', last_error: null });
    expect(await outbox.drain()).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('writes each e-mail in its recipient’s language: French for a French user, English for an English one, each with the claim’s link', async () => {
    const amelie = await t.signIn('reviewer', 'amelie');
    const bob = await t.signIn('reviewer', 'bob');
    await t.http.put('/api/account/language').set('Authorization', amelie.auth).send({ language: 'fr' }).expect(200);
    await t.http.put('/api/account/language').set('Authorization', bob.auth).send({ language: 'en' }).expect(200);
    await prefs(amelie, 'amelie@example.org', { mention: 'email' });
    await prefs(bob, 'bob@example.org', { mention: 'email' });
    const c = await newClaim();
    await comment(c.id, editor, 'Could @amelie and @bob check the figure?').expect(201);
    expect(await outbox.drain()).toBe(2);
    const mails = await smtp.waitFor(2);
    const fr = mails.find((m) => m.to === 'amelie@example.org')!;
    const en = mails.find((m) => m.to === 'bob@example.org')!;
    expect(fr.subject).toBe(`[Claimtrail] eddie vous a mentionné dans un commentaire sur l’affirmation nº ${c.id} “Sappers neutralised 1,230 mines.”`);
    expect(fr.text).toContain(`Ouvrir l’affirmation\u00a0: https://desk.example.org/claims/${c.id}`);
    expect(fr.text).toContain('Vous recevez ce courriel en raison de vos préférences de notification\u00a0: https://desk.example.org/notifications/preferences');
    expect(fr.text).toContain('> Could @amelie and @bob check the figure?'); // user content is never translated
    expect(en.subject).toBe(`[Claimtrail] eddie mentioned you in a comment on claim #${c.id} “Sappers neutralised 1,230 mines.”`);
    expect(en.text).toContain(`Open the claim: https://desk.example.org/claims/${c.id}`);
    expect(en.text).not.toContain('Ouvrir');
  });

  it('sends each recipient their own e-mail, and nothing to whoever chose in-app only or left the desk before it went out', async () => {
    const wendy = await t.signIn('editor', 'wendy');
    const xavier = await t.signIn('editor', 'xavier');
    const yann = await t.signIn('editor', 'yann');
    await prefs(wendy, 'wendy@example.org', { comment: 'email' });
    await prefs(xavier, 'xavier@example.org', { comment: 'email' });
    await prefs(yann, 'yann@example.org', { comment: 'in_app' });
    const c = await newClaim();
    for (const w of [wendy, xavier, yann]) await t.http.put(`/api/claims/${c.id}/watch`).set('Authorization', w.auth).expect(200);
    await comment(c.id, admin, 'The Centre’s count includes **IEDs**.').expect(201);
    // Xavier is deactivated after the comment, before the worker sends: his e-mail is dropped.
    await t.http.patch(`/api/users/${xavier.id}`).set('Authorization', admin.auth).send({ active: false, version: 1 }).expect(200);
    await outbox.drain();
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['wendy@example.org']]);
    const [mail] = smtp.received;
    expect(mail.subject).toBe(`[Claimtrail] ada commented on claim #${c.id} “Sappers neutralised 1,230 mines.”`);
    expect(mail.text).toContain('> The Centre’s count includes **IEDs**.');
    expect(mail.text).toContain(`https://desk.example.org/claims/${c.id}`);
    expect(mail.text).not.toMatch(/xavier|yann/);
    const rows = await outboxRows();
    expect(rows.slice(-2)).toEqual([
      { status: 'sent', last_error: null },
      { status: 'failed', last_error: 'the recipient can no longer see the desk' },
    ]);
  });

  it('gives up at once on an address the SMTP server refuses (550), and keeps the in-app notification', async () => {
    const zoe = await t.signIn('editor', 'zoe');
    await prefs(zoe, 'zoe@example.org', { mention: 'email' });
    smtp.refuse.add('zoe@example.org');
    const c = await newClaim();
    await comment(c.id, admin, 'Over to you, @zoe.').expect(201);
    await outbox.drain();
    expect(smtp.received).toEqual([]);
    const [row] = (await outboxRows()).slice(-1);
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('550');
    await t.http.get('/api/notifications/unread-count').set('Authorization', zoe.auth).expect(200, { unread: 1 });
  });

  it('puts digest notifications in one daily e-mail per user at the digest hour, with only that user’s notifications, once a day', async () => {
    const dora = await t.signIn('editor', 'dora');
    const emil = await t.signIn('editor', 'emil');
    await prefs(dora, 'dora@example.org', { comment: 'digest', mention: 'digest' });
    await prefs(emil, 'emil@example.org', { comment: 'digest' });
    const mine = await newClaim(dora);
    const his = await newClaim(emil);
    await comment(mine.id, admin, 'A first remark.').expect(201);
    await comment(mine.id, reviewer, 'And @dora, a question.').expect(201);
    await comment(his.id, admin, 'Something only emil may hear of.').expect(201);
    await outbox.drain();
    expect(smtp.received).toEqual([]); // nothing right away

    const digest = t.app.get(DigestService);
    const day = new Date();
    const at = (hour: number, dayOffset = 1) => new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + dayOffset, hour));
    expect(await digest.run(at(6))).toBe(0); // before 07:00 UTC
    expect(await digest.run(at(7))).toBe(2);
    await outbox.drain();
    const mails = await smtp.waitFor(2);
    const toDora = mails.find((m) => m.envelopeTo[0] === 'dora@example.org')!;
    const toEmil = mails.find((m) => m.envelopeTo[0] === 'emil@example.org')!;
    expect(mails.map((m) => m.envelopeTo)).toHaveLength(2);
    expect(toDora.subject).toBe('[Claimtrail] Your daily digest (2)');
    expect(toDora.text).toContain(`ada commented on claim #${mine.id}`);
    expect(toDora.text).toContain(`rita mentioned you in a comment on claim #${mine.id}`);
    expect(toDora.text).toContain(`https://desk.example.org/claims/${mine.id}`);
    expect(toDora.text).not.toContain(`claim #${his.id}`);
    expect(toEmil.subject).toBe('[Claimtrail] Your daily digest (1)');
    expect(toEmil.text).toContain(`https://desk.example.org/claims/${his.id}`);
    expect(toEmil.text).not.toContain(`claim #${mine.id}`);

    // Later the same day: nothing more; the next day, only what came since.
    await comment(mine.id, admin, 'One more.').expect(201);
    expect(await digest.run(at(22))).toBe(0);
    expect(await digest.run(at(7, 2))).toBe(1);
    await outbox.drain();
    const last = (await smtp.waitFor(3))[2];
    expect(last.envelopeTo).toEqual(['dora@example.org']);
    expect(last.subject).toBe('[Claimtrail] Your daily digest (1)');
    const pending: { n: number }[] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM notifications WHERE delivery = 'digest' AND digested_at IS NULL`);
    expect(Number(pending[0].n)).toBe(0);
  });
  it('takes, without sending, the digest notifications of someone who removed their address since', async () => {
    const fay = await t.signIn('editor', 'fay');
    await prefs(fay, 'fay@example.org', { comment: 'digest' });
    const c = await newClaim(fay);
    await comment(c.id, admin, 'For the digest.').expect(201);
    await t.http.put('/api/notifications/preferences').set('Authorization', fay.auth).send({ email: null, kinds: [{ kind: 'comment', delivery: 'in_app' }] }).expect(200);
    const day = new Date();
    expect(await t.app.get(DigestService).run(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 5, 8)))).toBe(0);
    await outbox.drain();
    expect(smtp.received).toEqual([]);
    const pending: { n: number }[] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM notifications WHERE user_id = ${fay.id} AND digested_at IS NULL`);
    expect(Number(pending[0].n)).toBe(0);
  });

  it('writes a French user’s digest entries in French, an entry stored before without its params as stored', async () => {
    const gael = await t.signIn('editor', 'gael');
    await t.http.put('/api/account/language').set('Authorization', gael.auth).send({ language: 'fr' }).expect(200);
    await prefs(gael, 'gael@example.org', { comment: 'digest', mention: 'digest' });
    const c = await newClaim(gael);
    await comment(c.id, admin, 'Pour le résumé.').expect(201);
    await comment(c.id, reviewer, 'Et @gael, une question.').expect(201);
    // An entry written before the params existed keeps its stored English summary.
    await t.dataSource.query(`UPDATE notifications SET summary_params = NULL, summary = 'an old English line' WHERE user_id = ${gael.id} AND kind = 'mention'`);
    const day = new Date();
    expect(await t.app.get(DigestService).run(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 6, 8)))).toBe(1);
    await outbox.drain();
    const [mail] = await smtp.waitFor(1);
    expect(mail.envelopeTo).toEqual(['gael@example.org']);
    expect(mail.text).toContain(`ada a commenté l’affirmation nº ${c.id} “Sappers neutralised 1,230 mines.”`);
    expect(mail.text).toContain('an old English line');
    expect(mail.text).not.toContain('ada commented');
  });
});
