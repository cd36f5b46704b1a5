// The shape syncJob and orphanPodActions need before they read anything; decoding proper happens
// at the boundary (@jobkit/api codecs). Errors name the field, as the API server's do. Checks what
// Go's decoder would have refused (wrong JSON types, out-of-range integers, unparsable times) in
// every field the pass reads, plus list entries that are absent (a null or a hole, on which the
// pass would throw) and strings no API request can carry (MaxRequestBytes). Values of the right
// type are the pass's to judge, as upstream's.
import { isRfc3339, MaxRequestBytes } from '@jobkit/api';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown): boolean => v === undefined || v === null;
const MinInt32 = -2_147_483_648;
const MaxInt32 = 2_147_483_647;
// 2^63: an int64 field takes any integral double below it (JSON numbers beyond 2^53 arrive as doubles).
const Int64Bound = 9_223_372_036_854_775_808;

type Kind = 'integer' | 'int32' | 'int64' | 'positive' | 'string' | 'boolean' | 'object' | 'list' | 'time' | 'timeString' | 'map';

const kindText: Record<Kind, string> = {
  integer: 'an integer',
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
  positive: 'a positive integer',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  list: 'a list',
  time: 'an RFC 3339 time',
  timeString: 'an RFC 3339 time',
  map: 'a map of string to string',
};

/** A field's shape: a kind, an object with typed fields, or a list of entries of one shape. */
type Shape = Kind | { readonly fields: readonly (readonly [string, Shape])[] } | { readonly items: Shape };

const fields = (f: Readonly<Record<string, Shape>>): Shape => ({ fields: Object.entries(f) });
const listOf = (items: Shape): Shape => ({ items });

/** Where a check failed (keys from the failing value up) and why. */
interface Failure {
  readonly at: (string | number)[];
  readonly message: string;
}

const fail = (message: string): Failure => ({ at: [], message });
const mustBe = (kind: Kind): Failure => fail(`Invalid value: must be ${kindText[kind]}`);
const tooLong = (): Failure => fail(`Too long: must have at most ${MaxRequestBytes} bytes`);

function scalarOk(v: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'integer':
      return Number.isSafeInteger(v);
    case 'int64':
      return typeof v === 'number' && Number.isInteger(v) && v >= -Int64Bound && v < Int64Bound;
    case 'int32':
      return typeof v === 'number' && Number.isInteger(v) && v >= MinInt32 && v <= MaxInt32;
    case 'positive':
      return Number.isSafeInteger(v) && (v as number) > 0;
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return isObject(v);
    case 'list':
      return Array.isArray(v);
    // metav1.Time as Go decodes it (time.RFC3339; one home: @jobkit/api isRfc3339). Timestamps are
    // at most a few dozen characters; the length test keeps the parser off huge strings.
    case 'time':
      return typeof v === 'string' && v.length <= 64 && isRfc3339(v);
    // Only the type, where there may be 10^5 of them (pods): parsing would double a steady pass.
    case 'timeString':
      return typeof v === 'string';
    case 'map':
      return isObject(v);
  }
}

/** The first problem of a present value `v` against `shape`. Walks only the shape, so cycles and unknown fields cost nothing. */
function check(v: unknown, shape: Shape): Failure | undefined {
  if (typeof shape === 'string') {
    if (!scalarOk(v, shape)) return mustBe(shape);
    if (typeof v === 'string' && v.length > MaxRequestBytes) return tooLong();
    return shape === 'map' ? mapError(v as Record<string, unknown>) : undefined;
  }
  if ('items' in shape) {
    if (!Array.isArray(v)) return mustBe('list');
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      // A null entry or a hole: the pass would read through it.
      const f = absent(item) ? mustBe(typeof shape.items === 'string' ? shape.items : 'fields' in shape.items ? 'object' : 'list') : check(item, shape.items);
      if (f !== undefined) {
        f.at.push(i);
        return f;
      }
    }
    return undefined;
  }
  if (!isObject(v)) return mustBe('object');
  for (const [k, s] of shape.fields) {
    const fv = v[k];
    if (absent(fv)) continue;
    const f = check(fv, s);
    if (f !== undefined) {
      f.at.push(k);
      return f;
    }
  }
  return undefined;
}

