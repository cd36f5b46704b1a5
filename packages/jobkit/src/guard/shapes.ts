// The parts of Jobs, Pods and the other argument types that the guarded functions read, as guard
// shapes (shape.ts): each function's shape names only what it reads, so a guard costs no more
// than the call's own reading. Types follow @jobkit/api (types.ts) and the packages' signatures.
import { JobIndexFailureCountAnnotation, JobIndexIgnoredFailureCountAnnotation } from '@jobkit/api';
import { arr, bool, fast, int, merge, num, obj, opt, str, strMap, strMapKeys, type Shape } from './shape.js';

const optStr = opt(str);
const optInt = opt(int);

// The fast paths (see fast() in shape.ts): each accepts only what its shape accepts.
type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
const optStrOk = (v: unknown): boolean => v === undefined || typeof v === 'string';

// ---- completion indexes -------------------------------------------------------------------------

/** An Interval of OrderedIntervals. */
export const interval = obj({ first: int, last: int }, 'an Interval ({ first, last })');
/** interval's fast path. */
export function intervalOk(iv: unknown): boolean {
  if (!isRec(iv)) return false;
  const { first, last } = iv;
  return isInt(first) && isInt(last);
}
/** OrderedIntervals, every interval read. */
export const intervals = fast(arr(interval, 'an array of Intervals'), (v) => {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!intervalOk(v[i])) return false;
  return true;
});

/** What the failure-count readers read of a pod: two annotations. */
const failureCountPodShape = obj(
  { metadata: obj({ annotations: opt(strMapKeys(JobIndexFailureCountAnnotation, JobIndexIgnoredFailureCountAnnotation)) }) },
  'a Pod',
);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
function failureCountPodOk(p: unknown): boolean {
  if (!isRec(p)) return false;
  const m = p['metadata'];
  if (!isRec(m)) return false;
  const a = m['annotations'];
  if (a === undefined) return true;
  if (!isRec(a)) return false;
  return (
    (!hasOwn(a, JobIndexFailureCountAnnotation) || typeof a[JobIndexFailureCountAnnotation] === 'string') &&
    (!hasOwn(a, JobIndexIgnoredFailureCountAnnotation) || typeof a[JobIndexIgnoredFailureCountAnnotation] === 'string')
  );
}
export const failureCountPod = fast(failureCountPodShape, failureCountPodOk);

// ---- pod failure policy -------------------------------------------------------------------------

const terminatedExitCode = obj({ terminated: opt(obj({ exitCode: int })) });
const exitCodeStatus = obj({ name: optStr, state: opt(terminatedExitCode) });

/** What matchPodFailurePolicy reads of a pod: container exit codes, conditions, the name for messages. */
const policyPodShape = obj(
  {
    metadata: obj({ namespace: optStr, name: optStr }),
    status: opt(
      obj({
        containerStatuses: opt(arr(exitCodeStatus)),
        initContainerStatuses: opt(arr(exitCodeStatus)),
        conditions: opt(arr(obj({ type: str, status: str }))),
      }),
    ),
  },
  'a Pod',
);

/**
 * Container statuses (`l` undefined or a list) whose name is a string when present and whose
 * `state.terminated`, when present, passes `terminatedOk` — the one field of it a function reads.
 */
function containerStatusesOk(l: unknown, terminatedOk: (t: Rec) => boolean): boolean {
  if (l === undefined) return true;
  if (!Array.isArray(l)) return false;
  for (let i = 0; i < l.length; i++) {
    const cs: unknown = l[i];
    if (!isRec(cs) || !optStrOk(cs['name'])) return false;
    const state = cs['state'];
    if (state === undefined) continue;
    if (!isRec(state)) return false;
    const t = state['terminated'];
    if (t !== undefined && (!isRec(t) || !terminatedOk(t))) return false;
  }
  return true;
}
const exitCodeOk = (t: Rec): boolean => isInt(t['exitCode']);
const finishedAtOk = (t: Rec): boolean => optStrOk(t['finishedAt']);

function policyPodOk(p: unknown): boolean {
  if (!isRec(p)) return false;
  const m = p['metadata'];
  if (!isRec(m) || !optStrOk(m['namespace']) || !optStrOk(m['name'])) return false;
  const st = p['status'];
  if (st === undefined) return true;
  if (!isRec(st) || !containerStatusesOk(st['containerStatuses'], exitCodeOk) || !containerStatusesOk(st['initContainerStatuses'], exitCodeOk)) return false;
  const conditions = st['conditions'];
  if (conditions === undefined) return true;
  if (!Array.isArray(conditions)) return false;
  for (let i = 0; i < conditions.length; i++) {
    const c: unknown = conditions[i];
    if (!isRec(c) || typeof c['type'] !== 'string' || typeof c['status'] !== 'string') return false;
  }
  return true;
}
export const policyPod = fast(policyPodShape, policyPodOk);

