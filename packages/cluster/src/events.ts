// core/v1 Events about the Jobs the controller manages, as client-go's recorder writes them: each
// Event goes through the EventCorrelator (aggregation of similar Events, dedup into count
// updates, the spam filter), then one at a time to the API server — a PATCH of an earlier Event's
// count, lastTimestamp and message, or a POST (also when the PATCH finds the Event gone). The
// source is jobkit's component. Writing is best-effort: a failed write is logged, never fails a
// pass (upstream's broadcaster gives up on a rejected Event too).
import type { Job } from '@jobkit/api';
import { EventCorrelator, type CorrelatedEventInput } from './eventCorrelator.js';
import { apiError, type ApiClient, type ApiResponse } from './kube.js';
import type { Logger } from './log.js';

export interface EventRecorder {
  /** Queues the Event; resolves once it has been written, merged or dropped. */
  record(job: Job, eventType: string, reason: string, message: string): Promise<void>;
}

const seconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export function eventRecorder(
  api: ApiClient,
  opts: { readonly component: string; readonly instance: string; readonly log: Logger; readonly now: () => number },
): EventRecorder {
  const correlator = new EventCorrelator();
  let seq = 0n;
  // One write at a time, in order, as client-go's broadcaster goroutine writes them.
  let tail: Promise<void> = Promise.resolve();

  const write = async (job: Job, eventType: string, reason: string, message: string): Promise<void> => {
    const ns = job.metadata.namespace ?? 'default';
    const nowMs = opts.now();
    const input: CorrelatedEventInput = {
      namespace: ns,
      involvedObject: { kind: 'Job', apiVersion: 'batch/v1', namespace: ns, name: job.metadata.name ?? '', uid: job.metadata.uid ?? '' },
      type: eventType,
      reason,
      message,
      source: { component: opts.component },
      reportingController: opts.component,
    };
    // makeEvent's name: the object's name and the time in nanoseconds, in hex (a counter keeps
    // two Events of one millisecond apart).
    const c = correlator.correlate(input, nowMs, () => `${job.metadata.name}.${(BigInt(nowMs) * 1_000_000n + (seq++ % 1_000_000n)).toString(16)}`);
    if (c.kind === 'skip') return;
    const body = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: c.name, namespace: ns },
      involvedObject: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: job.metadata.name,
        namespace: ns,
        uid: job.metadata.uid,
        resourceVersion: job.metadata.resourceVersion,
      },
      reason,
      message: c.message,
      type: eventType,
      source: { component: opts.component },
      reportingComponent: opts.component,
      reportingInstance: opts.instance,
      firstTimestamp: seconds(c.firstTimestampMs),
      lastTimestamp: seconds(c.lastTimestampMs),
      count: c.count,
    };
    const fail = (error: string): void => opts.log('warn', 'event not written', { job: `${ns}/${job.metadata.name}`, reason, error });
    try {
      let res: ApiResponse | undefined;
      if (c.count > 1) {
        res = await api.request(
          'PATCH',
          `/api/v1/namespaces/${ns}/events/${c.name}`,
          { count: c.count, lastTimestamp: body.lastTimestamp, message: c.message },
          'strategic',
        );
      }
      if (res === undefined || res.status === 404) res = await api.request('POST', `/api/v1/namespaces/${ns}/events`, body);
      if (res.status !== 200 && res.status !== 201) return fail(apiError(res));
      correlator.updateState(input, { name: c.name, message: c.message, count: c.count, firstTimestampMs: c.firstTimestampMs });
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  };

  return {
    record(job, eventType, reason, message) {
      const done = tail.then(() => write(job, eventType, reason, message));
      tail = done;
      return done;
    },
  };
}
