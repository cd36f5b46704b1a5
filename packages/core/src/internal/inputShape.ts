// The minimal shape syncJob needs before it reads anything; decoding proper happens at the
// boundary (@jobkit/api codecs). Errors name the field, as the API server's do. Only checks what
// Go's decoder would have refused (wrong JSON types, unparsable times): values of the right type
// are the pass's to judge, as upstream's.
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown): boolean => v === undefined || v === null;

type Kind = 'integer' | 'string' | 'boolean' | 'object' | 'list' | 'time';

function hasKind(v: unknown, kind: Kind): boolean {
  if (absent(v)) return true;
  switch (kind) {
    case 'integer': return Number.isSafeInteger(v);
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    case 'object': return isObject(v);
    case 'list': return Array.isArray(v);
    case 'time': return typeof v === 'string' && !Number.isNaN(Date.parse(v));
  }
}

const kindText: Record<Kind, string> = {
  integer: 'an integer', string: 'a string', boolean: 'a boolean', object: 'an object', list: 'a list', time: 'an RFC 3339 time',
};

function typeError(path: string, v: unknown, kind: Kind): string | undefined {
  return hasKind(v, kind) ? undefined : `${path}: Invalid value: must be ${kindText[kind]}`;
}

function firstError(checks: readonly (readonly [string, unknown, Kind])[]): string | undefined {
  for (const [path, v, kind] of checks) {
    const e = typeError(path, v, kind);
    if (e !== undefined) return e;
  }
  return undefined;
}

function specError(spec: Record<string, unknown>): string | undefined {
  return firstError([
    ...(['parallelism', 'completions', 'backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes', 'activeDeadlineSeconds'] as const)
      .map((f) => [`job.spec.${f}`, spec[f], 'integer'] as const),
    ...(['completionMode', 'podReplacementPolicy', 'managedBy'] as const).map((f) => [`job.spec.${f}`, spec[f], 'string'] as const),
    ['job.spec.suspend', spec['suspend'], 'boolean'],
    ['job.spec.template', spec['template'], 'object'],
    ['job.spec.selector', spec['selector'], 'object'],
    ['job.spec.podFailurePolicy', spec['podFailurePolicy'], 'object'],
    ['job.spec.successPolicy', spec['successPolicy'], 'object'],
  ]);
}

function statusError(status: Record<string, unknown>): string | undefined {
  const uncounted = status['uncountedTerminatedPods'];
  const shape = firstError([
    ...(['active', 'succeeded', 'failed', 'ready', 'terminating'] as const).map((f) => [`job.status.${f}`, status[f], 'integer'] as const),
    ['job.status.completedIndexes', status['completedIndexes'], 'string'],
    ['job.status.failedIndexes', status['failedIndexes'], 'string'],
    ['job.status.startTime', status['startTime'], 'time'],
    ['job.status.completionTime', status['completionTime'], 'time'],
    ['job.status.conditions', status['conditions'], 'list'],
    ['job.status.uncountedTerminatedPods', uncounted, 'object'],
  ]);
  if (shape !== undefined) return shape;
  const conditions = (status['conditions'] ?? []) as unknown[];
  for (let i = 0; i < conditions.length; i++) {
    if (!isObject(conditions[i])) return `job.status.conditions[${i}]: Invalid value: must be an object`;
  }
  if (isObject(uncounted)) {
    for (const k of ['succeeded', 'failed'] as const) {
      const list = uncounted[k];
      if (absent(list)) continue;
      if (!Array.isArray(list)) return `job.status.uncountedTerminatedPods.${k}: Invalid value: must be a list`;
      const bad = list.findIndex((uid) => typeof uid !== 'string');
      if (bad >= 0) return `job.status.uncountedTerminatedPods.${k}[${bad}]: Invalid value: must be a string`;
    }
  }
  return undefined;
}

// Straight-line checks: this runs once per pod and pods may be 10^5, so it allocates nothing
// unless a field is wrong. Times are only checked to be strings (their message still names the
// time): parsing 10^5 timestamps would double the cost of a steady pass. The checks are
// inlined rather than going through hasKind's switch, which costs twice as much per pod.
const optString = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';
const optList = (v: unknown): boolean => v === undefined || v === null || Array.isArray(v);
const optObject = (v: unknown): boolean => v === undefined || v === null || isObject(v);

function podError(i: number, p: Record<string, unknown>): string | undefined {
  const m = p['metadata'] as Record<string, unknown>;
  const status = p['status'];
  const s = isObject(status) ? status : undefined;
  const bad: readonly [string, Kind] | undefined =
    !optString(m['deletionTimestamp']) ? ['metadata.deletionTimestamp', 'time']
    : !optString(m['creationTimestamp']) ? ['metadata.creationTimestamp', 'time']
    : !optList(m['finalizers']) ? ['metadata.finalizers', 'list']
    : !optList(m['ownerReferences']) ? ['metadata.ownerReferences', 'list']
    : !optObject(p['spec']) ? ['spec', 'object']
    : !optObject(status) ? ['status', 'object']
    : s === undefined ? undefined
    : !optString(s['phase']) ? ['status.phase', 'string']
    : !optList(s['conditions']) ? ['status.conditions', 'list']
    : !optList(s['containerStatuses']) ? ['status.containerStatuses', 'list']
    : !optList(s['initContainerStatuses']) ? ['status.initContainerStatuses', 'list']
    : undefined;
  return bad === undefined ? undefined : `pods[${i}].${bad[0]}: Invalid value: must be ${kindText[bad[1]]}`;
}

/** The first shape problem, as "field: message", or undefined. O(number of pods). */
export function inputShapeError(job: unknown, pods: unknown, now: unknown): string | undefined {
  if (!isObject(job)) return 'job: Required value';
  if (!isObject(job['metadata'])) return 'job.metadata: Required value';
  if (!isObject(job['spec'])) return 'job.spec: Required value';
  const status = job['status'];
  if (!absent(status) && !isObject(status)) return 'job.status: Invalid value: must be an object';
  const jobError = specError(job['spec']) ?? (isObject(status) ? statusError(status) : undefined);
  if (jobError !== undefined) return jobError;
  if (!Array.isArray(pods)) return 'pods: Invalid value: must be a list';
  for (let i = 0; i < pods.length; i++) {
    const p: unknown = pods[i];
    if (!isObject(p)) return `pods[${i}]: Invalid value: must be an object`;
    if (!isObject(p['metadata'])) return `pods[${i}].metadata: Required value`;
    const e = podError(i, p);
    if (e !== undefined) return e;
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return 'now: Invalid value: must be a valid Date';
  return undefined;
}
