// The checked surface (guarded.ts): for every guarded export, each probe value in each argument
// position is answered — an InvalidInput, or the function's own error, naming the argument —
// never thrown; a probe of the parameter's type (-1 for a number, 'x' for a string, undefined for
// an optional one) and every real argument list get exactly the building block's answer; and
// what the function throws past the checks comes back as an InternalError.
import * as jobkit from './index.js';
import { isInvalidInput, type InvalidInput } from './index.js';
import { isGuarded } from './guard/guard.js';
import { guardCases, indexedJob, NOW, plainJob, pods, probes, type GuardCase, type ProbeName } from './testing/guardCases.js';

type Fn = (...args: unknown[]) => unknown;
const fnOf = (c: GuardCase): Fn => (jobkit as unknown as Record<string, Fn>)[c.name]!;
const view = (c: GuardCase, r: unknown): unknown => (c.view ? (c.view as (r: unknown) => unknown)(r) : r);
const channelOf = (c: GuardCase, r: unknown): string | undefined => (c.channel as ((r: unknown) => string | undefined) | undefined)?.(r);

/** The error an answer holds: the InvalidInput's fields and details, or the function's own error text. */
function errorOf(c: GuardCase, r: unknown): { texts: string[]; internal: boolean } | undefined {
  if (isInvalidInput(r)) return { texts: r.errors.map((e) => `${e.field}: ${e.detail}`), internal: r.errors.some((e) => e.type === 'InternalError') };
  const t = channelOf(c, r);
  return t === undefined ? undefined : { texts: [t], internal: /internal error/i.test(t) };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(guardCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const guarded = fnOf(c);
  const block = c.block as unknown as Fn;

  test('is exported through a guard', () => {
    expect(isGuarded(guarded)).toBe(true);
    expect(guarded.name).toBe(c.name);
  });

  test.each(c.valid.map((args, i) => [i, args] as const))('real arguments #%d: the building block’s answer', (_i, args) => {
    const want = view(c, block(...args));
    const got = view(c, guarded(...args));
    expect(got).toStrictEqual(want);
    expect(isInvalidInput(got)).toBe(false);
  });

  const rows = c.params.flatMap(([param, ...accepts], i) => (Object.keys(probes) as ProbeName[]).map((p) => [param, p, i, accepts.includes(p)] as const));
  test.each(rows)('%s = %s', (param, p, i, accepted) => {
    const args = [...c.valid[0]!];
    while (args.length < c.params.length) args.push(undefined);
    args[i] = probes[p]();
    const r = guarded(...args);
    if (accepted) {
      // Of the parameter's type: the building block's answer, which is no error of the guard's.
      expect(view(c, r)).toStrictEqual(view(c, block(...args)));
      if (isInvalidInput(r)) expect((r as InvalidInput).errors.some((e) => e.type === 'InternalError')).toBe(false);
      return;
    }
    const e = errorOf(c, r);
    expect(e).toBeDefined();
    expect(e!.internal).toBe(false);
    const names = c.names ?? new RegExp(`^${escape(param)}([.[]|:|$)`);
    expect(e!.texts.some((t) => names.test(t))).toBe(true);
    if (isInvalidInput(r)) {
      expect(Object.isFrozen(r)).toBe(true);
      expect(Object.isFrozen(r.errors)).toBe(true);
      for (const x of r.errors) expect(Object.isFrozen(x)).toBe(true);
    }
  });
});

