// Plays a pass's actions forward on in-memory objects, as the API server and pod control would
// (pod_control.go create/delete/patch, the Job status subresource). Used by tests, the simulator
// and the CLI so that all of them advance state the same way.
import { controllerRef } from './podTemplate.js';
import { formatValidTime, JobTrackingFinalizer, MaxGeneratedNameLength, type Job, type ObjectMeta, type Pod } from '@jobkit/api';
import { castDraft, produce, type Draft } from './internal/immer.js';
import type { Action } from './types.js';

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
  /** The finalizer RemovePodFinalizer takes off (the pass's `trackingFinalizer`); default batch.kubernetes.io/job-tracking. */
  readonly trackingFinalizer?: string;
}

/** What applyActions returns: the new state, or the input state and why the input was refused. */
export interface ApplyResult extends ClusterState {
  /** The first field of the input with the wrong shape; then nothing was applied. */
  readonly error?: string;
}

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
 * Applies `actions` in order and returns the new state; the input is not modified, and the pods
 * no action changed are the input's own objects (each changed pod is a new object, its unchanged
 * parts shared with the input one).
 * CreatePod adds a Pending pod named by `generateName` from its cut generateName, with a uid; DeletePod marks a pod with
 * finalizers as deleted (deletionTimestamp) and removes one without; RemovePodFinalizer drops
 * the tracking finalizer (a release, the owner reference to the Job too) and removes the pod if
 * it was being deleted and has none left; AdoptPod makes the Job the pod's controller and adds
 * the tracking finalizer;
 * UpdateJobStatus replaces the status; RecordEvent changes nothing. Actions on pods that are
 * gone are ignored (upstream treats NotFound as success). An action names its pod by uid (and
 * name): pods are never merged, not even two that share a uid (the action then goes to the one
 * whose name matches too, else the first); a pod without a uid is found by name. Malformed input
 * is refused with an `error` naming the field, and nothing is applied.
 *
 * @category Simulation
 */
export function applyActions(state: ClusterState, actions: readonly Action[], opts: ApplyOptions): ApplyResult {
  const refused = applyInputError(state, actions, opts);
  if (refused !== undefined) return refusal(state, refused);
  const store = new PodStore(state.pods);
  let job = state.job;
  const now = formatValidTime(opts.now);
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i]!;
    switch (a.type) {
      case 'CreatePod': {
        const name = opts.generateName(generatedNameBase(a.pod.metadata.generateName ?? ''));
        const uid = opts.generateUid ? opts.generateUid(name) : name;
        if (typeof name !== 'string' || typeof uid !== 'string') {
          return refusal(state, `opts.${typeof name !== 'string' ? 'generateName' : 'generateUid'}: Invalid value: must return a string (actions[${i}])`);
        }
        const created = editMetadata(a.pod, (m) => {
          m.name = name;
          m.uid = uid;
          m.creationTimestamp = now;
        });
        store.add({ ...created, status: { phase: 'Pending' } });
        break;
      }
      case 'DeletePod': {
        const at = store.find(a.uid ?? '', a.name ?? '');
        if (at === undefined) break;
        const p = store.get(at);
        if ((p.metadata.finalizers ?? []).length > 0) {
          if (p.metadata.deletionTimestamp == null)
            store.set(
              at,
              editMetadata(p, (m) => void (m.deletionTimestamp = now)),
            );
        } else store.remove(at);
        break;
      }
      case 'RemovePodFinalizer': {
        const at = store.find(a.uid ?? '', a.name ?? '');
        if (at === undefined) break;
        const p = store.get(at);
        const finalizers = (p.metadata.finalizers ?? []).filter((f) => f !== (opts.trackingFinalizer ?? JobTrackingFinalizer));
        // A release patch deletes the owner reference to the Job too ($patch: delete by uid).
        const refs = a.release === true ? (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== job.metadata.uid) : undefined;
        if (p.metadata.deletionTimestamp != null && finalizers.length === 0) store.remove(at);
        else
          store.set(
            at,
            editMetadata(p, (m) => {
              m.finalizers = finalizers;
              if (refs !== undefined) m.ownerReferences = castDraft(refs);
            }),
          );
        break;
      }
      case 'AdoptPod': {
        const at = store.find(a.uid ?? '', a.name ?? '');
        if (at === undefined) break;
        const p = store.get(at);
        // ownerRefControllerPatch: the Job as controller reference (merged by uid), the finalizer added.
        const tf = opts.trackingFinalizer ?? JobTrackingFinalizer;
        const ref = controllerRef(job);
        const refs = [...(p.metadata.ownerReferences ?? []).filter((r) => r.uid !== ref.uid), ref];
        const finalizers = (p.metadata.finalizers ?? []).includes(tf) ? p.metadata.finalizers : [...(p.metadata.finalizers ?? []), tf];
        store.set(
          at,
          editMetadata(p, (m) => {
            m.ownerReferences = castDraft(refs);
            m.finalizers = castDraft(finalizers);
          }),
        );
        break;
      }
      case 'UpdateJobStatus':
        // One level (the status replaced): a spread is the one copy immer would make.
        job = { ...job, status: a.status };
        break;
      case 'RecordEvent':
        break;
    }
  }
  return { job, pods: store.list() };
}