/** Label, annotation and matchLabels maps: string values only. Own keys, `__proto__` included. */
function mapError(m: Record<string, unknown>): Failure | undefined {
  for (const k in m) {
    if (!Object.prototype.hasOwnProperty.call(m, k)) continue;
    const v = m[k];
    if (typeof v !== 'string') {
      const f = fail('Invalid value: must be a string');
      f.at.push(k);
      return f;
    }
    if (v.length > MaxRequestBytes) {
      const f = tooLong();
      f.at.push(k);
      return f;
    }
  }
  return undefined;
}

/** `root` then the failure's keys, in upstream's field.Path notation: `a.b[0]`, maps `labels[key]`. */
function render(root: string, f: Failure, mapKeyAt?: (path: readonly (string | number)[]) => boolean): string {
  let path = root;
  const at = [...f.at].reverse();
  for (let i = 0; i < at.length; i++) {
    const k = at[i]!;
    path += typeof k === 'number' || mapKeyAt?.(at.slice(0, i)) === true ? `[${k}]` : path === '' ? k : `.${k}`;
  }
  return `${path}: ${f.message}`;
}

const mapFields = new Set(['labels', 'annotations', 'matchLabels']);
/** A key right after `labels`, `annotations` or `matchLabels` is a map key. */
const afterMap = (before: readonly (string | number)[]): boolean => before.length > 0 && mapFields.has(String(before[before.length - 1]));

const meta = {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  uid: 'string',
  labels: 'map',
  annotations: 'map',
  finalizers: listOf('string'),
  ownerReferences: listOf(fields({ apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'boolean' })),
} as const satisfies Readonly<Record<string, Shape>>;

const containers = listOf(fields({ name: 'string', restartPolicy: 'string', env: listOf(fields({ name: 'string' })) }));

const jobShape: Shape = fields({
  metadata: fields({ ...meta, deletionTimestamp: 'time' }),
  spec: fields({
    parallelism: 'int32',
    completions: 'int32',
    backoffLimit: 'int32',
    backoffLimitPerIndex: 'int32',
    maxFailedIndexes: 'int32',
    activeDeadlineSeconds: 'int64',
    completionMode: 'string',
    podReplacementPolicy: 'string',
    managedBy: 'string',
    suspend: 'boolean',
    selector: fields({
      matchLabels: 'map',
      matchExpressions: listOf(fields({ key: 'string', operator: 'string', values: listOf('string') })),
    }),
    template: fields({
      metadata: fields(meta),
      spec: fields({ restartPolicy: 'string', containers, initContainers: containers }),
    }),
    podFailurePolicy: fields({
      rules: listOf(
        fields({
          action: 'string',
          onExitCodes: fields({ containerName: 'string', operator: 'string', values: listOf('int32') }),
          onPodConditions: listOf(fields({ type: 'string', status: 'string' })),
        }),
      ),
    }),
    successPolicy: fields({ rules: listOf(fields({ succeededIndexes: 'string', succeededCount: 'int32' })) }),
  }),
  status: fields({
    active: 'int32',
    succeeded: 'int32',
    failed: 'int32',
    ready: 'int32',
    terminating: 'int32',
    completedIndexes: 'string',
    failedIndexes: 'string',
    startTime: 'time',
    completionTime: 'time',
    conditions: listOf(fields({ type: 'string', status: 'string', reason: 'string', message: 'string', lastTransitionTime: 'time', lastProbeTime: 'time' })),
    uncountedTerminatedPods: fields({ succeeded: listOf('string'), failed: listOf('string') }),
  }),
});

