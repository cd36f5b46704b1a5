// The minimal shape syncJob needs before it reads anything; decoding proper happens at the
// boundary (@jobkit/api codecs). Errors name the field, as the API server's do.
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first shape problem, as "field: message", or undefined. O(number of pods). */
export function inputShapeError(job: unknown, pods: unknown, now: unknown): string | undefined {
  if (!isObject(job)) return 'job: Required value';
  if (!isObject(job['metadata'])) return 'job.metadata: Required value';
  if (!isObject(job['spec'])) return 'job.spec: Required value';
  const status = job['status'];
  if (status !== undefined && status !== null && !isObject(status)) return 'job.status: Invalid value: must be an object';
  if (!Array.isArray(pods)) return 'pods: Invalid value: must be a list';
  for (let i = 0; i < pods.length; i++) {
    const p: unknown = pods[i];
    if (!isObject(p)) return `pods[${i}]: Invalid value: must be an object`;
    if (!isObject(p['metadata'])) return `pods[${i}].metadata: Required value`;
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return 'now: Invalid value: must be a valid Date';
  return undefined;
}
