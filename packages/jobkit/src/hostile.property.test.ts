// Hostile input against every public function that takes raw objects: prototype keys at every
// level, wrong types at every field, huge numbers and strings, cyclic, frozen and null-prototype
// objects, sparse arrays. Each call must return (no throw), leave its inputs as they were, leave
// Object.prototype alone, and finish in bounded time. Every function `jobkit` exports is covered:
// guarded (guarded.ts; then a hostile argument is an InvalidInput or the function's own error,
// never an InternalError, i.e. the checks caught it), or listed as total (testing/guardCases.ts).
//
// Inputs are a valid Job, pods and actions with one to three fields replaced (or keys added) at
// random paths. HOSTILE_SEED / HOSTILE_RUNS reproduce or widen a run; HOSTILE_REPORT=1 prints the
// worst time and heap growth seen per function.
import fc from 'fast-check';
import {
  applyActions,
  failedIndexesOverlapCompleted,
  matchPodFailurePolicy,
  matchSuccessPolicy,
  MaxRequestBytes,
  orphanPodActions,
  parseIndexesFromString,
  parseIndexesStrict,
  parseIndexIntervalStrict,
  parseJob,
  parsePod,
  syncJob,
  validateJob,
  validateJobStatusUpdate,
  validateJobUpdate,
  type Action,
  type Job,
  type Pod,
} from './index.js';
import * as jobkit from './index.js';
import { isInvalidInput } from './index.js';
import { isGuarded } from './guard/guard.js';
import { job as buildJob, pod as buildPod, T0 } from './testing/builders.js';
import { guardCases, totalCases, trustedExports, type GuardCase } from './testing/guardCases.js';
import { compile, type Shape } from './guard/shape.js';
import * as shapes from './guard/shapes.js';

const SEED = Number(process.env['HOSTILE_SEED'] ?? 20261203);
const RUNS = Number(process.env['HOSTILE_RUNS'] ?? 250);
/** Per call, on a loaded CI machine; the report shows the real worst (a few ms). */
const MAX_MS = 2000;
const NOW = new Date('2026-01-01T00:10:00Z');

// ---- the valid starting point ----------------------------------------------------------------

