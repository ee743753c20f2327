import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Nest's start-up chatter (one line per module and per route, ~100 in all): debug, not info. */
const START_UP_DETAIL = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader']);

/**
 * Nest's logger interface over pino: one JSON line per message.
 *
 * Nest's `Logger` calls `warn(message, ...optionalParams)` and appends its context as the last param, so
 * `new Logger('AuthService').warn({ username }, 'failed sign-in')` arrives here as
 * `({ username }, 'failed sign-in', 'AuthService')`. The shapes this app uses:
 * - `(fields, 'text', context)`: fields and msg;
 * - `('text', context)`: msg only;
 * - `(error, 'text'?, context)`: the error as `err`, msg the text or the error's message;
 * - `('text', stack?, context)` for `error`: msg and `stack` (Nest's own `Logger.error(message, stack)`).
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = { context };
    let msg: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      msg = takeString(rest) ?? message.message;
    } else if (message !== null && typeof message === 'object') {
      Object.assign(fields, message);
      msg = takeString(rest);
    } else {
      msg = message === undefined ? undefined : String(message);
      // Nest's Logger.error(message, stack, context): the second argument is a stack trace.
      if (level === 'error' || level === 'fatal') {
        const stack = takeString(rest);
        if (stack) fields.stack = stack;
      }
    }
    const extra = rest.filter((p) => p !== undefined);
    if (extra.length) fields.extra = extra.length === 1 ? extra[0] : extra;
    const at = level === 'info' && context && START_UP_DETAIL.has(context) ? 'debug' : level;
    if (msg === undefined) this.logger[at](fields);
    else this.logger[at](fields, msg);
  }
}

/** The first param, when it is a string (undefined placeholders Nest adds are skipped). */
function takeString(rest: unknown[]): string | undefined {
  while (rest.length && rest[0] === undefined) rest.shift();
  return typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
}
