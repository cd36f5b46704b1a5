// The baseline of the immer benches: applyActions as it was before it used immer (commit
// bee12d3, packages/core/src/applyActions.ts compiled to JavaScript), every pod edit written by
// hand as nested spreads. Same input checks, same PodStore; only the edits differ.
import { controllerRef } from '../dist/podTemplate.js';
import { formatValidTime, JobTrackingFinalizer } from '@jobkit/api';
import { generatedNameBase } from '../dist/index.js';
/**
 * Applies `actions` in order and returns the new state; the input is not modified.
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
export function applyActionsBySpreads(state, actions, opts) {
  const refused = applyInputError(state, actions, opts);
  if (refused !== undefined) return refusal(state, refused);
  const store = new PodStore(state.pods);
  let job = state.job;
  const now = formatValidTime(opts.now);
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    switch (a.type) {
      case 'CreatePod': {
        const name = opts.generateName(generatedNameBase(a.pod.metadata.generateName ?? ''));
        const uid = opts.generateUid ? opts.generateUid(name) : name;
        if (typeof name !== 'string' || typeof uid !== 'string') {
          return refusal(state, `opts.${typeof name !== 'string' ? 'generateName' : 'generateUid'}: Invalid value: must return a string (actions[${i}])`);
        }
        store.add({ ...a.pod, metadata: { ...a.pod.metadata, name, uid, creationTimestamp: now }, status: { phase: 'Pending' } });
        break;
      }
      case 'DeletePod': {
        const at = store.find(a.uid ?? '', a.name ?? '');
        if (at === undefined) break;
        const p = store.get(at);
        if ((p.metadata.finalizers ?? []).length > 0) {
          if (p.metadata.deletionTimestamp == null) store.set(at, { ...p, metadata: { ...p.metadata, deletionTimestamp: now } });
        } else store.remove(at);
        break;
      }
      case 'RemovePodFinalizer': {
        const at = store.find(a.uid ?? '', a.name ?? '');
        if (at === undefined) break;
        const p = store.get(at);
        const finalizers = (p.metadata.finalizers ?? []).filter((f) => f !== (opts.trackingFinalizer ?? JobTrackingFinalizer));
        // A release patch deletes the owner reference to the Job too ($patch: delete by uid).
        const metadata =
          a.release === true
            ? { ...p.metadata, finalizers, ownerReferences: (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== job.metadata.uid) }
            : { ...p.metadata, finalizers };
        if (p.metadata.deletionTimestamp != null && finalizers.length === 0) store.remove(at);
        else store.set(at, { ...p, metadata });
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
        store.set(at, { ...p, metadata: { ...p.metadata, ownerReferences: refs, finalizers } });
        break;
      }
      case 'UpdateJobStatus':
        job = { ...job, status: a.status };
        break;
      case 'RecordEvent':
        break;
    }
  }
  return { job, pods: store.list() };
}
function refusal(state, error) {
  const s = isObject(state) ? state : {};
  return { job: isObject(s['job']) ? s['job'] : {}, pods: Array.isArray(s['pods']) ? s['pods'] : [], error };
}
/**
 * The pods in input order, with lookups by uid and by name. Removal leaves a hole so positions
 * stay valid; a pod keeps its place when it changes, a created pod goes last (as the Map of
 * earlier versions ordered them, without merging pods that share a key).
 */
class PodStore {
  pods = [];
  byUid = new Map();
  byName = new Map();
  constructor(pods) {
    for (const p of pods) this.add(p);
  }
  add(p) {
    const at = this.pods.length;
    this.pods.push(p);
    const uid = p.metadata.uid ?? '';
    const name = p.metadata.name ?? '';
    if (uid !== '') push(this.byUid, uid, at);
    if (name !== '') push(this.byName, name, at);
  }
  get(at) {
    return this.pods[at];
  }
  /** Uid and name do not change here (only finalizers and deletionTimestamp), so the indexes hold. */
  set(at, p) {
    this.pods[at] = p;
  }
  remove(at) {
    this.pods[at] = undefined;
  }
  /**
   * The pod an action means: by uid (the one whose name matches too, else the first); with no
   * pod of that uid, the pod of that name that has no uid or has its name as uid (the default
   * generateUid), as upstream's calls would reach it.
   */
  find(uid, name) {
    if (uid !== '') {
      let first;
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
  list() {
    const out = [];
    for (const p of this.pods) if (p !== undefined) out.push(p);
    return out;
  }
}
function push(m, k, at) {
  const l = m.get(k);
  if (l === undefined) m.set(k, [at]);
  else l.push(at);
}
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v) => v === undefined || v === null || typeof v === 'string';
const actionTypes = new Set(['CreatePod', 'DeletePod', 'RemovePodFinalizer', 'AdoptPod', 'UpdateJobStatus', 'RecordEvent']);
/** The first field of applyActions' input that has the wrong shape, or undefined. */
function applyInputError(state, actions, opts) {
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
    const a = actions[i];
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
function podError(p, at) {
  if (!isObject(p)) return `${at}: Invalid value: must be an object`;
  const m = p['metadata'];
  if (!isObject(m)) return `${at}.metadata: Required value`;
  for (const k of ['uid', 'name', 'generateName', 'deletionTimestamp']) {
    if (!optString(m[k])) return `${at}.metadata.${k}: Invalid value: must be a string`;
  }
  const f = m['finalizers'];
  if (f !== undefined && f !== null) {
    if (!Array.isArray(f)) return `${at}.metadata.finalizers: Invalid value: must be a list`;
    for (let i = 0; i < f.length; i++) if (typeof f[i] !== 'string') return `${at}.metadata.finalizers[${i}]: Invalid value: must be a string`;
  }
  return undefined;
}
