// Leader election on a coordination.k8s.io/v1 Lease, as client-go's leaderelection does it for
// kube-controller-manager: lease duration 15 s, renew deadline 10 s, retry period 2 s. A replica
// takes the lease when it is free or its holder has not renewed for a lease duration (measured on
// this replica's clock from when it last saw the record change, as client-go does), renews it
// every retry period, and gives up leadership when it could not renew within the renew deadline.
// On a clean stop the lease is released (holder cleared) so that another replica takes over at once.
import { produce } from './internal/immer.js';
import { apiError, type ApiClient } from './kube.js';
import type { Logger } from './log.js';

export interface LeaseOptions {
  readonly namespace: string;
  readonly name: string;
  readonly identity: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  readonly log: Logger;
}

interface Lease {
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec?: { holderIdentity?: string; leaseDurationSeconds?: number; acquireTime?: string; renewTime?: string; leaseTransitions?: number };
}

export interface LeaderElector {
  /** Resolves when this replica holds the lease. */
  readonly acquired: Promise<void>;
  /** Resolves if leadership is lost after it was acquired. */
  readonly lost: Promise<void>;
  /** Stops renewing; releases the lease when held. */
  stop(): Promise<void>;
}

const microTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '000Z');

export function electLeader(api: ApiClient, opts: LeaseOptions): LeaderElector {
  const duration = opts.leaseDurationMs ?? 15_000;
  const deadline = opts.renewDeadlineMs ?? 10_000;
  const retry = opts.retryPeriodMs ?? 2_000;
  const path = `/apis/coordination.k8s.io/v1/namespaces/${opts.namespace}/leases`;
  let leading = false;
  let stopped = false;
  let lastRenew = 0;
  let observed: { record: string; at: number } | undefined;
  let current: Lease | undefined;
  let onAcquired!: () => void;
  let onLost!: () => void;
  const acquired = new Promise<void>((r) => (onAcquired = r));
  const lost = new Promise<void>((r) => (onLost = r));
  let timer: ReturnType<typeof setTimeout> | undefined;

  const spec = (now: number, prior?: Lease['spec']): NonNullable<Lease['spec']> => ({
    holderIdentity: opts.identity,
    leaseDurationSeconds: Math.round(duration / 1000),
    acquireTime: prior?.holderIdentity === opts.identity && prior.acquireTime !== undefined ? prior.acquireTime : microTime(now),
    renewTime: microTime(now),
    leaseTransitions:
      (prior?.leaseTransitions ?? 0) + (prior?.holderIdentity !== undefined && prior.holderIdentity !== '' && prior.holderIdentity !== opts.identity ? 1 : 0),
  });

  const tryAcquireOrRenew = async (): Promise<boolean> => {
    const now = Date.now();
    const got = await api.request<Lease>('GET', `${path}/${opts.name}`);
    if (got.status === 404) {
      const res = await api.request<Lease>('POST', path, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: opts.name, namespace: opts.namespace },
        spec: spec(now),
      });
      if (res.status !== 201) return false;
      current = res.body;
      return true;
    }
    if (got.status !== 200) {
      opts.log('warn', 'lease read failed', { lease: opts.name, error: apiError(got) });
      return false;
    }
    const lease = got.body;
    const record = JSON.stringify(lease.spec ?? {});
    if (observed?.record !== record) observed = { record, at: now };
    const holder = lease.spec?.holderIdentity ?? '';
    const expired = observed.at + (lease.spec?.leaseDurationSeconds ?? 15) * 1000 < now;
    if (holder !== '' && holder !== opts.identity && !expired) return false;
    const res = await api.request<Lease>('PUT', `${path}/${opts.name}`, { ...lease, spec: spec(now, lease.spec) });
    if (res.status !== 200) return false;
    current = res.body;
    observed = { record: JSON.stringify(current.spec ?? {}), at: now };
    return true;
  };

  const tick = async (): Promise<void> => {
    if (stopped) return;
    let ok = false;
    try {
      ok = await tryAcquireOrRenew();
    } catch (e) {
      opts.log('warn', 'lease request failed', { lease: opts.name, error: e instanceof Error ? e.message : String(e) });
    }
    const now = Date.now();
    if (ok) {
      lastRenew = now;
      if (!leading) {
        leading = true;
        opts.log('info', 'became leader', { lease: `${opts.namespace}/${opts.name}`, identity: opts.identity });
        onAcquired();
      }
    } else if (leading && now - lastRenew > deadline) {
      leading = false;
      stopped = true;
      opts.log('error', 'leader election lost', { lease: `${opts.namespace}/${opts.name}`, identity: opts.identity });
      onLost();
      return;
    }
    if (!stopped) timer = setTimeout(() => void tick(), retry);
  };
  void tick();

  return {
    acquired,
    lost,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      if (!leading || current === undefined) return;
      leading = false;
      // ReleaseOnCancel: clear the holder so that another replica need not wait out the lease.
      const released = produce(current, (d) => {
        const spec = (d.spec ??= {});
        spec.holderIdentity = '';
        spec.leaseDurationSeconds = 1;
        spec.renewTime = microTime(Date.now());
      });
      const res = await api.request('PUT', `${path}/${opts.name}`, released).catch(() => undefined);
      if (res !== undefined && res.status !== 200) opts.log('warn', 'lease release failed', { lease: opts.name, error: apiError(res) });
    },
  };
}
