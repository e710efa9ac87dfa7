/**
 * A one-line progress bar for long CLI commands, on stderr so that stdout stays the report.
 * On a terminal it redraws in place; in a log (CI, a pipe) it writes a line per step label
 * (e.g. per table) instead of a stream of carriage returns.
 */
export class ProgressBar {
  private lastLabel: string | null = null;
  private lastDraw = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
    private readonly width = 30,
  ) {}

  update(done: number, total: number, label: string): void {
    if (!this.stream.isTTY) {
      if (label !== this.lastLabel) this.stream.write(`${this.line(done, total, label)}\n`);
      this.lastLabel = label;
      return;
    }
    const now = Date.now();
    // Redrawing on every batch would cost more than the batch on a fast copy.
    if (now - this.lastDraw < 80 && done < total) return;
    this.lastDraw = now;
    this.stream.write(`\r${this.line(done, total, label)}\x1b[K`);
  }

  finish(done: number, total: number, label: string): void {
    if (this.stream.isTTY) this.stream.write(`\r${this.line(done, total, label)}\x1b[K\n`);
    else this.stream.write(`${this.line(done, total, label)}\n`);
  }

  line(done: number, total: number, label: string): string {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * this.width);
    const percent = `${Math.floor(ratio * 100)}`.padStart(3);
    return `[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${percent}% ${done}/${total} rows  ${label}`;
  }
}
