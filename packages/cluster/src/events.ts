// core/v1 Events about the Jobs the controller manages, as client-go's recorder writes them: one
// Event per (object, type, reason, message), a repeat bumps its `count` and `lastTimestamp`
// (the correlator's dedup), the source is jobkit's component. Writing is best-effort: a failed
// event write is logged, never fails a pass (upstream's broadcaster drops them too).
import type { Job } from '@jobkit/api';
import { apiError, type ApiClient } from './kube.js';
import type { Logger } from './log.js';

export interface EventRecorder {
  record(job: Job, eventType: string, reason: string, message: string): Promise<void>;
}

/** Events remembered for dedup; older ones are forgotten first (client-go keeps 4096 too). */
const MaxRemembered = 4096;

const seconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export function eventRecorder(
  api: ApiClient,
  opts: { readonly component: string; readonly instance: string; readonly log: Logger; readonly now: () => number },
): EventRecorder {
  const seen = new Map<string, { name: string; namespace: string; count: number; first: string }>();
  let seq = 0;
  return {
    async record(job, eventType, reason, message) {
      const ns = job.metadata.namespace ?? 'default';
      const key = `${job.metadata.uid}\u0000${eventType}\u0000${reason}\u0000${message}`;
      const now = seconds(opts.now());
      const prior = seen.get(key);
      try {
        if (prior !== undefined) {
          prior.count++;
          seen.delete(key);
          seen.set(key, prior);
          const res = await api.request(
            'PATCH',
            `/api/v1/namespaces/${prior.namespace}/events/${prior.name}`,
            { count: prior.count, lastTimestamp: now },
            'merge',
          );
          if (res.status === 200) return;
          seen.delete(key); // gone (TTL): write it anew
        }
        const name = `${job.metadata.name}.${(opts.now() * 1000 + (seq++ % 1000)).toString(16)}`;
        const body = {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace: ns },
          involvedObject: {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name: job.metadata.name,
            namespace: ns,
            uid: job.metadata.uid,
            resourceVersion: job.metadata.resourceVersion,
          },
          reason,
          message,
          type: eventType,
          source: { component: opts.component },
          reportingComponent: opts.component,
          reportingInstance: opts.instance,
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        };
        const res = await api.request('POST', `/api/v1/namespaces/${ns}/events`, body);
        if (res.status !== 201 && res.status !== 200) {
          opts.log('warn', 'event not written', { job: `${ns}/${job.metadata.name}`, reason, error: apiError(res) });
          return;
        }
        seen.set(key, { name, namespace: ns, count: 1, first: now });
        if (seen.size > MaxRemembered) seen.delete(seen.keys().next().value!);
      } catch (e) {
        opts.log('warn', 'event not written', { job: `${ns}/${job.metadata.name}`, reason, error: e instanceof Error ? e.message : String(e) });
      }
    },
  };
}
