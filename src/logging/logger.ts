import type { LoggerService } from '@nestjs/common';
import pino, { type Logger, type LoggerOptions } from 'pino';

/** Fields that must never reach a log in clear: credentials and residents' phone numbers. */
export const REDACT_PATHS = [
  'password', '*.password', 'passwordHash', '*.passwordHash', 'accessToken', '*.accessToken',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization',
  'phone', '*.phone', '*.*.phone', 'complainant.phone', '*.complainant.phone',
];

const PHONE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** Masks mainland mobile numbers that appear inside free text (138****5678). */
export function maskPhones(text: string): string {
  return text.replace(PHONE, '$1****$2');
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'complaint-desk' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      logMethod(args, method) {
        for (let i = 0; i < args.length; i++) if (typeof args[i] === 'string') args[i] = maskPhones(args[i] as string);
        method.apply(this, args as Parameters<typeof method>);
      },
    },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}

/** Nest's logger interface over pino: one JSON line per message. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: string, extra?: unknown): void {
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...(extra ? { extra } : {}), ...(message as object) });
    else this.logger[level]({ context, ...(extra ? { extra } : {}) }, String(message));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest.at(-1) as string | undefined);
  }
  error(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1) as string | undefined;
    this.write('error', message, context, rest.length > 1 ? rest[0] : undefined);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest.at(-1) as string | undefined);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest.at(-1) as string | undefined);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest.at(-1) as string | undefined);
  }
}
