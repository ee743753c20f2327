import type { Logger } from 'pino';
import { createLogger } from '../../src/logging/logger.js';

export interface LogCapture {
  logger: Logger;
  /** Every line written so far, as written. */
  text(): string;
  /** Every line written so far, parsed. */
  lines(): Array<Record<string, unknown> & { level: string; msg?: string }>;
}

/** The app's real logger (serializers, scrubbing), writing to memory so a test can search what it logged. */
export function captureLogs(level = 'trace'): LogCapture {
  const written: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void written.push(line) });
  return {
    logger,
    text: () => written.join(''),
    lines: () => written.map((line) => JSON.parse(line)),
  };
}