const baseJob: Job = buildJob(
  {
    completionMode: 'Indexed',
    completions: 4,
    parallelism: 2,
    backoffLimitPerIndex: 1,
    maxFailedIndexes: 2,
    podFailurePolicy: {
      rules: [
        { action: 'FailJob', onExitCodes: { containerName: 'c', operator: 'In', values: [42] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      ],
    },
    successPolicy: { rules: [{ succeededIndexes: '0-2', succeededCount: 2 }] },
  },
  {
    startTime: T0,
    active: 1,
    succeeded: 1,
    failed: 1,
    ready: 0,
    terminating: 0,
    completedIndexes: '0',
    failedIndexes: '3',
    uncountedTerminatedPods: { succeeded: ['p1'], failed: [] },
    conditions: [{ type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed', lastTransitionTime: T0, lastProbeTime: T0 }],
  },
);
const basePods: readonly Pod[] = [
  buildPod('p0', { phase: 'Succeeded', index: 0 }),
  buildPod('p1', { phase: 'Succeeded', index: 1 }),
  buildPod('p2', { phase: 'Failed', index: 2, exitCode: 42, failureCount: 0 }),
  buildPod('p3', { phase: 'Running', index: 3, ready: true, restarts: 2 }),
  buildPod('p4', { phase: 'Failed', index: 1, disruption: true, deletedAt: T0 }),
];
const baseActions: readonly Action[] = syncJob(baseJob, basePods, NOW).actions.concat([
  { type: 'DeletePod', name: 'p3', uid: 'p3' },
  { type: 'RemovePodFinalizer', name: 'p4', uid: 'p4' },
  { type: 'RecordEvent', eventType: 'Normal', reason: 'X', message: 'y' },
]);

// ---- hostile values ---------------------------------------------------------------------------

const hugeString = 'x'.repeat(MaxRequestBytes + 1);
const hugeIndexes = '0,2,4,6,8,'.repeat(Math.ceil((MaxRequestBytes + 1) / 10));

function cyclic(): unknown {
  const o: Record<string, unknown> = { type: 'Ready', status: 'True', metadata: {} };
  o['self'] = o;
  (o['metadata'] as Record<string, unknown>)['owner'] = o;
  return o;
}
function sparse(): unknown {
  const a: unknown[] = [];
  a.length = 2 ** 32 - 1;
  a[7] = {};
  return a;
}
function deep(n: number): unknown {
  let v: unknown = { type: 'Ready' };
  for (let i = 0; i < n; i++) v = { metadata: v, items: [v] };
  return v;
}
function withProtoKey(value: unknown): unknown {
  const o: Record<string, unknown> = { type: 'Ready' };
  Object.defineProperty(o, '__proto__', { value, enumerable: true, writable: true, configurable: true });
  return o;
}

const special: fc.Arbitrary<unknown> = fc
  .constantFrom<() => unknown>(
    () => NaN,
    () => Infinity,
    () => -Infinity,
    () => -0,
    () => 2 ** 31,
    () => -(2 ** 31) - 1,
    () => 2 ** 53,
    () => 2 ** 64,
    () => 1e308,
    () => 1.5,
    () => -1,
    () => hugeString,
    () => hugeIndexes,
    () => '',
    () => '__proto__',
    () => '0-' + '9'.repeat(400),
    () => null,
    () => undefined,
    () => true,
    () => 0n,
    () => [],
    () => [null],
    () => [undefined],
    () => sparse(),
    () => Array(20_000).fill(null),
    () => [1, 'a', {}, [], null],
    () => ({}),
    () => Object.create(null),
    () => deep(Number(process.env['HOSTILE_DEEP'] ?? 2000)),
    () => Object.freeze({ a: Object.freeze([1]) }),
    () => cyclic(),
    () => JSON.parse('{"__proto__": {"polluted": 1}}'),
    () => ({ constructor: { prototype: { polluted: 1 } } }),
    () => withProtoKey('x'),
    () => withProtoKey(null),
    () => new Date('nope'),
    () => new Date(8.64e15),
    () => new Map([['a', 1]]),
    () => new Set([1]),
    () => new Uint8Array(3),
  )
  .map((make) => make());

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: special },
  {
    weight: 1,
    arbitrary: fc.anything({
      maxDepth: 2,
      withNullPrototype: true,
      withSparseArray: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withBoxedValues: true,
      withObjectString: true,
    }),
  },
);

// ---- mutations at random paths ----------------------------------------------------------------

type Path = readonly (string | number)[];

/** Every path to an object or array in `v` (the root included). */
function containerPaths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (typeof v !== 'object' || v === null) return out;
  out.push(at);
  for (const [k, c] of Object.entries(v)) containerPaths(c, [...at, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

const newKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'length'];

/** A path into `base` and a key to set there: an existing key (wrong type) or a new one. */
function target(base: unknown): fc.Arbitrary<{ path: Path; key: string | number }> {
  const paths = containerPaths(base);
  return fc.constantFrom(...paths).chain((path) => {
    const holder = path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], base);
    // Arrays get their indexes and one past the end; extra keys on an array are no JSON shape.
    if (Array.isArray(holder)) return fc.record({ path: fc.constant(path), key: fc.constantFrom<string | number>(...holder.map((_, i) => i), holder.length) });
    return fc.record({ path: fc.constant(path), key: fc.constantFrom<string | number>(...Object.keys(holder as object), ...newKeys) });
  });
}

/** `base` with `value` at path+key; copies along the path, shares the rest. */
function setAt(base: unknown, path: Path, key: string | number, value: unknown): unknown {
  const copy = (o: unknown): Record<string | number, unknown> => {
    if (typeof o !== 'object' || o === null) throw new Error('not a container');
    if (!Array.isArray(o)) return { ...o } as Record<string, unknown>;
    // Own keys only, so a sparse array of length 2^32-1 copies in no time.
    const a = Object.assign([], o) as unknown[];
    a.length = o.length;
    return a as unknown as Record<number, unknown>;
  };
  const root = copy(base);
  let cur = root;
  for (const k of path) {
    const next = copy(cur[k]);
    cur[k] = next;
    cur = next;
  }
  // An own data property even for __proto__ (assignment would swap the prototype instead).
  Object.defineProperty(cur, key, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

function mutated<T>(base: T): fc.Arbitrary<unknown> {
  const one = fc.record({ at: target(base), value: hostile });
  return fc.array(one, { minLength: 1, maxLength: 3 }).map((ms) => {
    let v: unknown = base;
    for (const m of ms) {
      // Later mutations may land under an earlier hostile value; skip those that no longer fit.
      try {
        v = setAt(v, m.at.path, m.at.key, m.value);
      } catch {
        /* the path went through a non-object */
      }
    }
    return v;
  });
}

/** Sometimes the value itself is hostile, mostly a mutated valid one, sometimes deep-frozen. */
function input<T>(base: T): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.oneof({ weight: 8, arbitrary: mutated(base) }, { weight: 1, arbitrary: hostile }, { weight: 1, arbitrary: fc.constant(base) }), fc.boolean())
    .map(([v, freeze]) => (freeze ? deepFreeze(v) : v));
}

function deepFreeze(v: unknown): unknown {
  const seen = new Set<object>();
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null || seen.has(x) || ArrayBuffer.isView(x)) continue;
    seen.add(x);
    Object.freeze(x);
    for (const k of Object.keys(x)) stack.push((x as Record<string, unknown>)[k]);
  }
  return v;
}

