import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Text kept aside on disk while a report streams, and read back at its end: the numbered
 * evidence references, rendered as each claim is read, follow the last claim. Keeping them on
 * disk keeps memory flat however long the report, and numbers them from the same reads as the
 * claims (a second pass over the database could disagree with the first if evidence changed in
 * between). The file lives in a private temporary directory, removed by `close`.
 */
export class Spool {
  private constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly out: WriteStream,
  ) {}

  static async open(under = tmpdir()): Promise<Spool> {
    const dir = await mkdtemp(join(under, 'claimtrail-report-'));
    const file = join(dir, 'references');
    const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    await once(out, 'open');
    return new Spool(dir, file, out);
  }

  /** Appends text, waiting while the disk catches up (backpressure). */
  async write(text: string): Promise<void> {
    if (text && !this.out.write(text)) await once(this.out, 'drain');
  }

  /** Everything written, in order, chunk by chunk. */
  async *read(): AsyncGenerator<string> {
    this.out.end();
    await once(this.out, 'close');
    yield* createReadStream(this.file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  }

  async close(): Promise<void> {
    this.out.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
