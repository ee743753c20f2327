import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createLogger, PinoNestLogger } from './logger.js';

// Process warnings are tested on the built app (test/logging.e2e-spec.ts): jest's `process` is a copy.

type Line = Record<string, unknown> & { level: string; msg?: string; context?: string };

/** A logger whose lines the test reads back, as JSON. */
function capture(level = 'trace') {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Line) };
}

describe('the Nest → pino adapter keeps every message and its fields (issue 14, logging)', () => {
  let out: ReturnType<typeof capture>;

  beforeEach(() => {
    out = capture();
    // Through Nest's own Logger, so the arguments arrive as Nest passes them (context appended last).
    Logger.overrideLogger(new PinoNestLogger(out.logger));
  });
  afterEach(() => Logger.overrideLogger(false as never));

  it('logs warn(fields, text) with its msg, its fields and the context: the failed sign-in line', () => {
    new Logger('AuthService').warn({ username: 'admin', ip: '10.0.0.1' }, 'failed sign-in');
    expect(out.parsed()).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'failed sign-in', context: 'AuthService', username: 'admin', ip: '10.0.0.1' }),
    ]);
  });

  it('logs error(fields, text) with an error as `err`: unhandled errors and dead-lettered deliveries', () => {
    new Logger('ApiExceptionFilter').error({ err: new Error('boom'), reqId: 'r1' }, 'unhandled error');
    new Logger('OutboxDispatcher').error({ consumer: 'live', eventId: 'e1', attempts: 10 }, 'outbox delivery dead-lettered');
    const [unhandled, dead] = out.parsed();
    expect(unhandled).toMatchObject({
      level: 'error',
      msg: 'unhandled error',
      context: 'ApiExceptionFilter',
      reqId: 'r1',
      err: { type: 'Error', message: 'boom' },
    });
    expect(dead).toMatchObject({ level: 'error', msg: 'outbox delivery dead-lettered', consumer: 'live', eventId: 'e1', attempts: 10 });
  });

  it('logs warn({ err }, text) for lost LISTEN connections and failed sweeps', () => {
    new Logger('OutboxDispatcher').warn(
      { err: new Error('Connection terminated unexpectedly') },
      'outbox listener lost its connection; polling continues and it reconnects',
    );
    new Logger('LiveFanout').warn({ err: new Error('x'), eventIds: ['a', 'b'] }, 'live NOTIFY failed');
    const [lost, notify] = out.parsed();
    expect(lost).toMatchObject({
      level: 'warn',
      msg: expect.stringContaining('lost its connection'),
      context: 'OutboxDispatcher',
      err: { message: 'Connection terminated unexpectedly' },
    });
    expect(notify).toMatchObject({ msg: 'live NOTIFY failed', eventIds: ['a', 'b'] });
  });

  it('logs plain text calls: log(text), warn(text), error(text) and Nest’s error(text, stack)', () => {
    const logger = new Logger('AuthService');
    logger.log('administrator account "admin" created');
    logger.warn('route GET /x declares no roles; denied');
    logger.error('plain error');
    Logger.error('Nest failed', 'Error: Nest failed\n    at x (y.js:1:1)', 'ExceptionHandler');
    expect(out.parsed()).toEqual([
      expect.objectContaining({ level: 'info', msg: 'administrator account "admin" created', context: 'AuthService' }),
      expect.objectContaining({ level: 'warn', msg: 'route GET /x declares no roles; denied' }),
      expect.objectContaining({ level: 'error', msg: 'plain error' }),
      expect.objectContaining({ level: 'error', msg: 'Nest failed', context: 'ExceptionHandler', stack: expect.stringContaining('at x (y.js:1:1)') }),
    ]);
    expect(out.parsed()[2]).not.toHaveProperty('stack');
  });

  it('logs an Error passed as the message with its message as msg', () => {
    new Logger('SweepScheduler').error(new Error('sweep broke'));
    expect(out.parsed()[0]).toMatchObject({ level: 'error', msg: 'sweep broke', context: 'SweepScheduler', err: { type: 'Error' } });
  });

  it('moves Nest’s route-mapping and module lines to debug, keeps its other start-up lines at info', () => {
    Logger.log('Mapped {/tickets, POST} route', 'RouterExplorer');
    Logger.log('TicketsController {/tickets}:', 'RoutesResolver');
    Logger.log('TicketsModule dependencies initialized', 'InstanceLoader');
    Logger.log('Nest application successfully started', 'NestApplication');
    expect(out.parsed().map((l) => [l.level, l.context])).toEqual([
      ['debug', 'RouterExplorer'],
      ['debug', 'RoutesResolver'],
      ['debug', 'InstanceLoader'],
      ['info', 'NestApplication'],
    ]);
  });

  it('masks phones and drops secrets in the message and in the fields of every shape', () => {
    new Logger('X').warn({ note: '回电13900001111', password: 'pw', nested: { token: 'eyJabc.def.ghi' } }, 'caller 13900001111');
    const line = out.lines.join('');
    expect(line).not.toContain('13900001111');
    expect(line).not.toContain('"pw"');
    expect(line).not.toContain('eyJ');
    expect(out.parsed()[0]).toMatchObject({ msg: 'caller 139****1111', note: '回电139****1111', password: '[redacted]', nested: { token: '[redacted]' } });
  });
});