// ---- the checks -------------------------------------------------------------------------------

/**
 * A canonical picture of a value, to tell whether a call changed its input: own enumerable keys
 * (so `__proto__` data keys count), array lengths (sparse arrays stay cheap), prototypes, Map and
 * Set contents, dates; cycles as back-references. Strings are compared by identity-cheap `===`.
 */
function picture(v: unknown): unknown[] {
  const out: unknown[] = [];
  const ids = new Map<object, number>();
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null) {
      out.push(typeof x === 'number' && Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0' : x);
      continue;
    }
    const id = ids.get(x);
    if (id !== undefined) {
      out.push(`#ref${id}`);
      continue;
    }
    ids.set(x, ids.size);
    const proto = Object.getPrototypeOf(x);
    out.push(`#obj${ids.size - 1}`, proto === null ? 'null' : proto === Object.prototype ? 'Object' : proto.constructor?.name);
    if (x instanceof Date) out.push(String(x.getTime()));
    if (x instanceof Map) for (const [k, e] of x) stack.push(k, e);
    if (x instanceof Set) for (const e of x) stack.push(e);
    if (ArrayBuffer.isView(x)) out.push(Array.from(x as Uint8Array).join());
    if (Array.isArray(x)) out.push(`len${x.length}`);
    const keys = Object.keys(x);
    out.push(keys.length);
    for (const k of keys) {
      out.push(k);
      stack.push((x as Record<string, unknown>)[k]);
    }
  }
  return out;
}

function samePicture(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(typeof a[i] === 'bigint' && a[i] === b[i])) return false;
  return true;
}

const protoNames = (): string =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join()).join('|');
const cleanProtos = protoNames();

interface Worst {
  ms: number;
  heapMB: number;
  calls: number;
}
const worst = new Map<string, Worst>();

