// The controller's HTTP endpoint (--metrics-addr): /metrics in Prometheus' text format, /healthz
// (the process serves) and /readyz (informers synced and, with leader election, leading or
// standing by — a stand-by replica is ready, as kube-controller-manager's is).
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface HttpEndpoint {
  /** host:port actually bound (port 0 picks one). */
  readonly address: string;
  close(): Promise<void>;
}

/** Parses HOST:PORT (IPv6 in brackets); undefined when it is not one. */
export function parseHostPort(addr: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(addr);
  if (m === null) return undefined;
  const port = Number(m[3]);
  if (port > 65535) return undefined;
  return { host: m[1] ?? (m[2] === '' ? '127.0.0.1' : m[2]!), port };
}

export async function serveEndpoints(addr: string, registry: Registry, isReady: () => boolean): Promise<HttpEndpoint> {
  const hp = parseHostPort(addr);
  if (hp === undefined) throw new Error(`--metrics-addr: Invalid value: ${JSON.stringify(addr)}: must be HOST:PORT`);
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/metrics') {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        },
        (e: unknown) => {
          res.writeHead(500);
          res.end(String(e));
        },
      );
    } else if (url === '/healthz' || url === '/livez') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    } else if (url === '/readyz') {
      const ok = isReady();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' });
      res.end(ok ? 'ok' : 'informers not synced');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(hp.port, hp.host, () => resolve());
  });
  const a = server.address();
  const address = typeof a === 'object' && a !== null ? `${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}` : addr;
  return {
    address,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
