import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { isSecretKey, safeUrl, scrubText, scrubValue, serializeError } from '../common/log-scrub.js';

export { PinoNestLogger } from './nest-logger.js';

/** Keys pino hands to a serializer below; everything else in a log call is scrubbed as it comes. */
const SERIALIZED = new Set(['err', 'req', 'res']);

interface LoggedRequest {
  id?: string;
  method?: string;
  url?: string;
  ip?: string;
  host?: string;
  headers?: Record<string, unknown>;
  socket?: { remoteAddress?: string; remotePort?: number };
}

/**
 * Requests are logged as method, scrubbed URL, host and peer: never headers (authorization, cookies) and
 * never the raw query string, which may hold a stream token or a resident's phone.
 */
function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  if (!req || typeof req !== 'object') return {};
  return {
    method: req.method,
    url: safeUrl(req.url),
    host: typeof req.host === 'string' ? req.host : typeof req.headers?.host === 'string' ? req.headers.host : undefined,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
    remotePort: req.socket?.remotePort,
  };
}

const serializeReply = (res: { statusCode?: number }) => ({ statusCode: res?.statusCode });

/** A merge object with its own fields scrubbed; err/req/res are left to their serializers. */
function scrubFields(obj: Record<string, unknown>): Record<string, unknown> {
  // A raw http.IncomingMessage: pino maps it to `req` itself.
  if ('method' in obj && 'headers' in obj && 'socket' in obj) return { req: obj };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) out[key] = SERIALIZED.has(key) ? value : isSecretKey(key) ? '[redacted]' : scrubValue(value);
  return out;
}

const scrubArg = (arg: unknown) => (typeof arg === 'string' ? scrubText(arg) : scrubValue(arg));

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'complaint-desk' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Serializers rather than redact paths: what an error, a request or a reply may show is decided once,
    // whatever nests inside them (TypeORM's QueryFailedError carries the statement's parameters).
    serializers: { err: (e: unknown) => serializeError(e), req: serializeRequest, res: serializeReply },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        if (first !== null && typeof first === 'object') {
          const obj = first instanceof Error ? { err: first } : scrubFields(first as Record<string, unknown>);
          let msg = rest.shift();
          // pino would take an error's raw message as the line's msg.
          if (msg === undefined && obj.err instanceof Error) msg = obj.err.message;
          const tail = msg === undefined ? [] : [scrubArg(msg), ...rest.map(scrubArg)];
          return method.apply(this, [obj, ...tail] as Parameters<typeof method>);
        }
        return method.apply(this, args.map(scrubArg) as Parameters<typeof method>);
      },
    },
  };
}

/** The process's JSON logger; `destination` (a stream) lets tests read what the app logs. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}

let warningLogger: Logger | undefined;

function onProcessWarning(warning: Error & { code?: string }): void {
  warningLogger?.warn({ warning: { name: warning.name, code: warning.code } }, warning.message);
}

/**
 * Process warnings (Fastify's FSTDEP… deprecations, Node's own) as JSON lines through `logger`, instead of
 * Node's plain-text `(node:123) [CODE] …` on stderr. Idempotent: one listener, pointed at the latest logger.
 */
export function captureProcessWarnings(logger: Logger): void {
  const first = !warningLogger;
  warningLogger = logger;
  if (!first) return;
  // Node installs its stderr printer as the 'warning' listener `onWarning` (not when run with --no-warnings).
  for (const listener of process.listeners('warning')) if (listener.name === 'onWarning') process.removeListener('warning', listener);
  process.on('warning', onProcessWarning);
}
