import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How long a `hang` response holds its socket before dropping it. */
export const HANG_MS = 30_000;

export interface SimRequest {
  method: string;
  path: string;
  /** Query and form body merged (body wins), values decoded as UTF-8. */
  params: Record<string, string>;
}

export interface SimResponse {
  status: number;
  body: string;
  /** Never answer (the client's timeout fires); the socket is destroyed on stop(). */
  hang?: boolean;
}

export interface RunningSimServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  stop(): Promise<void>;
}

/**
 * The loopback HTTP shell every router-style simulator runs in: binds 127.0.0.1 on a random free
 * port, parses query + x-www-form-urlencoded body, and hands a plain request to the protocol code.
 */
export async function startSimServer(handle: (req: SimRequest) => SimResponse): Promise<RunningSimServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const params: Record<string, string> = Object.fromEntries(url.searchParams);
      const type = req.headers['content-type'] ?? '';
      if (type.startsWith('application/x-www-form-urlencoded'))
        Object.assign(
          params,
          Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
        );
      let out: SimResponse;
      try {
        out = handle({ method: req.method ?? 'GET', path: url.pathname, params });
      } catch (err) {
        out = { status: 500, body: `simulator error: ${String(err)}` };
      }
      // Hold the response past the client's timeout, then drop the socket so a long demo run
      // does not pile up hung connections.
      if (out.hang) return void setTimeout(() => res.destroy(), HANG_MS).unref();
      res.writeHead(out.status, { 'content-type': 'application/json;charset=utf-8' });
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A token bucket the simulators throttle with, like the platforms' per-app QPS limits. */
export class QpsLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly qps: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = qps;
    this.last = clock();
  }

  tryTake(): boolean {
    const now = this.clock();
    this.tokens = Math.min(this.qps, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