const containerStatuses = listOf(
  fields({
    name: 'string',
    restartCount: 'int32',
    state: fields({ terminated: fields({ exitCode: 'int32', finishedAt: 'timeString' }) }),
  }),
);

// What the pass reads of a pod. Only the fields in it are visited, so a pod costs a fixed number
// of reads plus its lists and maps (this runs for up to 10^5 pods per pass).
const podShape: Shape = fields({
  metadata: fields({ ...meta, creationTimestamp: 'timeString', deletionTimestamp: 'timeString', deletionGracePeriodSeconds: 'integer' }),
  spec: fields({ nodeName: 'string', initContainers: listOf(fields({ name: 'string', restartPolicy: 'string' })) }),
  status: fields({
    phase: 'string',
    conditions: listOf(fields({ type: 'string', status: 'string', lastTransitionTime: 'timeString' })),
    containerStatuses,
    initContainerStatuses: containerStatuses,
  }),
});

const optionsShape: Shape = fields({
  expectationsSatisfied: 'boolean',
  finalizerRemovalsPending: listOf('string'),
  backoff: fields({ failuresAfterLastSuccess: 'integer', lastFailureTime: 'time' }),
  maxUncountedPods: 'positive',
  maxPodCreateDeletePerSync: 'positive',
  explain: 'boolean',
  controllerName: 'string',
  trackingFinalizer: 'string',
  callFailures: fields({ creates: 'integer', deletes: listOf('string'), finalizerRemovals: listOf('string') }),
});

function jobError(job: unknown, root: string): string | undefined {
  if (!isObject(job)) return `${root}: Required value`;
  if (!isObject(job['metadata'])) return `${root}.metadata: Required value`;
  if (!isObject(job['spec'])) return `${root}.spec: Required value`;
  const f = check(job, jobShape);
  return f !== undefined ? render(root, f, afterMap) : undefined;
}

// The pod fast path: straight-line and allocation-free, because the generic walk costs 4x a
// steady pass on 10^5 pods. It accepts only pods check(p, podShapeOk) accepts (it may refuse more);
// a pod it refuses is walked again by check(), which has the last word and the message.
// (inputShape.test.ts checks that the two agree.) The tests are written out in place, strings
// first (the common case), because V8 does not inline a shared helper across this many call sites.
const Max = MaxRequestBytes;

function optMapOk(m: unknown): boolean {
  if (m === undefined || m === null) return true;
  if (typeof m !== 'object' || Array.isArray(m)) return false;
  // Inherited keys too (no hasOwnProperty: it costs a third of the pod check); a polluted
  // Object.prototype only sends the pod to check(), which reads own keys.
  for (const k in m) {
    const v: unknown = (m as Record<string, unknown>)[k];
    if (typeof v !== 'string' || v.length > Max) return false;
  }
  return true;
}

function optStringsOk(l: unknown): boolean {
  if (l === undefined || l === null) return true;
  if (!Array.isArray(l)) return false;
  for (let i = 0; i < l.length; i++) {
    const v: unknown = l[i];
    if (typeof v !== 'string' || v.length > Max) return false;
  }
  return true;
}

function ownerRefsOk(l: unknown): boolean {
  if (l === undefined || l === null) return true;
  if (!Array.isArray(l)) return false;
  for (let i = 0; i < l.length; i++) {
    const r: unknown = l[i];
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return false;
    const { apiVersion, kind, name, uid, controller } = r as Record<string, unknown>;
    if (typeof apiVersion === 'string' ? apiVersion.length > Max : apiVersion != null) return false;
    if (typeof kind === 'string' ? kind.length > Max : kind != null) return false;
    if (typeof name === 'string' ? name.length > Max : name != null) return false;
    if (typeof uid === 'string' ? uid.length > Max : uid != null) return false;
    if (typeof controller !== 'boolean' && controller != null) return false;
  }
  return true;
}