/**
 * `p` with its metadata edited by `change` through the package's immer instance: a new pod, its
 * unchanged parts shared with `p`. Every edit here is to the metadata, so immer drafts the
 * metadata alone and the pod takes the result by a one-level spread: a draft rooted at the pod
 * costs several times more per pod in immer 11 (two drafts, and a walk of every list assigned
 * below the root), and up to 500 pods change per pass. Immer drafts plain objects only (a Map
 * needs a plugin; a Date or a class instance would be changed in place), so metadata of another
 * kind, which only odd input holds, is copied into a plain object first, as a spread copies it.
 */
function editMetadata(p: Pod, change: (m: Draft<ObjectMeta>) => void): Pod {
  return { ...p, metadata: produce(isPlain(p.metadata) ? p.metadata : { ...p.metadata }, change) };
}

const isPlain = (v: unknown): boolean => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

function refusal(state: unknown, error: string): ApplyResult {
  const s = isObject(state) ? state : {};
  return { job: (isObject(s['job']) ? s['job'] : {}) as unknown as Job, pods: Array.isArray(s['pods']) ? (s['pods'] as Pod[]) : [], error };
}

/**
 * The pods in input order, with lookups by uid and by name. Removal leaves a hole so positions
 * stay valid; a pod keeps its place when it changes, a created pod goes last (as the Map of
 * earlier versions ordered them, without merging pods that share a key).
 */
class PodStore {
  private readonly pods: (Pod | undefined)[] = [];
  private readonly byUid = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();

  constructor(pods: readonly Pod[]) {
    for (const p of pods) this.add(p);
  }

  add(p: Pod): void {
    const at = this.pods.length;
    this.pods.push(p);
    const uid = p.metadata.uid ?? '';
    const name = p.metadata.name ?? '';
    if (uid !== '') push(this.byUid, uid, at);
    if (name !== '') push(this.byName, name, at);
  }

  get(at: number): Pod {
    return this.pods[at]!;
  }

  /** Uid and name do not change here (only finalizers and deletionTimestamp), so the indexes hold. */
  set(at: number, p: Pod): void {
    this.pods[at] = p;
  }

  remove(at: number): void {
    this.pods[at] = undefined;
  }

  /**
   * The pod an action means: by uid (the one whose name matches too, else the first); with no
   * pod of that uid, the pod of that name that has no uid or has its name as uid (the default
   * generateUid), as upstream's calls would reach it.
   */
  find(uid: string, name: string): number | undefined {
    if (uid !== '') {
      let first: number | undefined;
      for (const at of this.byUid.get(uid) ?? []) {
        const p = this.pods[at];
        if (p === undefined) continue;
        if ((p.metadata.name ?? '') === name) return at;
        first ??= at;
      }
      if (first !== undefined) return first;
    }
    if (name === '') return undefined;
    for (const at of this.byName.get(name) ?? []) {
      const p = this.pods[at];
      if (p === undefined) continue;
      const pu = p.metadata.uid ?? '';
      if (pu === '' || pu === name) return at;
    }
    return undefined;
  }

