import { parse } from 'node-html-parser';
import { TestApp } from '../support/test-app';
import { webSession, WebSession } from '../support/web-session';

/** The "Done when" walk, through the web app's own pages and form posts. */
const SANA_PARAGRAPH =
  'The Syrian army said on Sunday it had recaptured the town of Qaryatain from Islamic State, according to state news agency SANA. ' +
  'A military source told Reuters that engineering units were clearing mines left in the town. ' +
  "The Syrian Observatory for Human Rights, a Britain-based monitoring group, said fighting continued on the town's outskirts and that at least 30 militants had been killed, a figure that could not be independently verified.";

describe('Suggested claims in the web app', () => {
  let t: TestApp;
  let editor: WebSession;
  let reviewer: WebSession;

  beforeAll(async () => {
    t = await TestApp.start();
    editor = await webSession(t, 'editor');
    reviewer = await webSession(t, 'reviewer');
  });
  afterAll(() => t.close());

  const form = (path: string, who: WebSession, fields: Record<string, string>) =>
    t.http.post(path).set('Cookie', who.cookie).type('form').send({ _csrf: who.csrf, ...fields });

  async function addArticle(): Promise<number> {
    const created = await form('/articles', editor, { title: 'Qaryatain recaptured', language: 'en', body: SANA_PARAGRAPH }).expect(303);
    return Number(/\/articles\/(\d+)/.exec(created.headers.location)![1]);
  }

  const suggestionItems = async (id: number, who = editor) => {
    const html = parse((await t.http.get(`/articles/${id}`).set('Cookie', who.cookie).expect(200)).text);
    return html.querySelectorAll('.suggestion-item').map((li) => ({
      key: li.getAttribute('data-suggestion')!,
      quote: li.querySelector('q')!.text,
      chain: li.querySelector('.chain')!.text,
    }));
  };

  it('adds the paragraph, shows its suggestions with their chains, accepts three and finds them logged with their sources', async () => {
    const id = await addArticle();
    const page = parse((await t.http.get(`/articles/${id}`).set('Cookie', editor.cookie).expect(200)).text);
    expect(page.querySelector('#suggested-heading')!.text).toMatch(/Suggested claims \(\d+\)/);
    // Highlighted apart from logged claims, and the text stays exactly the article's.
    expect(page.querySelectorAll('#article-body mark.hl-suggested').length).toBeGreaterThan(0);
    expect(page.querySelector('#article-body')!.text).toBe(SANA_PARAGRAPH);
    const items = await suggestionItems(id);
    const recaptured = items.find((i) => i.quote.includes('it had recaptured'))!;
    const mines = items.find((i) => i.quote.includes('engineering units'))!;
    const killed = items.find((i) => i.quote.includes('30 militants'))!;
    expect(recaptured.chain).toBe('Syrian army (new source) (said) → SANA (new source) (according to)');
    expect(mines.chain).toBe('anonymous: A military source (told) → Reuters (new source) (told)');
    expect(killed.chain).toBe('Syrian Observatory for Human Rights (new source) (said)');
    for (const item of [recaptured, mines, killed]) {
      const accepted = await form(`/articles/${id}/suggestions/accept`, editor, { key: item.key }).expect(303);
      expect(accepted.headers.location).toBe(`/articles/${id}?accepted=1`);
    }
    const after = parse((await t.http.get(`/articles/${id}?accepted=1`).set('Cookie', editor.cookie).expect(200)).text);
    expect(after.querySelector('.notice')!.text).toContain('1 suggested claim(s) logged as drafts.');
    const chains = after.querySelectorAll('.claim-item .chain').map((c) => c.text);
    expect(chains).toEqual([
      'Syrian army (said) → SANA (according to)',
      'anonymous: A military source (told) → Reuters (told)',
      'Syrian Observatory for Human Rights (said)',
    ]);
    expect(after.querySelectorAll('#article-body mark.hl').length).toBe(3);
    const left = (await suggestionItems(id)).map((i) => i.key);
    for (const item of [recaptured, mines, killed]) expect(left).not.toContain(item.key);
    const sources: { name: string; kind: string }[] = await t.dataSource.query(`SELECT name, kind FROM sources ORDER BY id`);
    expect(sources).toEqual([
      { name: 'Syrian army', kind: 'military_unit' },
      { name: 'SANA', kind: 'news_agency' },
      { name: 'Reuters', kind: 'news_agency' },
      { name: 'Syrian Observatory for Human Rights', kind: 'organisation' },
    ]);
  });

  it('accepts all above a score, rejects one for good, and opens the claim form prefilled to edit one first', async () => {
    const id = await addArticle();
    const items = await suggestionItems(id);
    const rejected = items.find((i) => i.quote.includes('fighting continued'))!;
    await form(`/articles/${id}/suggestions/reject`, editor, { key: rejected.key }).expect(303);
    expect((await suggestionItems(id)).map((i) => i.key)).not.toContain(rejected.key);
    const edit = items.find((i) => i.quote.includes('engineering units'))!;
    const prefilled = parse((await t.http.get(`/articles/${id}/suggestions/${edit.key}/edit`).set('Cookie', editor.cookie).expect(200)).text);
    const quoteField = prefilled.querySelector('[name="quote"]')!;
    // A textarea's first line break is not part of its value.
    expect((quoteField.getAttribute('value') ?? quoteField.text).replace(/^\n/, '')).toBe('engineering units were clearing mines left in the town');
    expect(prefilled.querySelector('input[name="l0_anon"]')!.hasAttribute('checked')).toBe(true);
    expect(prefilled.querySelector('input[name="l0_desc"]')!.getAttribute('value')).toBe('A military source');
    expect(prefilled.querySelector('input[name="l1_name"]')!.getAttribute('value')).toBe('Reuters');
    expect(prefilled.querySelector('input[name="suggestion"]')!.getAttribute('value')).toBe(edit.key);
    // Logging it from the form (with the editor's own wording) is audited as accepted from the suggestion.
    const [start, end] = edit.key.split('-').map(Number);
    const saved = await form(`/articles/${id}/claims`, editor, {
      action: 'save',
      suggestion: edit.key,
      quote: 'engineering units were clearing mines left in the town',
      start: String(start),
      end: String(end),
      text: 'Army engineers were clearing mines in Qaryatain.',
      kind: 'event',
      links: '2',
      l0_anon: 'true',
      l0_desc: 'A military source',
      l0_verb: 'told',
      l0_mode: 'paraphrase',
      l1_name: 'Reuters',
      l1_kind: 'news_agency',
      l1_verb: 'told',
      l1_mode: 'paraphrase',
    }).expect(303);
    const claimId = Number(/\/claims\/(\d+)/.exec(saved.headers.location)![1]);
    const audit: { action: string }[] = await t.dataSource.query(`SELECT action FROM audit_events WHERE claim_id = ${claimId} ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['claim.create', 'claim.accept_suggestion']));
    expect((await suggestionItems(id)).map((i) => i.key)).not.toContain(edit.key);
    const before = await t.count('claims');
    await form(`/articles/${id}/suggestions/accept`, editor, { minScore: '0.6' }).expect(303);
    const api = (await t.http.get(`/api/articles/${id}/suggestions`).set('Authorization', editor.user.auth).expect(200)).body.items as { score: number }[];
    // Everything at or above 0.6 was logged; what is left scores below it.
    expect(api.every((s) => s.score < 0.6)).toBe(true);
    expect(await t.count('claims')).toBeGreaterThan(before);
    for (const left of await suggestionItems(id)) expect(left.key).not.toBe(rejected.key);
  });

  it('shows reviewers no suggestions and refuses their posts', async () => {
    const id = await addArticle();
    const page = parse((await t.http.get(`/articles/${id}`).set('Cookie', reviewer.cookie).expect(200)).text);
    expect(page.querySelector('#suggested-heading')).toBeNull();
    expect(await suggestionItems(id, reviewer)).toEqual([]);
    const key = (await t.http.get(`/api/articles/${id}/suggestions`).set('Authorization', editor.user.auth).expect(200)).body.items[0].key;
    await form(`/articles/${id}/suggestions/accept`, reviewer, { key }).expect(403);
  });
});