/** Calls `f` on `inputs`: it must not throw, change an input, touch a prototype, or take long. */
function call(name: string, inputs: readonly unknown[], f: () => unknown): unknown {
  const before = inputs.map(picture);
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let result: unknown;
  try {
    result = f();
  } catch (e) {
    throw new Error(`${name} threw: ${e instanceof Error ? e.stack : String(e)}`);
  }
  const ms = performance.now() - t0;
  const heapMB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const w = worst.get(name) ?? { ms: 0, heapMB: 0, calls: 0 };
  worst.set(name, { ms: Math.max(w.ms, ms), heapMB: Math.max(w.heapMB, heapMB), calls: w.calls + 1 });
  if (ms > MAX_MS) throw new Error(`${name} took ${ms.toFixed(0)} ms`);
  inputs.forEach((x, i) => {
    if (!samePicture(before[i]!, picture(x))) throw new Error(`${name} changed its argument ${i}`);
  });
  if (protoNames() !== cleanProtos || ({} as Record<string, unknown>)['polluted'] !== undefined) throw new Error(`${name} touched a built-in prototype`);
  return result;
}

/** syncJob, orphanPodActions and applyActions answer with an error string or a result. */
function expectErrorOrResult(r: unknown): void {
  expect(typeof r).toBe('object');
  const e = (r as { error?: unknown }).error;
  if (e !== undefined) expect(e).toEqual(expect.stringMatching(/^[\w.[\]/-]+(\[[^\]]*\])*[\w.[\]-]*: /));
}

/**
 * Reports a failure by seed, path and cause with a bounded picture of the inputs: fast-check's
 * own printing would walk a DAG's every path and print 3 MiB strings in full.
 */
function reporter(d: fc.RunDetails<unknown>): void {
  if (!d.failed) return;
  const shown = (d.counterexample ?? []).map((v) =>
    picture(v)
      .slice(0, 60)
      .map((x) => (typeof x === 'string' && x.length > 40 ? `${x.slice(0, 40)}…(${x.length})` : String(x)))
      .join(' '),
  );
  const cause = d.errorInstance instanceof Error ? d.errorInstance.message : String(d.errorInstance);
  throw new Error(
    `hostile property failed: seed ${d.seed}, path "${d.counterexamplePath}" (HOSTILE_SEED=${d.seed})\n${cause}\ninputs (first entries):\n${shown.join('\n')}`,
  );
}

const opts = { numRuns: RUNS, seed: SEED, endOnFailure: true, reporter };