function podConditionsOk(l: unknown): boolean {
  if (l === undefined || l === null) return true;
  if (!Array.isArray(l)) return false;
  for (let i = 0; i < l.length; i++) {
    const c: unknown = l[i];
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return false;
    const { type, status, lastTransitionTime } = c as Record<string, unknown>;
    if (typeof type === 'string' ? type.length > Max : type != null) return false;
    if (typeof status === 'string' ? status.length > Max : status != null) return false;
    if (typeof lastTransitionTime === 'string' ? lastTransitionTime.length > Max : lastTransitionTime != null) return false;
  }
  return true;
}

const int32 = (v: unknown): boolean => v == null || (typeof v === 'number' && Number.isInteger(v) && v >= MinInt32 && v <= MaxInt32);

function containerStatusesOk(l: unknown): boolean {
  if (l === undefined || l === null) return true;
  if (!Array.isArray(l)) return false;
  for (let i = 0; i < l.length; i++) {
    const c: unknown = l[i];
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return false;
    const { name, restartCount, state } = c as Record<string, unknown>;
    if (typeof name === 'string' ? name.length > Max : name != null) return false;
    if (!int32(restartCount)) return false;
    if (state === undefined || state === null) continue;
    if (typeof state !== 'object' || Array.isArray(state)) return false;
    const t: unknown = (state as Record<string, unknown>)['terminated'];
    if (t === undefined || t === null) continue;
    if (typeof t !== 'object' || Array.isArray(t)) return false;
    const { exitCode, finishedAt } = t as Record<string, unknown>;
    if (!int32(exitCode)) return false;
    if (typeof finishedAt === 'string' ? finishedAt.length > Max : finishedAt != null) return false;
  }
  return true;
}

function initContainersOk(l: unknown): boolean {
  if (l === undefined || l === null) return true;
  if (!Array.isArray(l)) return false;
  for (let i = 0; i < l.length; i++) {
    const c: unknown = l[i];
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return false;
    const { name, restartPolicy } = c as Record<string, unknown>;
    if (typeof name === 'string' ? name.length > Max : name != null) return false;
    if (typeof restartPolicy === 'string' ? restartPolicy.length > Max : restartPolicy != null) return false;
  }
  return true;
}

/** check(p, podShape) === undefined, fast. `p` and its metadata are objects. */
export function podShapeOk(p: Record<string, unknown>): boolean {
  const m = p['metadata'] as Record<string, unknown>;
  const { name, generateName, namespace, uid, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds: grace } = m;
  if (typeof name === 'string' ? name.length > Max : name != null) return false;
  if (typeof generateName === 'string' ? generateName.length > Max : generateName != null) return false;
  if (typeof namespace === 'string' ? namespace.length > Max : namespace != null) return false;
  if (typeof uid === 'string' ? uid.length > Max : uid != null) return false;
  if (typeof creationTimestamp === 'string' ? creationTimestamp.length > Max : creationTimestamp != null) return false;
  if (typeof deletionTimestamp === 'string' ? deletionTimestamp.length > Max : deletionTimestamp != null) return false;
  if (grace != null && !Number.isSafeInteger(grace)) return false;
  if (!optMapOk(m['labels']) || !optMapOk(m['annotations']) || !optStringsOk(m['finalizers']) || !ownerRefsOk(m['ownerReferences'])) return false;
  const spec = p['spec'];
  if (spec !== undefined && spec !== null) {
    if (typeof spec !== 'object' || Array.isArray(spec)) return false;
    const nodeName: unknown = (spec as Record<string, unknown>)['nodeName'];
    if (typeof nodeName === 'string' ? nodeName.length > Max : nodeName != null) return false;
    if (!initContainersOk((spec as Record<string, unknown>)['initContainers'])) return false;
  }
  const status = p['status'];
  if (status === undefined || status === null) return true;
  if (typeof status !== 'object' || Array.isArray(status)) return false;
  const st = status as Record<string, unknown>;
  const phase = st['phase'];
  if (typeof phase === 'string' ? phase.length > Max : phase != null) return false;
  return podConditionsOk(st['conditions']) && containerStatusesOk(st['containerStatuses']) && containerStatusesOk(st['initContainerStatuses']);
}

