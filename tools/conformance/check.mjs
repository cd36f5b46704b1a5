// Compares one conformance vector (testdata/conformance/shared/FORMAT.md, FORMAT-extra.md) with
// a result and returns the differences as readable lines; an empty list means the case passes.
// Plain JavaScript so that both the jest harness (packages/jobkit/src/conformance.test.ts) and the
// oracle tools (tools/oracle/*.mjs, run by plain node without building) use this one copy.

const num = (v) => (v === undefined || v === null ? 0 : v);
const str = (v) => (v === undefined || v === null ? '' : v);
const sortStr = (a) => [...a].map(String).sort();
const sameSet = (a, b) => JSON.stringify(sortStr(a)) === JSON.stringify(sortStr(b));

function checkTime(label, want, got, errs) {
  if (want === undefined) return;
  if (want === 'set') {
    if (!got) errs.push(`${label}: want set, got unset`);
  } else if (want === 'unset') {
    if (got) errs.push(`${label}: want unset, got ${String(got)}`);
  } else if (got === 'set') {
    // an oracle result rendered without --exact-times: only presence is known
  } else if (!got || Date.parse(String(got)) !== Date.parse(String(want))) {
    errs.push(`${label}: want ${String(want)}, got ${String(got)}`);
  }
}

export function checkStatus(want, got, errs) {
  got = got ?? {};
  for (const k of ['active', 'ready', 'succeeded', 'failed', 'terminating']) {
    if (k in want && num(want[k]) !== num(got[k])) errs.push(`status.${k}: want ${want[k]}, got ${got[k]}`);
  }
  for (const k of ['completedIndexes', 'failedIndexes']) {
    if (!(k in want)) continue;
    if (want[k] === null) {
      if (got[k] !== undefined && got[k] !== null) errs.push(`status.${k}: want absent, got ${JSON.stringify(got[k])}`);
    } else if (str(want[k]) !== str(got[k])) errs.push(`status.${k}: want "${want[k]}", got "${str(got[k])}"`);
  }
  checkTime('status.startTime', want.startTime, got.startTime, errs);
  checkTime('status.completionTime', want.completionTime, got.completionTime, errs);
  if (want.uncountedTerminatedPods) {
    const u = got.uncountedTerminatedPods ?? {};
    for (const k of ['succeeded', 'failed']) {
      const w = want.uncountedTerminatedPods[k] ?? [];
      if (!sameSet(w, u[k] ?? [])) {
        errs.push(`status.uncountedTerminatedPods.${k}: want ${JSON.stringify(w)}, got ${JSON.stringify(u[k] ?? [])}`);
      }
    }
  }
  if (want.conditions) {
    const gc = got.conditions ?? [];
    const wt = want.conditions.map((c) => c.type);
    const gt = gc.map((c) => c.type);
    if (!sameSet(wt, gt)) errs.push(`status.conditions types: want ${JSON.stringify(wt)}, got ${JSON.stringify(gt)}`);
    // A status may hold two conditions of one type: each wanted condition needs its own actual one.
    const match = matchConditions(want.conditions, gc);
    const used = new Set(match.filter((j) => j >= 0));
    want.conditions.forEach((w, i) => {
      if (match[i] >= 0) return;
      // Unmatched: report against an actual condition of that type no other wanted one took.
      const g = gc.find((c, j) => c.type === w.type && !used.has(j)) ?? gc.find((c) => c.type === w.type);
      if (!g) return;
      for (const k of ['status', 'reason', 'message']) {
        if (w[k] !== undefined && w[k] !== g[k]) {
          errs.push(`condition ${w.type}.${k}: want ${JSON.stringify(w[k])}, got ${JSON.stringify(g[k])}`);
        }
      }
    });
  }
}

const fitsCondition = (w, g) => g.type === w.type && ['status', 'reason', 'message'].every((k) => w[k] === undefined || w[k] === g[k]);

/**
 * A maximum matching of wanted to actual conditions (augmenting paths; lists are a handful long):
 * match[i] is the index in `got` of the condition wanted condition i is paired with, or -1.
 */