/** spec.podFailurePolicy as the matcher reads it. */
export const podFailurePolicy = fast(
  obj(
    {
      rules: arr(
        obj({
          action: str,
          onExitCodes: opt(obj({ containerName: optStr, operator: str, values: arr(int) })),
          onPodConditions: opt(arr(obj({ type: str, status: optStr }))),
        }),
      ),
    },
    'a PodFailurePolicy',
  ),
  (v) => {
    if (!isRec(v)) return false;
    const rules = v['rules'];
    if (!Array.isArray(rules)) return false;
    for (let i = 0; i < rules.length; i++) {
      const r: unknown = rules[i];
      if (!isRec(r) || typeof r['action'] !== 'string') return false;
      const e = r['onExitCodes'];
      if (e !== undefined) {
        if (!isRec(e) || !optStrOk(e['containerName']) || typeof e['operator'] !== 'string') return false;
        const values = e['values'];
        if (!Array.isArray(values)) return false;
        for (let j = 0; j < values.length; j++) if (!isInt(values[j])) return false;
      }
      const pcs = r['onPodConditions'];
      if (pcs !== undefined) {
        if (!Array.isArray(pcs)) return false;
        for (let j = 0; j < pcs.length; j++) {
          const c: unknown = pcs[j];
          if (!isRec(c) || typeof c['type'] !== 'string' || !optStrOk(c['status'])) return false;
        }
      }
    }
    return true;
  },
);

/** spec.successPolicy as the matcher reads it. */
export const successPolicy = obj({ rules: arr(obj({ succeededIndexes: optStr, succeededCount: optInt })) }, 'a SuccessPolicy');

/** What isPodFailed reads of a pod. */
const failedPodShape = obj({ metadata: obj({ deletionTimestamp: optStr }), status: opt(obj({ phase: optStr })) }, 'a Pod');
function failedPodOk(p: unknown): boolean {
  if (!isRec(p)) return false;
  const m = p['metadata'];
  if (!isRec(m) || !optStrOk(m['deletionTimestamp'])) return false;
  const st = p['status'];
  return st === undefined || (isRec(st) && optStrOk(st['phase']));
}
export const failedPod = fast(failedPodShape, failedPodOk);

/** What onlyReplaceFailedPods reads of a spec. */
export const replacementSpec = obj({ podReplacementPolicy: optStr }, 'a JobSpec');

/** isIndexFailed's pod: failed or not, the policy's match, the failure count. */
export const indexFailedPod = fast(
  merge(merge(failedPodShape, policyPodShape), failureCountPodShape),
  (p) => failedPodOk(p) && policyPodOk(p) && failureCountPodOk(p),
);
/** isIndexFailed's job. */
export const indexFailedJob = obj(
  { spec: obj({ podReplacementPolicy: optStr, podFailurePolicy: opt(podFailurePolicy), backoffLimitPerIndex: optInt }) },
  'a Job',
);
/** getNewIndexFailureCounts' job. */
export const policyJob = obj({ spec: obj({ podFailurePolicy: opt(podFailurePolicy) }) }, 'a Job');
/** getNewIndexFailureCounts' pod. */
export const replacedPod = fast(merge(policyPodShape, failureCountPodShape), (p) => policyPodOk(p) && failureCountPodOk(p));

// ---- backoff ------------------------------------------------------------------------------------

const finishedAtStatus = obj({ name: optStr, state: opt(obj({ terminated: opt(obj({ finishedAt: optStr })) })) });

/** What getFinishedTimeMs reads of a pod. */
const finishTimePodShape = obj(
  {
    metadata: obj({ creationTimestamp: optStr, deletionTimestamp: optStr, deletionGracePeriodSeconds: optInt }),
    spec: opt(obj({ initContainers: opt(arr(obj({ name: optStr, restartPolicy: optStr }))) })),
    status: opt(
      obj({
        containerStatuses: opt(arr(finishedAtStatus)),
        initContainerStatuses: opt(arr(finishedAtStatus)),
        conditions: opt(arr(obj({ type: str, status: str, lastTransitionTime: optStr }))),
      }),
    ),
  },
  'a Pod',
);

/** backoffFromCountedPods' pods: finalizers, phase and the finish time. */
const countedPodShape = merge(finishTimePodShape, obj({ metadata: obj({ finalizers: opt(arr(str)) }), status: opt(obj({ phase: optStr })) }));