/** The message for a pod podShapeOk refused. */
export function podShapeError(p: Record<string, unknown>, root: string): string | undefined {
  const f = check(p, podShape);
  return f !== undefined ? render(root, f, afterMap) : undefined;
}

/** The shape problem of the listed pod `p` at `root[i]`, or undefined. The pass runs it inside its one walk. */
export function podError(p: unknown, i: number, root: string): string | undefined {
  if (typeof p === 'object' && p !== null && !Array.isArray(p)) {
    const m: unknown = (p as Record<string, unknown>)['metadata'];
    if (typeof m === 'object' && m !== null && !Array.isArray(m) && podShapeOk(p as Record<string, unknown>)) return undefined;
  }
  if (!isObject(p)) return `${root}[${i}]: Invalid value: must be an object`;
  if (!isObject(p['metadata'])) return `${root}[${i}].metadata: Required value`;
  return podShapeError(p, `${root}[${i}]`);
}

function podsError(pods: unknown, root: string): string | undefined {
  if (!Array.isArray(pods)) return `${root}: Invalid value: must be a list`;
  for (let i = 0; i < pods.length; i++) {
    const e = podError(pods[i], i, root);
    if (e !== undefined) return e;
  }
  return undefined;
}

/**
 * Runs `f` on caller-supplied objects: a throwing getter or proxy is the input's fault, reported
 * under `root` rather than thrown.
 */
function guarded(root: string, f: () => string | undefined): string | undefined {
  try {
    return f();
  } catch (e) {
    return `${root}: Invalid value: could not be read (${e instanceof Error ? e.message : 'an exception'})`;
  }
}

/**
 * The first shape problem of syncJob's inputs, as "field: message", or undefined: the Job, the
 * list itself, `now` and the options. Each listed pod is checked in the pass's one walk over
 * them ({@link podError}); {@link listedPodsError} checks them all for passes that end before it.
 */
export function inputShapeError(job: unknown, pods: unknown, now: unknown, options?: unknown): string | undefined {
  return guarded('input', () => {
    const e = jobError(job, 'job');
    if (e !== undefined) return e;
    if (!Array.isArray(pods)) return 'pods: Invalid value: must be a list';
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) return 'now: Invalid value: must be a valid Date';
    if (options !== undefined) {
      if (!isObject(options)) return 'options: Invalid value: must be an object';
      const f = check(options, optionsShape);
      if (f !== undefined) return render('options', f);
    }
    return undefined;
  });
}

/** The first shape problem among the listed pods (a list, as inputShapeError found). */
export function listedPodsError(pods: unknown): string | undefined {
  return guarded('input', () => podsError(pods, 'pods'));
}

/**
 * The first shape problem of orphanPodActions' inputs. `job` may be absent (the owner is gone);
 * only the parts the orphan worker reads are checked there.
 */
export function orphanInputShapeError(job: unknown, pods: unknown): string | undefined {
  return guarded('input', () => {
    if (job !== undefined && job !== null) {
      if (!isObject(job)) return 'job: Invalid value: must be an object';
      if (!isObject(job['metadata'])) return 'job.metadata: Required value';
      const f = check(job, orphanJobShape);
      if (f !== undefined) return render('job', f, afterMap);
    }
    return podsError(pods, 'pods');
  });
}

const orphanJobShape: Shape = fields({
  metadata: fields({ uid: 'string' }),
  spec: fields({ managedBy: 'string' }),
  status: fields({ conditions: listOf(fields({ type: 'string', status: 'string' })) }),
});