describe('hostile input: no throw, no mutation, no pollution, bounded time', () => {
  afterAll(() => {
    if (process.env['HOSTILE_REPORT'] !== '1') return;
    const rows = [...worst].map(([fn, w]) => ({ fn, calls: w.calls, 'worst ms': w.ms.toFixed(1), 'worst heap +MB': w.heapMB.toFixed(1) }));
    // eslint-disable-next-line no-console
    console.table(rows);
  });

  const hostileOptions = fc.oneof(
    fc.constant(undefined),
    input({
      expectationsSatisfied: true,
      finalizerRemovalsPending: ['p0'],
      backoff: { failuresAfterLastSuccess: 1, lastFailureTime: '2026-01-01T00:00:00.000Z' },
      maxUncountedPods: 500,
      maxPodCreateDeletePerSync: 500,
    }),
  );
  const hostileNow = fc.oneof({ weight: 9, arbitrary: fc.constant(NOW) }, { weight: 1, arbitrary: hostile });

  test('syncJob', () => {
    fc.assert(
      fc.property(input(baseJob), input(basePods), hostileNow, hostileOptions, (job, pods, now, options) => {
        const r = call('syncJob', [job, pods, options], () => syncJob(job as Job, pods as Pod[], now as Date, options as never));
        expectErrorOrResult(r);
        expect(Array.isArray((r as { actions: unknown }).actions)).toBe(true);
      }),
      opts,
    );
  });

  test('orphanPodActions', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(undefined), input(baseJob)), input(basePods), (job, pods) => {
        expectErrorOrResult(call('orphanPodActions', [job, pods], () => orphanPodActions(job as Job, pods as Pod[])));
      }),
      opts,
    );
  });

  test('applyActions', () => {
    const applyOpts = { now: NOW, generateName: (p: string) => `${p}x` };
    fc.assert(
      fc.property(
        input({ job: baseJob, pods: basePods }),
        input(baseActions),
        fc.oneof({ weight: 9, arbitrary: fc.constant(applyOpts) }, { weight: 1, arbitrary: input({ now: NOW }) }),
        (state, actions, o) => {
          expectErrorOrResult(call('applyActions', [state, actions], () => applyActions(state as never, actions as never, o as never)));
        },
      ),
      opts,
    );
  });

  test('validateJob, validateJobUpdate, validateJobStatusUpdate', () => {
    fc.assert(
      fc.property(input(baseJob), input(baseJob), (a, b) => {
        expect(Array.isArray(call('validateJob', [a], () => validateJob(a)))).toBe(true);
        expect(Array.isArray(call('validateJobUpdate', [baseJob, a], () => validateJobUpdate(baseJob, a)))).toBe(true);
        expect(Array.isArray(call('validateJobUpdate', [a, b], () => validateJobUpdate(a, b)))).toBe(true);
        expect(Array.isArray(call('validateJobStatusUpdate', [baseJob, a], () => validateJobStatusUpdate(baseJob, a)))).toBe(true);
        expect(Array.isArray(call('validateJobStatusUpdate', [a, b], () => validateJobStatusUpdate(a, b)))).toBe(true);
      }),
      opts,
    );
  });

  test('parseJob, parsePod', () => {
    fc.assert(
      fc.property(input(baseJob), input(basePods[2]), (j, p) => {
        const rj = call('parseJob', [j], () => parseJob(j)) as { ok: boolean };
        const rp = call('parsePod', [p], () => parsePod(p)) as { ok: boolean };
        expect(typeof rj.ok).toBe('boolean');
        expect(typeof rp.ok).toBe('boolean');
      }),
      opts,
    );
  });

  test('matchPodFailurePolicy, matchSuccessPolicy', () => {
    const hostileNumber = fc.oneof(fc.integer({ min: -2, max: 10 }), hostile);
    const hostileString = fc.oneof(fc.constantFrom('0-2', '1,3', '', 'x'), hostile);
    fc.assert(
      fc.property(
        input(baseJob.spec.podFailurePolicy),
        input(basePods[2]),
        input(baseJob.spec.successPolicy),
        hostileNumber,
        hostileString,
        (pfp, p, sp, completions, indexes) => {
          call('matchPodFailurePolicy', [pfp, p], () => matchPodFailurePolicy(pfp as never, p as never));
          call('matchSuccessPolicy', [sp], () => matchSuccessPolicy(sp as never, completions as never, indexes as never));
        },
      ),
      opts,
    );
  });

  test('interval parsers', () => {
    const s = fc.oneof(fc.constantFrom('0-2,4', '1,3-x', '5-3', '+1', '99999999999999999999', ''), fc.string({ maxLength: 12 }), hostile);
    const c = fc.oneof(fc.integer({ min: -2, max: 10 }), fc.constantFrom(2 ** 31 - 1, 2 ** 53), hostile);
    fc.assert(
      fc.property(s, s, c, (a, b, completions) => {
        call('parseIndexesFromString', [a], () => parseIndexesFromString(a as never, completions as never));
        call('parseIndexesStrict', [a], () => parseIndexesStrict(a as never, completions as never));
        call('parseIndexIntervalStrict', [a], () => parseIndexIntervalStrict(a as never, completions as never));
        call('failedIndexesOverlapCompleted', [a, b], () => failedIndexesOverlapCompleted(a as never, b as never, completions as never));
      }),
      opts,
    );
  });
});

// ---- every export ---------------------------------------------------------------------------------

type Fn = (...args: unknown[]) => unknown;
const exportedFunctions = (Object.entries(jobkit) as [string, unknown][]).filter((e): e is [string, Fn] => typeof e[1] === 'function');

