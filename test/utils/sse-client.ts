import http from 'node:http';

export interface SseEvent {
  event: string;
  id?: string;
  data: Record<string, unknown>;
}

export interface SseStream {
  status: number;
  events: SseEvent[];
  /** Resolves with the first event (already received or yet to come) that matches. */
  waitFor(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves when the server ends the stream; rejects if it is still open after `timeoutMs`. */
  ended(timeoutMs?: number): Promise<void>;
  /** Whether the server has ended the stream. */
  readonly isEnded: boolean;
  close(): void;
}

/** Opens a server-sent event stream and parses its frames; resolves once the response headers arrive. */
export function openSse(url: string): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const waiters: Array<{ match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }> = [];
    let isEnded = false;
    const endWaiters: Array<() => void> = [];
    const req = http.get(url, (res) => {
      let buffer = '';
      const markEnded = () => {
        if (isEnded) return;
        isEnded = true;
        endWaiters.splice(0).forEach((resolveEnd) => resolveEnd());
      };
      res.on('end', markEnded);
      res.on('close', markEnded);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of frame.split('\n')) {
            if (!line || line.startsWith(':')) continue;
            const i = line.indexOf(':');
            fields[line.slice(0, i)] = line.slice(i + 1).trimStart();
          }
          if (!fields.data) continue;
          const event = { event: fields.event ?? 'message', id: fields.id, data: JSON.parse(fields.data) };
          events.push(event);
          for (const w of [...waiters])
            if (w.match(event)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(event);
            }
        }
      });
      resolve({
        status: res.statusCode ?? 0,
        events,
        waitFor: (match, timeoutMs = 5000) => {
          const found = events.find(match);
          if (found) return Promise.resolve(found);
          return new Promise((ok, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`)),
              timeoutMs,
            );
            waiters.push({
              match,
              resolve: (e) => {
                clearTimeout(timer);
                ok(e);
              },
            });
          });
        },
        ended: (timeoutMs = 5000) => {
          if (isEnded) return Promise.resolve();
          return new Promise((ok, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`the stream was still open after ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`)),
              timeoutMs,
            );
            endWaiters.push(() => {
              clearTimeout(timer);
              ok();
            });
          });
        },
        get isEnded() {
          return isEnded;
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
}
