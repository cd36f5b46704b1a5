// Small status helpers shared by mirrorStatus and finishLocally: condition lookups, the API's
// view of equality (omitempty zeros, timestamps), times.
import { formatTime, isJobFinished, isRfc3339, parseTime, type JobCondition, type JobStatus } from '@jobkit/api';

export const condition = (s: JobStatus | undefined, type: string): JobCondition | undefined => (s?.conditions ?? []).find((c) => c.type === type);
export const isTrue = (s: JobStatus | undefined, type: string): boolean => condition(s, type)?.status === 'True';
export const isFinished = (s: JobStatus | undefined): boolean => isJobFinished({ status: s });
/** An interim (FailureTarget, SuccessCriteriaMet) or terminal condition: the Job's end is decided. */
export const isDecided = (s: JobStatus | undefined): boolean => isFinished(s) || isTrue(s, 'FailureTarget') || isTrue(s, 'SuccessCriteriaMet');

/** `now` as metav1.Time text, or undefined when it is neither a valid Date nor RFC 3339 text. */
export function timeText(now: unknown): string | undefined {
  if (now instanceof Date) return formatTime(now);
  if (typeof now === 'string' && isRfc3339(now)) return formatTime(new Date(parseTime(now)!));
  return undefined;
}

/** The later of two timestamps (by instant); `b` when `a` is absent. */
export function later(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  return (parseTime(a) ?? NaN) > (parseTime(b) ?? NaN) ? a : b;
}

const timeKeys = new Set(['startTime', 'completionTime', 'lastProbeTime', 'lastTransitionTime']);

/**
 * The status as the API server stores it (omitempty zeros and empty lists gone), with every
 * timestamp's value replaced by a marker: equal texts mean a write would change nothing but
 * timestamps, which mirroring never does (no hot loop on fresh condition times, kueue #11614).
 */
export function apiView(s: JobStatus | undefined): string {
  const st = { ...(s ?? {}) } as Record<string, unknown>;
  for (const k of ['active', 'succeeded', 'failed']) if (st[k] === 0) delete st[k];
  if (st['completedIndexes'] === '') delete st['completedIndexes'];
  if (Array.isArray(st['conditions']) && st['conditions'].length === 0) delete st['conditions'];
  const u = st['uncountedTerminatedPods'] as Record<string, unknown> | undefined;
  if (u !== undefined && u !== null) {
    const uu = { ...u };
    for (const k of ['succeeded', 'failed']) if (Array.isArray(uu[k]) && (uu[k] as unknown[]).length === 0) delete uu[k];
    st['uncountedTerminatedPods'] = uu;
  }
  return JSON.stringify(st, (k, v: unknown) => {
    if (timeKeys.has(k) && v !== undefined) return 'time';
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }
    return v;
  });
}

/** True when the uncounted lists hold no UID (absent counts as empty). */
export const noUncounted = (s: JobStatus | undefined): boolean =>
  (s?.uncountedTerminatedPods?.succeeded ?? []).length + (s?.uncountedTerminatedPods?.failed ?? []).length === 0;
