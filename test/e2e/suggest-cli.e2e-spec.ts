import { PassThrough, Readable } from 'node:stream';
import { CliIo, runCli } from '../../src/cli/main';
import { articleInput } from '../factories';
import { TestApp } from '../support/test-app';

function io(): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { stdin: Readable.from(['']), stdout, stderr, out: () => out, err: () => err };
}

describe('npm run cli -- suggest', () => {
  let t: TestApp;
  let articleId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    const editor = await t.signIn('editor');
    const body = 'A military source told Reuters that engineering units were clearing mines. The town was founded in 1890.';
    articleId = (await t.http.post('/api/articles').set('Authorization', editor.auth).send(articleInput({ language: 'en', body })).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('prints the open suggestions as a table with score, kind and chain', async () => {
    const cli = io();
    expect(await runCli(['suggest', '--article', String(articleId)], cli)).toBe(0);
    expect(cli.out()).toMatch(/offsets\s+score\s+kind\s+chain \(speaker first\)\s+quote/);
    expect(cli.out()).toContain('anonymous: A military source → Reuters (new)');
    expect(cli.out()).toContain('(own voice)');
    expect(cli.out()).toContain('2 suggestion(s)');
  });

  it('prints them as JSON with --json, and refuses a missing --article with exit code 2', async () => {
    const cli = io();
    expect(await runCli(['suggest', '--article', String(articleId), '--json'], cli)).toBe(0);
    const parsed = JSON.parse(cli.out());
    expect(parsed.items.map((i: { quote: string }) => i.quote)).toEqual(['engineering units were clearing mines', 'The town was founded in 1890']);
    expect(parsed.items[0].attributions[0]).toMatchObject({ anonymous: true, name: 'A military source', sourceId: null });
    const bad = io();
    expect(await runCli(['suggest'], bad)).toBe(2);
    expect(bad.err()).toContain('suggest needs --article ID');
    const missing = io();
    expect(await runCli(['suggest', '--article', '999999'], missing)).toBe(1);
  });
});