describe('InvalidInput', () => {
  test('names the argument and field, as the API server words errors', () => {
    const r = jobkit.getCompletionIndex({ metadata: { annotations: { 'batch.kubernetes.io/job-completion-index': 5 } } } as never);
    expect(r).toStrictEqual({
      kind: 'InvalidInput',
      errors: [{ type: 'FieldValueInvalid', field: 'pod.metadata.annotations[batch.kubernetes.io/job-completion-index]', detail: '5: expected a string' }],
    });
    expect(jobkit.withJobDefaults({ metadata: { labels: 'x' }, spec: { template: {} } } as never)).toStrictEqual({
      kind: 'InvalidInput',
      errors: [{ type: 'FieldValueInvalid', field: 'job.metadata.labels', detail: '"x": expected a map of strings' }],
    });
    expect(jobkit.isPodFailed(undefined as never, 1 as never)).toStrictEqual({
      kind: 'InvalidInput',
      errors: [
        { type: 'FieldValueRequired', field: 'pod', detail: '' },
        { type: 'FieldValueInvalid', field: 'onlyReplaceFailed', detail: '1: expected a boolean' },
      ],
    });
    expect(jobkit.firstPendingIndexes(1, 3, [], [{ first: 0 }] as never)).toStrictEqual({
      kind: 'InvalidInput',
      errors: [{ type: 'FieldValueRequired', field: 'occupied[1][0].last', detail: '' }],
    });
  });

  test('an InvalidInput is truthy: a predicate’s answer must be checked before it is used as a boolean', () => {
    const r = jobkit.isPodFailed(null as never, false);
    expect(isInvalidInput(r)).toBe(true);
    expect(Boolean(r)).toBe(true);
  });

  test.each([
    ['an InvalidInput', jobkit.countIndexes(null as never), true],
    ['a look-alike', { kind: 'InvalidInput', errors: [] }, true],
    ['a boolean', false, false],
    ['null', null, false],
    ['another kind', { kind: 'error', message: 'x' }, false],
    ['errors not a list', { kind: 'InvalidInput', errors: 'x' }, false],
    ['a throwing Proxy', probes['a throwing Proxy'](), false],
  ])('isInvalidInput(%s)', (_what, x, want) => {
    expect(isInvalidInput(x)).toBe(want);
  });
});

describe('the last line of defence: a throw past the checks is an InternalError', () => {
  /** A value whose `key` reads `first` once, then throws: the guard's read passes, the function's throws. */
  function throwsOnSecondRead<T extends object>(o: T, key: string, first: unknown): T {
    let reads = 0;
    return Object.defineProperty({ ...o }, key, {
      enumerable: true,
      get() {
        if (++reads > 1) throw new Error('second read');
        return first;
      },
    });
  }

  test('a plain guard answers an InvalidInput whose InternalError names the function', () => {
    // Spread copies every field, also one no check reads.
    const spec = Object.defineProperty({ ...indexedJob.spec }, 'unread', {
      enumerable: true,
      get() {
        throw new Error('spread');
      },
    });
    expect(jobkit.withJobDefaults({ ...indexedJob, spec })).toStrictEqual({
      kind: 'InvalidInput',
      errors: [{ type: 'InternalError', field: 'withJobDefaults', detail: 'threw Error: spread' }],
    });
    expect(jobkit.isPodFailed(throwsOnSecondRead(pods[1]!, 'status', pods[1]!.status), false)).toMatchObject({
      kind: 'InvalidInput',
      errors: [{ type: 'InternalError', field: 'isPodFailed', detail: 'threw Error: second read' }],
    });
  });

  test('a function with an error of its own answers it there', () => {
    const throwing = (): string => {
      throw new TypeError('no names today');
    };
    const created = jobkit.syncJob(plainJob, [], NOW).actions;
    expect(created.some((a) => a.type === 'CreatePod')).toBe(true);
    const r = jobkit.applyActions({ job: plainJob, pods: [] }, created, { now: NOW, generateName: throwing });
    expect(r).toStrictEqual({ job: {}, pods: [], error: 'applyActions: Internal error: threw TypeError: no names today' });
    const s = jobkit.syncJob(throwsOnSecondRead(indexedJob, 'status', indexedJob.status), pods, NOW);
    expect(s.actions).toEqual([]);
    expect(s.error).toBe('syncJob: Internal error: threw Error: second read');
    const m = jobkit.mirrorRecordOf(throwsOnSecondRead(indexedJob, 'metadata', indexedJob.metadata));
    expect(m).toStrictEqual({ ok: false, errors: ['mirrorRecordOf: Internal error: threw Error: second read'] });
  });
});

test('defaultController runs the checked pass and playback', () => {
  expect(jobkit.defaultController.syncJob).toBe(jobkit.syncJob);
  expect(jobkit.defaultController.applyActions).toBe(jobkit.applyActions);
  expect(jobkit.defaultController.validateJobStatusUpdate).toBe(jobkit.validateJobStatusUpdate);
  expect(Object.isFrozen(jobkit.defaultController)).toBe(true);
});
