import { Logger } from '@nestjs/common';
import { asyncContext } from '../common/async-context';
import { createLog, JsonLogger } from './logging';

/** A JsonLogger writing into an array, one parsed JSON line per entry. */
function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger(createLog(level, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }));
  return { logger, lines };
}

describe(JsonLogger.name, () => {
  it("writes the request id of the request being handled on each line, and none outside a request", () => {
    const { logger, lines } = capture();
    asyncContext.run({ requestId: 'edge-42' }, () => logger.log('inside', 'Claims'));
    logger.log('outside', 'Claims');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'inside', context: 'Claims', requestId: 'edge-42' });
    expect(lines[1]).toMatchObject({ msg: 'outside', context: 'Claims' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it("keeps the request id of the request that started the work across awaits", async () => {
    const { logger, lines } = capture();
    await Promise.all(
      ['a', 'b'].map((requestId) =>
        asyncContext.run({ requestId }, async () => {
          await new Promise((resolve) => setTimeout(resolve, requestId === 'a' ? 10 : 1));
          logger.warn(`done ${requestId}`, 'Work');
        }),
      ),
    );
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ['done b', 'b'],
      ['done a', 'a'],
    ]);
  });

  it("takes Nest's error(message, stack, context) contract: the stack becomes err", () => {
    const { logger, lines } = capture();
    const stack = 'Error: boom\n    at handler (claims.service.ts:1:1)';
    logger.error('Unhandled', stack, 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'Unhandled', context: 'ExceptionsHandler', err: { message: 'Unhandled', stack } });
  });

  it('writes an Error as err with its message, and an object as fields', () => {
    const { logger, lines } = capture();
    logger.error(new Error('disk I/O error'), 'Database');
    logger.log({ applied: 3 }, 'Startup');
    expect(lines[0]).toMatchObject({ msg: 'disk I/O error', context: 'Database', err: { type: 'Error', message: 'disk I/O error' } });
    expect(lines[1]).toMatchObject({ applied: 3, context: 'Startup' });
  });

  it('skips levels below the configured one, and writes verbose as trace', () => {
    const quiet = capture('warn');
    quiet.logger.log('not written');
    quiet.logger.debug('not written');
    quiet.logger.warn('written');
    expect(quiet.lines.map((l) => l.msg)).toEqual(['written']);
    const all = capture('trace');
    all.logger.verbose('detail', 'Outbox');
    expect(all.lines[0]).toMatchObject({ level: 10, msg: 'detail', context: 'Outbox' });
  });

  it("serves Nest's Logger class when installed with useLogger", () => {
    const { logger, lines } = capture();
    Logger.overrideLogger(logger);
    try {
      new Logger('Transactions').error('Writes commit again');
    } finally {
      Logger.overrideLogger(['error', 'warn']);
    }
    expect(lines[0]).toMatchObject({ level: 50, msg: 'Writes commit again', context: 'Transactions' });
  });
});
