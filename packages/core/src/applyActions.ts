// Plays a pass's actions forward on in-memory objects, as the API server and pod control would
// (pod_control.go create/delete/patch, the Job status subresource). Used by tests, the simulator
// and the CLI so that all of them advance state the same way.
import { JobTrackingFinalizer, MaxGeneratedNameLength, type Job, type Pod } from '@jobkit/api';
import type { Action } from './types.js';
import { formatTime } from './internal/time.js';

/** A Job and its pods. */
export interface ClusterState {
  readonly job: Job;
  readonly pods: readonly Pod[];
}

export interface ApplyOptions {
  /** The time stamped on created pods and deletions. */
  readonly now: Date;
  /**
   * The API server's name generator: a unique name starting with `prefix`. It receives the
   * generateName already cut by {@link generatedNameBase}, so appending a short suffix (the API
   * server adds 5 characters) keeps pod names within 63 characters.
   */
  readonly generateName: (prefix: string) => string;
  /** UID for a created pod; defaults to its name. */
  readonly generateUid?: (name: string) => string;
}

const keyOf = (p: Pod): string => p.metadata.uid || p.metadata.name || '';

/**
 * The part of a `generateName` the API server keeps before appending its random suffix: the
 * first MaxGeneratedNameLength (58) characters (storage/names SimpleNameGenerator). The controller
 * sends `<job>-` in full; this is the one place the cut happens.
 *
 * @category Simulation
 * @example generatedNameBase('x'.repeat(70) + '-').length === 58
 */
export function generatedNameBase(generateName: string): string {
  return generateName.length > MaxGeneratedNameLength ? generateName.slice(0, MaxGeneratedNameLength) : generateName;
}

/**
 * Applies `actions` in order and returns the new state; the input is not modified.
 * CreatePod adds a Pending pod named by `generateName` from its cut generateName, with a uid; DeletePod marks a pod with
 * finalizers as deleted (deletionTimestamp) and removes one without; RemovePodFinalizer drops
 * the tracking finalizer and removes the pod if it was being deleted and has none left;
 * UpdateJobStatus replaces the status; RecordEvent changes nothing. Actions on pods that are
 * gone are ignored (upstream treats NotFound as success).
 *
 * @category Simulation
 */
export function applyActions(state: ClusterState, actions: readonly Action[], opts: ApplyOptions): ClusterState {
  const pods = new Map<string, Pod>();
  for (const p of state.pods) pods.set(keyOf(p), p);
  let job = state.job;
  const now = formatTime(opts.now);
  const find = (uid: string, name: string): [string, Pod] | undefined => {
    const byUid = uid !== '' ? pods.get(uid) : undefined;
    if (byUid !== undefined) return [uid, byUid];
    if (name === '') return undefined;
    const byName = pods.get(name);
    return byName !== undefined ? [name, byName] : undefined;
  };
  for (const a of actions) {
    switch (a.type) {
      case 'CreatePod': {
        const name = opts.generateName(generatedNameBase(a.pod.metadata.generateName ?? ''));
        const uid = opts.generateUid ? opts.generateUid(name) : name;
        const pod: Pod = {
          ...a.pod,
          metadata: { ...a.pod.metadata, name, uid, creationTimestamp: now },
          status: { phase: 'Pending' },
        };
        pods.set(keyOf(pod), pod);
        break;
      }
      case 'DeletePod': {
        const hit = find(a.uid, a.name);
        if (hit === undefined) break;
        const [key, p] = hit;
        if ((p.metadata.finalizers ?? []).length > 0) {
          if (p.metadata.deletionTimestamp == null) pods.set(key, { ...p, metadata: { ...p.metadata, deletionTimestamp: now } });
        } else pods.delete(key);
        break;
      }
      case 'RemovePodFinalizer': {
        const hit = find(a.uid, a.name);
        if (hit === undefined) break;
        const [key, p] = hit;
        const finalizers = (p.metadata.finalizers ?? []).filter((f) => f !== JobTrackingFinalizer);
        if (p.metadata.deletionTimestamp != null && finalizers.length === 0) pods.delete(key);
        else pods.set(key, { ...p, metadata: { ...p.metadata, finalizers } });
        break;
      }
      case 'UpdateJobStatus':
        job = { ...job, status: a.status };
        break;
      case 'RecordEvent':
        break;
    }
  }
  return { job, pods: [...pods.values()] };
}
