import { createInterface } from 'node:readline';
import type { CliIo } from './main';

/**
 * Reads one line from standard input: typed at a prompt (not echoed) on a terminal, or piped
 * (`printf '%s\n' "$PASSWORD" | claimtrail user:create ...`). The trailing newline is dropped.
 */
export function readSecret(io: CliIo, prompt: string): Promise<string> {
  const input = io.stdin;
  if (!input.isTTY) {
    return new Promise((resolve, reject) => {
      let data = '';
      input.setEncoding('utf8');
      input.on('data', (chunk: string | Buffer) => (data += chunk.toString()));
      input.on('end', () => resolve(data.split(/\r?\n/)[0] ?? ''));
      input.on('error', reject);
    });
  }
  return new Promise((resolve) => {
    io.stderr.write(prompt);
    const rl = createInterface({ input, output: undefined, terminal: true });
    rl.question('', (answer) => {
      rl.close();
      io.stderr.write('\n');
      resolve(answer);
    });
  });
}
