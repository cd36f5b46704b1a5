// The one place jobkit talks to the Kubernetes client (@kubernetes/client-node 1.4.0): the
// kubeconfig (files, contexts, client certificates, exec plugins), informers (list + watch,
// relist on 410), and plain JSON requests authenticated by it. Requests go through node-fetch with
// the client's own agent, so objects arrive as the server sent them (the typed API would turn
// every timestamp into a Date, and metav1.Time writes back with milliseconds).
import { KubeConfig, makeInformer, type KubernetesObject } from '@kubernetes/client-node';
import fetch, { type RequestInit } from 'node-fetch';

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** The `Status` object of a failed request. */
export interface ApiStatus {
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
}

export type PatchType = 'strategic' | 'merge';
const contentTypes: Record<PatchType, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
};

/** An informer and its cache, over plain JSON objects (jobkit's own types, not the client's classes). */
export interface CachedInformer<T> {
  on(verb: 'add' | 'update' | 'delete', cb: (obj: T) => void): void;
  on(verb: 'error', cb: (err?: unknown) => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  get(name: string, namespace?: string): T | undefined;
  list(namespace?: string): readonly T[];
  /** True once a list has succeeded (the cache holds the server's objects). */
  hasSynced(): boolean;
}

export interface ApiClient {
  /** The API server's URL (from the kubeconfig's current context). */
  readonly server: string;
  /** One JSON request. Resolves with any HTTP status; rejects only when no response came. */
  request<T = unknown>(method: string, path: string, body?: unknown, patch?: PatchType): Promise<ApiResponse<T>>;
  /** An informer over `path` (a collection), listing and watching with this client. */
  informer<T>(path: string): CachedInformer<T>;
}

/** An object's work-queue key, namespace/name (as client-go's MetaNamespaceKeyFunc). */
export const keyOf = (ns: string | undefined, name: string | undefined): string => `${ns ?? 'default'}/${name ?? ''}`;

/** The message of a failed response: the server's Status message, or the HTTP status. */
export function apiError(res: ApiResponse): string {
  const s = res.body as ApiStatus | undefined;
  return typeof s === 'object' && s !== null && typeof s.message === 'string' ? s.message : `HTTP ${res.status}`;
}

/**
 * A client for the kubeconfig at `file` (default: $KUBECONFIG, then ~/.kube/config, then
 * in-cluster), optionally a `context` of it.
 */
export function connect(opts: { readonly kubeconfig?: string; readonly context?: string; readonly userAgent: string; readonly timeoutMs?: number }): ApiClient {
  const kc = new KubeConfig();
  if (opts.kubeconfig !== undefined) kc.loadFromFile(opts.kubeconfig);
  else kc.loadFromDefault();
  if (opts.context !== undefined) kc.setCurrentContext(opts.context);
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error('the kubeconfig has no current cluster');
  const server = cluster.server.replace(/\/+$/, '');
  // The agent the client builds (TLS material, keep-alive) is reused for a minute at a time, so
  // that exec-plugin tokens still refresh.
  let init: { at: number; value: Promise<RequestInit> } | undefined;
  const baseInit = (): Promise<RequestInit> => {
    const now = Date.now();
    if (init === undefined || now - init.at > 60_000) init = { at: now, value: kc.applyToFetchOptions({}) as unknown as Promise<RequestInit> };
    return init.value;
  };
  const request = async <T>(method: string, path: string, body?: unknown, patch?: PatchType): Promise<ApiResponse<T>> => {
    const base = await baseInit();
    const headers = new Map<string, string>();
    const given = base.headers as unknown as { forEach?: (f: (v: string, k: string) => void) => void } | undefined;
    given?.forEach?.((v, k) => headers.set(k, v));
    headers.set('accept', 'application/json');
    headers.set('user-agent', opts.userAgent);
    if (body !== undefined) headers.set('content-type', method === 'PATCH' ? contentTypes[patch ?? 'strategic'] : 'application/json');
    const res = await fetch(server + path, {
      agent: base.agent,
      method,
      headers: Object.fromEntries(headers),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      timeout: opts.timeoutMs ?? 30_000,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T };
  };
  return {
    server,
    request,
    informer: <T>(path: string) => {
      let synced = false;
      const inf = makeInformer<KubernetesObject>(kc, path, async () => {
        const res = await request<{ items: KubernetesObject[]; metadata: { resourceVersion?: string } }>('GET', path);
        if (res.status !== 200) throw Object.assign(new Error(`list ${path}: ${apiError(res)}`), { statusCode: res.status });
        synced = true;
        return res.body as never;
      });
      return Object.assign(inf, { hasSynced: () => synced }) as unknown as CachedInformer<T>;
    },
  };
}
