// client-go's EventCorrelator (tools/record/events_cache.go, k8s.io/client-go v0.37.2), which
// every upstream controller's recorder runs its Events through, as plain decisions on an injected
// clock. In order:
//   1. aggregation — by source, object, type, reason and reporting controller/instance: once 10
//      different messages were seen within 600 s of each other, an Event becomes one
//      "(combined from similar events): <message>" Event, counted up from then on;
//   2. dedup — an Event equal to one already written (the same message too) becomes a PATCH of
//      its count, lastTimestamp and message;
//   3. spam filter — per source, object and type a token bucket of 25, refilled one per 300 s;
//      an Event without a token is dropped.
// Each cache keeps its 4096 most recently used keys, as client-go's LRUs. Where client-go drops
// an arbitrary message from a full aggregation set (sets.PopAny, Go's random map order), this
// drops the newest: the set keeps the first nine, and the outcome is deterministic.

export interface CorrelatedEventInput {
  readonly namespace: string;
  readonly involvedObject: {
    readonly kind: string;
    readonly apiVersion: string;
    readonly namespace: string;
    readonly name: string;
    readonly uid: string;
    readonly fieldPath?: string;
  };
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly source: { readonly component: string; readonly host?: string };
  readonly reportingController?: string;
  readonly reportingInstance?: string;
}

/** What to write: a new Event, a PATCH of an earlier one, or nothing (spam-filtered). */
export type Correlation =
  | {
      readonly kind: 'create' | 'patch';
      readonly name: string;
      readonly message: string;
      readonly count: number;
      readonly firstTimestampMs: number;
      readonly lastTimestampMs: number;
    }
  | { readonly kind: 'skip' };

export const CombinedPrefix = '(combined from similar events): ';
const MaxLruEntries = 4096;
const AggregateMaxEvents = 10;
const AggregateIntervalMs = 600_000;
const SpamBurst = 25;
const SpamQps = 1 / 300;

/** A Map used as an LRU: reads and writes move a key to the newest end. */
class Lru<V> {
  private readonly m = new Map<string, V>();
  get(k: string): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined) {
      this.m.delete(k);
      this.m.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.m.delete(k);
    this.m.set(k, v);
    if (this.m.size > MaxLruEntries) this.m.delete(this.m.keys().next().value!);
  }
}

interface Observation {
  readonly count: number;
  readonly firstTimestampMs: number;
  readonly name: string;
}

const join = (...parts: readonly (string | undefined)[]): string => parts.map((p) => p ?? '').join('');

function eventKey(e: CorrelatedEventInput, message: string): string {
  const o = e.involvedObject;
  return join(e.source.component, e.source.host, o.kind, o.namespace, o.name, o.fieldPath, o.uid, o.apiVersion, e.type, e.reason, message);
}
function spamKey(e: CorrelatedEventInput): string {
  const o = e.involvedObject;
  return join(e.source.component, e.source.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion, e.type);
}
function aggregateKey(e: CorrelatedEventInput): string {
  const o = e.involvedObject;
  return join(
    e.source.component,
    e.source.host,
    o.kind,
    o.namespace,
    o.name,
    o.uid,
    o.apiVersion,
    e.type,
    e.reason,
    e.reportingController,
    e.reportingInstance,
  );
}

export class EventCorrelator {
  private readonly aggregates = new Lru<{ messages: Set<string>; lastMs: number }>();
  private readonly observed = new Lru<Observation>();
  private readonly buckets = new Lru<{ tokens: number; atMs: number }>();

  /** Decides what to write for `e` at `nowMs`; `newName` names an Event created under its own message. */
  correlate(e: CorrelatedEventInput, nowMs: number, newName: () => string): Correlation {
    // 1. Aggregation. A message seen before stays in the set; so the set reaches the threshold only
    //    with a new message, which is then the one dropped again.
    const aKey = aggregateKey(e);
    let record = this.aggregates.get(aKey);
    if (record === undefined || nowMs - record.lastMs > AggregateIntervalMs) record = { messages: new Set(), lastMs: nowMs };
    record.messages.add(e.message);
    record.lastMs = nowMs;
    this.aggregates.set(aKey, record);
    const combined = record.messages.size >= AggregateMaxEvents;
    if (combined) record.messages.delete(e.message);
    const key = combined ? aKey : eventKey(e, e.message);
    const message = combined ? CombinedPrefix + e.message : e.message;
    // 2. Dedup against what was written under the key.
    const last = this.observed.get(key);
    const result: Correlation =
      last !== undefined
        ? { kind: 'patch', name: last.name, message, count: last.count + 1, firstTimestampMs: last.firstTimestampMs, lastTimestampMs: nowMs }
        : {
            kind: 'create',
            name: combined ? `${e.involvedObject.name}.${(BigInt(nowMs) * 1_000_000n).toString(16)}` : newName(),
            message,
            count: 1,
            firstTimestampMs: nowMs,
            lastTimestampMs: nowMs,
          };
    this.observed.set(key, { count: result.count, firstTimestampMs: result.firstTimestampMs, name: result.name });
    // 3. Spam filter (a passive token bucket, full at first).
    const sKey = spamKey(e);
    const b = this.buckets.get(sKey) ?? { tokens: SpamBurst, atMs: nowMs };
    const tokens = Math.min(SpamBurst, b.tokens + ((nowMs - b.atMs) / 1000) * SpamQps);
    const accept = tokens >= 1;
    this.buckets.set(sKey, { tokens: accept ? tokens - 1 : tokens, atMs: nowMs });
    return accept ? result : { kind: 'skip' };
  }

  /** After a write: what the server holds for the Event, under its full key (client-go's UpdateState). */
  updateState(
    e: CorrelatedEventInput,
    written: { readonly name: string; readonly message: string; readonly count: number; readonly firstTimestampMs: number },
  ): void {
    this.observed.set(eventKey(e, written.message), { count: written.count, firstTimestampMs: written.firstTimestampMs, name: written.name });
  }
}
