import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** A real HTTP server on 127.0.0.1 that records every request and answers with what the test decides per path. */
export class HttpReceiver {
  readonly received: Received[] = [];
  private server?: Server;
  private answers = new Map<string, (req: Received) => Answer>();

  answer(path: string, respond: (req: Received) => Answer): void {
    this.answers.set(path, respond);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const got: Received = {
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.received.push(got);
        const { status, body } = (this.answers.get(url.pathname) ?? (() => ({ status: 404, body: { error: 'no such path' } })))(got);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