describe('every function jobkit exports is guarded or known to be total', () => {
  test('no export is left out', () => {
    const unlisted = exportedFunctions
      .map(([name]) => name)
      .filter((name) => !guardCases.some((c) => c.name === name) && !(name in totalCases) && !(name in trustedExports));
    // A new export: guard it in guarded.ts (and add its case to testing/guardCases.ts), or list it
    // in totalCases with why no argument can make it throw.
    expect(unlisted).toEqual([]);
  });
  test.each(exportedFunctions.map(([name, f]) => [name, f] as const))('%s', (name, f) => {
    if (guardCases.some((c) => c.name === name)) expect(isGuarded(f)).toBe(true);
    else expect(isGuarded(f)).toBe(false);
  });
  test('objects of functions hold checked ones', () => {
    for (const [k, f] of Object.entries(jobkit.defaultController)) expect(isGuarded(f) || k in totalCases).toBe(true);
  });
});

/** An argument: a valid one mutated as above, or for a scalar the value itself or a hostile one. */
function argument(base: unknown): fc.Arbitrary<unknown> {
  return typeof base === 'object' && base !== null ? input(base) : fc.oneof({ weight: 3, arbitrary: fc.constant(base) }, { weight: 1, arbitrary: hostile });
}

/** Whether an answer says the function threw past the guard's checks. */
function internalError(c: GuardCase, r: unknown): string | undefined {
  if (isInvalidInput(r)) {
    const e = r.errors.find((x) => x.type === 'InternalError');
    return e !== undefined ? `${e.field}: ${e.detail}` : undefined;
  }
  const t = (c.channel as ((r: unknown) => string | undefined) | undefined)?.(r);
  return t !== undefined && /internal error/i.test(t) ? t : undefined;
}

// Half the runs per function (there are fifty; HOSTILE_RUNS widens them all); the simulator runs
// a whole Job per call: a tenth.
const runsOf = (name: string): number => Math.max(10, Math.floor(name === 'simulate' ? RUNS / 10 : RUNS / 2));

describe('hostile input against every guarded function: answered, never thrown, never past the checks', () => {
  test.each(guardCases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const f = (jobkit as unknown as Record<string, Fn>)[name]!;
    const base = c.valid[0]!;
    fc.assert(
      fc.property(fc.tuple(...base.map(argument)), (args) => {
        const r = call(name, args, () => f(...args));
        const internal = internalError(c, r);
        if (internal !== undefined) throw new Error(`${name} threw past its checks: ${internal}`);
      }),
      { ...opts, numRuns: runsOf(name) },
    );
  });
});

describe('hostile input against every total function: no throw', () => {
  test.each(Object.entries(totalCases))('%s', (name, { valid }) => {
    const f = (jobkit as unknown as Record<string, Fn>)[name]!;
    fc.assert(
      fc.property(fc.tuple(...valid.map(argument)), (args) => {
        call(name, args, () => f(...args));
      }),
      opts,
    );
  });
});

describe('the fast paths of the guard shapes accept only what their shapes accept', () => {
  // Every fast path, with the valid values it sees in the cases (the arguments of its position).
  const fastShapes = Object.entries(shapes).filter((e): e is [string, Extract<Shape, { k: 'fast' }>] => (e[1] as Shape).k === 'fast');
  const values: unknown[] = guardCases.flatMap((c) => c.valid.flatMap((args) => args.filter((a) => typeof a === 'object' && a !== null)));
  test.each(fastShapes)('%s', (_name, s) => {
    const slow = compile(s.s);
    const bases = values.filter((v) => slow(v) === undefined);
    expect(bases.length).toBeGreaterThan(0);
    for (const b of bases) expect(s.ok(b)).toBe(true);
    fc.assert(
      fc.property(fc.constantFrom(...bases).chain(input), (v) => {
        let ok = false;
        try {
          ok = s.ok(v);
        } catch {
          ok = false;
        }
        if (ok) expect(slow(v)).toBeUndefined();
      }),
      { ...opts, numRuns: Math.max(10, Math.floor(RUNS / 2)) },
    );
  });
});