export function matchConditions(want, got) {
  const owner = new Array(got.length).fill(-1);
  const tryAssign = (i, seen) => {
    for (let j = 0; j < got.length; j++) {
      if (seen.has(j) || !fitsCondition(want[i], got[j])) continue;
      seen.add(j);
      if (owner[j] < 0 || tryAssign(owner[j], seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < want.length; i++) tryAssign(i, new Set());
  const match = new Array(want.length).fill(-1);
  owner.forEach((i, j) => { if (i >= 0) match[i] = j; });
  return match;
}

/** c: a sync case with `expect`; res: jobkit's syncJob result ({ actions, status, error }). */
export function checkSync(c, res) {
  const errs = [];
  const actions = res?.actions ?? [];
  const e = c.expect ?? {};
  const creates = actions.filter((a) => a.type === 'CreatePod');
  const deletes = actions.filter((a) => a.type === 'DeletePod');
  const unfin = actions.filter((a) => a.type === 'RemovePodFinalizer');
  const events = actions.filter((a) => a.type === 'RecordEvent');
  if ('creations' in e && creates.length !== e.creations) errs.push(`creations: want ${e.creations}, got ${creates.length}`);
  if ('deletions' in e && deletes.length !== e.deletions) errs.push(`deletions: want ${e.deletions}, got ${deletes.length}`);
  if (e.createdIndexes) {
    const got = creates
      .map((a) => a.index ?? Number(a.pod?.metadata?.annotations?.['batch.kubernetes.io/job-completion-index']))
      .sort((x, y) => x - y);
    if (JSON.stringify(got) !== JSON.stringify(e.createdIndexes)) {
      errs.push(`createdIndexes: want ${JSON.stringify(e.createdIndexes)}, got ${JSON.stringify(got)}`);
    }
  }
  if (e.deletedPods && !sameSet(e.deletedPods, deletes.map((a) => a.name))) {
    errs.push(`deletedPods: want ${JSON.stringify(e.deletedPods)}, got ${JSON.stringify(deletes.map((a) => a.name))}`);
  }
  if ('finalizersRemoved' in e) {
    if (Array.isArray(e.finalizersRemoved)) {
      if (!sameSet(e.finalizersRemoved, unfin.map((a) => a.name))) {
        errs.push(`finalizersRemoved: want ${JSON.stringify(e.finalizersRemoved)}, got ${JSON.stringify(unfin.map((a) => a.name))}`);
      }
    } else if (unfin.length !== e.finalizersRemoved) errs.push(`finalizersRemoved: want ${e.finalizersRemoved}, got ${unfin.length}`);
  }
  // ClaimPods' patches (oracle vectors carry them): adoptions, and releases among the removals.
  for (const [k, got] of [
    ['adoptedPods', actions.filter((a) => a.type === 'AdoptPod').map((a) => a.name)],
    ['releasedPods', unfin.filter((a) => a.release === true).map((a) => a.name)],
  ]) {
    if (Array.isArray(e[k]) && !sameSet(e[k], got)) errs.push(`${k}: want ${JSON.stringify(e[k])}, got ${JSON.stringify(got)}`);
  }
  if (e.status) checkStatus(e.status, res?.status, errs);
  if (e.events) {
    for (const w of e.events) {
      if (!events.some((g) => g.eventType === w.type && g.reason === w.reason)) {
        errs.push(`event ${w.type}/${w.reason} missing; got ${JSON.stringify(events.map((g) => `${g.eventType}/${g.reason}`))}`);
      }
    }
  }
  if (e.error === true && !res?.error) errs.push('error: want an error reported');
  return errs;
}

/** Renders an oracle `expect` as a jobkit-shaped result, so checkSync can judge other vectors with it. */
export function expectAsResult(x) {
  const actions = [];
  const names = (list, n) => (Array.isArray(list) ? list : Array.from({ length: typeof list === 'number' ? list : n ?? 0 }, () => undefined));
  const created = x.createdIndexes ?? [];
  for (const i of created) actions.push({ type: 'CreatePod', index: i });
  for (let k = created.length; k < (x.creations ?? 0); k++) actions.push({ type: 'CreatePod' });
  for (const name of names(x.deletedPods, x.deletions)) actions.push({ type: 'DeletePod', name });
  const released = new Set(x.releasedPods ?? []);
  for (const name of names(x.finalizersRemoved)) actions.push({ type: 'RemovePodFinalizer', name, ...(released.has(name) ? { release: true } : {}) });
  for (const name of x.adoptedPods ?? []) actions.push({ type: 'AdoptPod', name });
  for (const ev of x.events ?? []) actions.push({ type: 'RecordEvent', eventType: ev.type, reason: ev.reason });
  const status = { ...x.status };
  if (status.failedIndexes === null) delete status.failedIndexes;
  for (const k of ['startTime', 'completionTime']) if (status[k] === 'unset') delete status[k];
  return { actions, status, error: x.error === true };
}

/** podFailurePolicy: c.expect against matchPodFailurePolicy's result. */
export function checkPodFailurePolicy(c, res) {
  res = res ?? {};
  const e = c.expect;
  const errs = [];
  const action = res.action ?? null;
  const msg = res.jobFailureMessage ?? null;
  if ('action' in e && action !== e.action) errs.push(`action: want ${e.action}, got ${action}`);
  if ('countFailed' in e && Boolean(res.countFailed) !== e.countFailed) errs.push(`countFailed: want ${e.countFailed}, got ${res.countFailed}`);
  if ('jobFailureMessage' in e && msg !== e.jobFailureMessage) {
    errs.push(`jobFailureMessage: want ${JSON.stringify(e.jobFailureMessage)}, got ${JSON.stringify(msg)}`);
  }
  return errs;
}

/** successPolicy: c.expect against matchSuccessPolicy's result. */
export function checkSuccessPolicy(c, res) {
  res = res ?? {};
  const e = c.expect;
  const errs = [];
  if (Boolean(res.matched) !== e.matched) errs.push(`matched: want ${e.matched}, got ${res.matched}`);
  if (e.message !== undefined && (res.message ?? '') !== e.message) {
    errs.push(`message: want ${JSON.stringify(e.message)}, got ${JSON.stringify(res.message)}`);
  }
  return errs;
}

/** statusValidation: errors compare as a set of (type, field) pairs (FORMAT.md; a pair reported twice counts once, FORMAT-extra.md). */
export function checkStatusValidation(c, res) {
  const list = Array.isArray(res) ? res : res?.errors ?? [];
  const got = [...new Set(list.map((x) => `${x.type} ${x.field}`))];
  const want = [...new Set((c.expect.errors ?? []).map((x) => `${x.type} ${x.field}`))];
  return sameSet(want, got) ? [] : [`errors: want ${JSON.stringify(sortStr(want))}, got ${JSON.stringify(sortStr(got))}`];
}

/**
 * A sync case's pass as an adapter makes it when calls fail (`c.inject`: creates fail from the
 * (failCreatesAfter+1)-th on, the deletes or finalizer patches of the named pods fail): the pass
 * is run again with the failures it met (`callFailures`) until they no longer change, and its
 * actions are then the calls an adapter makes — creates up to the end of the failed slow-start
 * batch, no delete after a failed finalizer patch of the same pod, a FailedCreate or FailedDelete
 * event per failed call (pod control's). Without `inject`, the plain pass.
 */
export function syncWithFailures(syncJob, c) {
  const base = c.options ?? {};
  const run = (extra) => syncJob(c.job, c.pods ?? [], new Date(c.now), { ...base, ...extra });
  let res = run({});
  const inj = c.inject;
  if (inj === undefined || inj === null) return res;
  const failDeletes = new Set(inj.failDeletes ?? []);
  const failPatches = new Set(inj.failPatches ?? []);
  const failuresOf = (actions) => {
    const creates = actions.filter((a) => a.type === 'CreatePod').length;
    const deletes = [];
    const finalizerRemovals = [];
    for (const a of actions) {
      if (a.type === 'DeletePod' && failDeletes.has(a.name)) deletes.push(a.uid);
      if (a.type === 'RemovePodFinalizer' && a.release !== true && failPatches.has(a.name)) finalizerRemovals.push(a.uid);
    }
    const k = inj.failCreatesAfter;
    return { creates: k === undefined ? 0 : creates - Math.min(k, creates), deletes, finalizerRemovals };
  };
  let seen = '';
  for (let round = 0; round < 8; round++) {
    const f = failuresOf(res.actions);
    const key = JSON.stringify(f);
    if (key === seen) break;
    seen = key;
    res = run({ callFailures: f });
  }
  // The calls made: slow start (1, 2, 4, …) stops after the batch with the first failure.
  const creates = res.actions.filter((a) => a.type === 'CreatePod').length;
  const k = inj.failCreatesAfter ?? Infinity;
  let attempted = 0;
  for (let batch = 1; attempted < creates; batch *= 2) {
    attempted += Math.min(batch, creates - attempted);
    if (attempted > k) break;
  }
  const out = [];
  let createIx = 0;
  for (let i = 0; i < res.actions.length; i++) {
    const a = res.actions[i];
    if (a.type === 'CreatePod') {
      if (createIx++ >= attempted) continue;
      out.push(a);
      if (createIx > k) out.push({ type: 'RecordEvent', eventType: 'Warning', reason: 'FailedCreate', message: 'Error creating: injected create failure' });
      continue;
    }
    const prev = res.actions[i - 1];
    if (a.type === 'DeletePod' && prev?.type === 'RemovePodFinalizer' && prev.uid === a.uid && failPatches.has(prev.name) && prev.release !== true) continue;
    out.push(a);
    if (a.type === 'DeletePod' && failDeletes.has(a.name)) out.push({ type: 'RecordEvent', eventType: 'Warning', reason: 'FailedDelete', message: 'Error deleting: injected delete failure' });
  }
  return { ...res, actions: out };
}
