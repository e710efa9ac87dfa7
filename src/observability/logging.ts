import { LoggerService, RequestMethod } from '@nestjs/common';
import pino, { DestinationStream, Level, Logger } from 'pino';
import { asyncContext } from '../common/async-context';

/** Every path, in Nest 11's route syntax. */
export const ALL_ROUTES = [{ path: '{*splat}', method: RequestMethod.ALL }];

/**
 * The process's JSON log (pino) on stdout; a line written while a request is handled carries its
 * `requestId`. Written synchronously, as Node writes process.stdout to a pipe or file: the lines
 * stay in order with anything else the process prints (the first start's banner comes last).
 */
export function createLog(level: string, destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    {
      level,
      // Read when a line is written, instead of a child logger made for every request (as pino-http
      // does under nestjs-pino; see src/common/async-context.ts for what that cost).
      mixin: () => {
        const requestId = asyncContext.getStore()?.requestId;
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

const STACK = /\n\s*at /;

/**
 * Nest's Logger through pino (`app.useLogger`): the logger's name as `context`, an Error as `err`
 * with its stack. Nest's exception handlers call `error(message, stack, context)`: that stack
 * becomes the `err` too. `verbose` is pino's `trace`.
 */
export class JsonLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  private write(level: Level, message: unknown, optional: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const rest = [...optional];
    // Nest's Logger passes its name last (and `undefined` for a missing stack before it).
    if (rest.length && (typeof rest[rest.length - 1] === 'string' || rest[rest.length - 1] === undefined)) {
      const context = rest.pop();
      if (context !== undefined) fields.context = context;
    }
    const stack = rest.find((p): p is string => typeof p === 'string' && STACK.test(p));
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    else if (stack) fields.err = Object.assign(new Error(String(message)), { stack });
    const text = message instanceof Error ? message.message : typeof message === 'object' && message !== null ? undefined : String(message);
    if (text === undefined) this.pino[level](fields);
    else this.pino[level](fields, text);
  }
}
