import { createInterface } from 'node:readline';

/**
 * Reads one line from standard input: typed at a prompt (not echoed) on a terminal, or piped
 * (`printf '%s\n' "$PASSWORD" | claimtrail user:create ...`). The trailing newline is dropped.
 */
export function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return new Promise((resolve, reject) => {
      let data = '';
      input.setEncoding('utf8');
      input.on('data', (chunk: string) => (data += chunk));
      input.on('end', () => resolve(data.split(/\r?\n/)[0] ?? ''));
      input.on('error', reject);
    });
  }
  return new Promise((resolve) => {
    process.stderr.write(prompt);
    const rl = createInterface({ input, output: undefined, terminal: true });
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