  list(): Pod[] {
    const out: Pod[] = [];
    for (const p of this.pods) if (p !== undefined) out.push(p);
    return out;
  }
}

function push(m: Map<string, number[]>, k: string, at: number): void {
  const l = m.get(k);
  if (l === undefined) m.set(k, [at]);
  else l.push(at);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';
const actionTypes = new Set(['CreatePod', 'DeletePod', 'RemovePodFinalizer', 'AdoptPod', 'UpdateJobStatus', 'RecordEvent']);

/** The first field of applyActions' input that has the wrong shape, or undefined. */
function applyInputError(state: unknown, actions: unknown, opts: unknown): string | undefined {
  if (!isObject(state)) return 'state: Required value';
  if (!isObject(state['job'])) return 'state.job: Required value';
  const pods = state['pods'];
  if (!Array.isArray(pods)) return 'state.pods: Invalid value: must be a list';
  for (let i = 0; i < pods.length; i++) {
    const e = podError(pods[i], `state.pods[${i}]`);
    if (e !== undefined) return e;
  }
  if (!Array.isArray(actions)) return 'actions: Invalid value: must be a list';
  for (let i = 0; i < actions.length; i++) {
    const a: unknown = actions[i];
    const at = `actions[${i}]`;
    if (!isObject(a)) return `${at}: Invalid value: must be an object`;
    const type = a['type'];
    if (typeof type !== 'string' || !actionTypes.has(type))
      return `${at}.type: Unsupported value: ${typeof type === 'string' ? JSON.stringify(type.slice(0, 64)) : 'not a string'}`;
    if (type === 'CreatePod') {
      const e = podError(a['pod'], `${at}.pod`);
      if (e !== undefined) return e;
    } else if (type === 'DeletePod' || type === 'RemovePodFinalizer' || type === 'AdoptPod') {
      if (!optString(a['uid'])) return `${at}.uid: Invalid value: must be a string`;
      if (!optString(a['name'])) return `${at}.name: Invalid value: must be a string`;
    } else if (type === 'UpdateJobStatus' && !isObject(a['status'])) return `${at}.status: Invalid value: must be an object`;
  }
  if (!isObject(opts)) return 'opts: Required value';
  const now = opts['now'];
  if (!(now instanceof Date) || !Number.isFinite(now.getTime())) return 'opts.now: Invalid value: must be a valid Date';
  if (typeof opts['generateName'] !== 'function') return 'opts.generateName: Invalid value: must be a function';
  const gu = opts['generateUid'];
  if (gu !== undefined && gu !== null && typeof gu !== 'function') return 'opts.generateUid: Invalid value: must be a function';
  const tf = opts['trackingFinalizer'];
  if (tf !== undefined && tf !== null && typeof tf !== 'string') return 'opts.trackingFinalizer: Invalid value: must be a string';
  return undefined;
}

/** What applyActions reads of a pod: its metadata's uid, name, generateName, finalizers, deletionTimestamp. */
function podError(p: unknown, at: string): string | undefined {
  if (!isObject(p)) return `${at}: Invalid value: must be an object`;
  const m = p['metadata'];
  if (!isObject(m)) return `${at}.metadata: Required value`;
  for (const k of ['uid', 'name', 'generateName', 'deletionTimestamp'] as const) {
    if (!optString(m[k])) return `${at}.metadata.${k}: Invalid value: must be a string`;
  }
  const f = m['finalizers'];
  if (f !== undefined && f !== null) {
    if (!Array.isArray(f)) return `${at}.metadata.finalizers: Invalid value: must be a list`;
    for (let i = 0; i < f.length; i++) if (typeof f[i] !== 'string') return `${at}.metadata.finalizers[${i}]: Invalid value: must be a string`;
  }
  return undefined;
}
