// A small REST client for the test clusters of tools/kube: admin kubeconfig in, JSON requests out.
// Test support only — the cluster adapter uses @kubernetes/client-node; the tests here talk to
// the API server directly so that what they send is exactly what they assert on.
import * as fs from 'node:fs';
import * as https from 'node:https';
import { parse as parseYaml } from 'yaml';

export interface Kubeconfig {
  readonly server: string;
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** Reads the current context of an admin kubeconfig (embedded data or file paths). */
export function loadKubeconfig(file: string): Kubeconfig {
  const doc = parseYaml(fs.readFileSync(file, 'utf8')) as {
    'current-context'?: string;
    contexts?: { name: string; context: { cluster: string; user: string } }[];
    clusters?: { name: string; cluster: Record<string, string> }[];
    users?: { name: string; user: Record<string, string> }[];
  };
  const ctx = doc.contexts?.find((c) => c.name === doc['current-context'])?.context ?? doc.contexts?.[0]?.context;
  if (ctx === undefined) throw new Error(`${file}: no context`);
  const cluster = doc.clusters?.find((c) => c.name === ctx.cluster)?.cluster;
  const user = doc.users?.find((u) => u.name === ctx.user)?.user;
  if (cluster?.['server'] === undefined || user === undefined) throw new Error(`${file}: context ${ctx.cluster}/${ctx.user} incomplete`);
  const data = (o: Record<string, string>, key: string): Buffer => {
    if (o[`${key}-data`] !== undefined) return Buffer.from(o[`${key}-data`]!, 'base64');
    if (o[key] !== undefined) return fs.readFileSync(o[key]!);
    throw new Error(`${file}: ${key} missing`);
  };
  return { server: cluster['server'], ca: data(cluster, 'certificate-authority'), cert: data(user, 'client-certificate'), key: data(user, 'client-key') };
}

export interface Response<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** The `Status` object of a failed request. */
export interface ApiStatus {
  readonly kind?: string;
  readonly code?: number;
  readonly reason?: string;
  readonly message?: string;
  readonly details?: { readonly causes?: readonly { readonly reason?: string; readonly field?: string; readonly message?: string }[] };
}

export type PatchType = 'merge' | 'strategic' | 'json';
const patchContentType: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

export interface Kube {
  readonly config: Kubeconfig;
  /** One request; JSON body in and out; never throws on an HTTP status (only on a broken connection). */
  request<T = unknown>(method: string, path: string, body?: unknown, opts?: { readonly patch?: PatchType; readonly userAgent?: string }): Promise<Response<T>>;
  get<T = unknown>(path: string): Promise<Response<T>>;
  post<T = unknown>(path: string, body: unknown): Promise<Response<T>>;
  put<T = unknown>(path: string, body: unknown): Promise<Response<T>>;
  patch<T = unknown>(path: string, body: unknown, type?: PatchType): Promise<Response<T>>;
  delete<T = unknown>(path: string, body?: unknown): Promise<Response<T>>;
  close(): void;
}

export function connect(kubeconfigFile: string, userAgent = 'jobkit-testcluster'): Kube {
  const config = loadKubeconfig(kubeconfigFile);
  const agent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: config.ca, cert: config.cert, key: config.key });
  const request = <T>(method: string, path: string, body?: unknown, opts?: { readonly patch?: PatchType; readonly userAgent?: string }): Promise<Response<T>> =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = https.request(
        new URL(path, config.server),
        {
          method,
          agent,
          headers: {
            accept: 'application/json',
            'user-agent': opts?.userAgent ?? userAgent,
            ...(data !== undefined
              ? { 'content-type': method === 'PATCH' ? patchContentType[opts?.patch ?? 'merge'] : 'application/json', 'content-length': data.length }
              : {}),
          },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text === '' ? undefined : JSON.parse(text);
            } catch {
              /* not JSON: keep the text */
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      if (data !== undefined) req.write(data);
      req.end();
    });
  return {
    config,
    request,
    get: (p) => request('GET', p),
    post: (p, b) => request('POST', p, b),
    put: (p, b) => request('PUT', p, b),
    patch: (p, b, t) => request('PATCH', p, b, { patch: t ?? 'merge' }),
    delete: (p, b) => request('DELETE', p, b),
    close: () => agent.destroy(),
  };
}

/** Throws with the server's message unless the status is one of `ok`. */
export function expectStatus<T>(res: Response<T>, what: string, ok: readonly number[] = [200, 201]): T {
  if (!ok.includes(res.status)) {
    const s = res.body as ApiStatus | undefined;
    throw new Error(`${what}: HTTP ${res.status}${s?.message !== undefined ? `: ${s.message}` : ''}`);
  }
  return res.body;
}

/** The (type, field) pairs of a 422, in upstream's field.Error type names (FieldValueInvalid …). */
export function fieldErrorsOf(res: Response): { readonly type: string; readonly field: string; readonly message: string }[] {
  const causes = (res.body as ApiStatus | undefined)?.details?.causes ?? [];
  return causes.map((c) => ({ type: c.reason ?? '', field: c.field ?? '', message: c.message ?? '' }));
}

export const jobsPath = (ns: string, name?: string): string => `/apis/batch/v1/namespaces/${ns}/jobs${name !== undefined ? `/${name}` : ''}`;
export const podsPath = (ns: string, name?: string): string => `/api/v1/namespaces/${ns}/pods${name !== undefined ? `/${name}` : ''}`;