/** finishTimePod's fast path. */
export function finishTimePodOk(p: unknown): boolean {
  if (!isRec(p)) return false;
  const m = p['metadata'];
  if (!isRec(m)) return false;
  const grace = m['deletionGracePeriodSeconds'];
  if (!optStrOk(m['creationTimestamp']) || !optStrOk(m['deletionTimestamp']) || !(grace === undefined || isInt(grace))) return false;
  const spec = p['spec'];
  if (spec !== undefined) {
    if (!isRec(spec)) return false;
    const ic = spec['initContainers'];
    if (ic !== undefined) {
      if (!Array.isArray(ic)) return false;
      for (let i = 0; i < ic.length; i++) {
        const c: unknown = ic[i];
        if (!isRec(c) || !optStrOk(c['name']) || !optStrOk(c['restartPolicy'])) return false;
      }
    }
  }
  const st = p['status'];
  if (st === undefined) return true;
  if (!isRec(st) || !containerStatusesOk(st['containerStatuses'], finishedAtOk) || !containerStatusesOk(st['initContainerStatuses'], finishedAtOk))
    return false;
  const conditions = st['conditions'];
  if (conditions === undefined) return true;
  if (!Array.isArray(conditions)) return false;
  for (let i = 0; i < conditions.length; i++) {
    const c: unknown = conditions[i];
    if (!isRec(c) || typeof c['type'] !== 'string' || typeof c['status'] !== 'string' || !optStrOk(c['lastTransitionTime'])) return false;
  }
  return true;
}

/** countedPod's fast path. */
export function countedPodOk(p: unknown): boolean {
  if (!finishTimePodOk(p)) return false;
  const f = ((p as Rec)['metadata'] as Rec)['finalizers'];
  if (f !== undefined) {
    if (!Array.isArray(f)) return false;
    for (let i = 0; i < f.length; i++) if (typeof f[i] !== 'string') return false;
  }
  const st = (p as Rec)['status'];
  return st === undefined || optStrOk((st as Rec)['phase']);
}

const listOf = (item: Shape, ok: (v: unknown) => boolean): Shape =>
  fast(arr(item), (v) => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) if (!ok(v[i])) return false;
    return true;
  });

/** getFinishedTimeMs' pod. */
export const finishTimePod = fast(finishTimePodShape, finishTimePodOk);
/** newBackoffRecord's pod lists. */
export const finishTimePods = listOf(finishTimePodShape, finishTimePodOk);
/** backoffFromCountedPods' pod list. */
export const countedPods = listOf(countedPodShape, countedPodOk);

/** remainingBackoffMsPerIndex's pod: failure counts and the finish time. */
export const lastFailedPod = fast(merge(finishTimePodShape, failureCountPodShape), (p) => finishTimePodOk(p) && failureCountPodOk(p));

export const backoffRecord = obj({ failuresAfterLastSuccess: int, lastFailureTime: optStr }, 'a BackoffRecord');
export const backoffLimits = obj({ baseMs: opt(num), maxMs: opt(num) }, 'BackoffLimits');

// ---- Jobs ---------------------------------------------------------------------------------------

/** What withJobDefaults reads of a Job. */
export const defaultsJob = obj(
  {
    metadata: obj({ labels: opt(strMap) }),
    spec: obj(
      {
        completions: optInt,
        parallelism: optInt,
        backoffLimit: optInt,
        backoffLimitPerIndex: optInt,
        completionMode: optStr,
        suspend: opt(bool),
        manualSelector: opt(bool),
        podReplacementPolicy: optStr,
        podFailurePolicy: opt(obj({ rules: arr(obj({ onPodConditions: opt(arr(obj({ status: optStr }))) })) })),
        template: obj({ metadata: opt(obj({ labels: opt(strMap) })) }),
      },
      'a JobSpec',
    ),
  },
  'a Job',
);

/** What admitJob reads of a Job: the defaults' fields and the identity it stamps. */
export const admittedJob = merge(defaultsJob, obj({ metadata: obj({ name: optStr, generateName: optStr, namespace: optStr }) }));

/** What ttlAfterFinished reads of a Job. */
export const ttlJob = obj(
  {
    metadata: obj({ name: optStr, namespace: optStr, deletionTimestamp: optStr }),
    spec: obj({ ttlSecondsAfterFinished: opt(num) }),
    status: opt(obj({ conditions: opt(arr(obj({ type: str, status: str, lastTransitionTime: optStr }))) })),
  },
  'a Job',
);

/** What finishLocally reads of the manager's Job. */
export const finishLocallyJob = obj(
  {
    status: opt(
      obj({
        startTime: optStr,
        conditions: opt(arr(obj({ type: str, status: str, reason: optStr, message: optStr }))),
      }),
    ),
  },
  'a Job',
);

export const jobFeatureGates = obj(
  { MutablePodResourcesForSuspendedJobs: opt(bool), MutableSchedulingDirectivesForSuspendedJobs: opt(bool) },
  'JobFeatureGates',
);
