// Hostile input: huge strings, huge lists, wrong types and deep junk give errors quickly, never throw.
import fc from 'fast-check';
import { validateJob, validateJobStatusUpdate, validateJobUpdate } from './index.js';

const base = {
  metadata: { name: 'j', namespace: 'default', resourceVersion: '1', uid: 'u' },
  spec: { completionMode: 'Indexed', completions: 1_000_000, parallelism: 3, backoffLimitPerIndex: 1 },
  status: {},
};

function deep(n: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < n; i++) v = { a: [v] };
  return v;
}

const time = (f: () => unknown): number => {
  const t = Date.now();
  f();
  return Date.now() - t;
};

describe('hostile input', () => {
  test('a 10 MB completedIndexes string is rejected within a second', () => {
    const huge = '1,'.repeat(5_000_000) + 'x';
    let errs: ReturnType<typeof validateJobStatusUpdate> = [];
    const ms = time(() => {
      errs = validateJobStatusUpdate(base, { ...base, status: { completedIndexes: huge, failedIndexes: huge } });
    });
    expect(errs.some((e) => e.field === 'status.completedIndexes')).toBe(true);
    expect(ms).toBeLessThan(1000);
  });

  test('a 10 MB valid-looking index string is parsed linearly', () => {
    const parts: string[] = [];
    for (let i = 0; i < 1_000_000; i += 2) parts.push(String(i));
    const s = parts.join(',');
    const ms = time(() => validateJobStatusUpdate(base, { ...base, status: { completedIndexes: s, failedIndexes: s } }));
    expect(ms).toBeLessThan(1500);
  });

  test('10^6 conditions take under a second', () => {
    const conditions = Array.from({ length: 1_000_000 }, (_, i) => ({ type: i % 2 ? 'Complete' : 'Failed', status: 'True' }));
    let errs: ReturnType<typeof validateJobStatusUpdate> = [];
    const ms = time(() => {
      errs = validateJobStatusUpdate(base, { ...base, status: { conditions } });
    });
    expect(errs.some((e) => e.field === 'status.conditions')).toBe(true);
    expect(ms).toBeLessThan(1000);
  });

  const junk: Array<[string, unknown]> = [
    ['null', null],
    ['number', 42],
    ['string', 'job'],
    ['array', []],
    ['deep junk', deep(100_000)],
    ['wrong status types', { ...base, status: { active: 'x', conditions: 'no', uncountedTerminatedPods: 7, startTime: 5, ready: {} } }],
    ['wrong spec types', { ...base, spec: { completions: 'x', template: 3, selector: [], podFailurePolicy: { rules: 'r' }, successPolicy: 1 } }],
    ['junk conditions', { ...base, status: { conditions: [null, 1, 'x', { type: 5 }, deep(1000)] } }],
    ['prototype keys', JSON.parse('{"__proto__": {"x": 1}, "metadata": {"constructor": 1}, "spec": {"__proto__": 1}}')],
    [
      'huge pod failure policy',
      {
        ...base,
        spec: {
          ...base.spec,
          podFailurePolicy: { rules: Array.from({ length: 100_000 }, () => ({ action: 'FailJob', onExitCodes: { operator: 'In', values: [1, 'x', null] } })) },
        },
      },
    ],
  ];
  test.each(junk)('%s: every function returns errors without throwing', (_name, input) => {
    expect(() => validateJobStatusUpdate(input, input)).not.toThrow();
    expect(() => validateJobStatusUpdate(base, input)).not.toThrow();
    expect(() => validateJob(input)).not.toThrow();
    expect(() => validateJobUpdate(input, input)).not.toThrow();
    expect(() => validateJobUpdate(base, input)).not.toThrow();
    expect(validateJob(input).length).toBeGreaterThan(0);
  });
});

describe('hostile nesting in updates', () => {
  test('deeply nested objects in templates are compared without recursion', () => {
    let v: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 200_000; i++) v = { a: v };
    const oldJob = { ...base, spec: { ...base.spec, template: { spec: { x: v } } } };
    const newJob = { ...base, spec: { ...base.spec, template: { spec: { x: { a: v } } } } };
    expect(() => validateJobUpdate(oldJob, newJob)).not.toThrow();
    expect(validateJobUpdate(oldJob, newJob).some((e) => e.field === 'spec.template')).toBe(true);
  });
});

describe('fuzz: arbitrary JSON never throws', () => {
  const json = fc.jsonValue({ maxDepth: 6 });
  // Objects shaped loosely like Jobs, with arbitrary values in the places validation reads.
  const jobish = fc.record({
    metadata: fc.oneof(json, fc.record({ name: fc.string(), namespace: fc.string(), resourceVersion: fc.string() })),
    spec: fc.oneof(
      json,
      fc.dictionary(
        fc.constantFrom(
          'completions',
          'parallelism',
          'completionMode',
          'selector',
          'template',
          'podFailurePolicy',
          'successPolicy',
          'suspend',
          'managedBy',
          'backoffLimitPerIndex',
          'maxFailedIndexes',
        ),
        json,
      ),
    ),
    status: fc.oneof(
      json,
      fc.dictionary(
        fc.constantFrom(
          'conditions',
          'active',
          'ready',
          'terminating',
          'startTime',
          'completionTime',
          'completedIndexes',
          'failedIndexes',
          'uncountedTerminatedPods',
          'succeeded',
          'failed',
        ),
        json,
      ),
    ),
  });
  test('validateJob, validateJobUpdate, validateJobStatusUpdate', () => {
    fc.assert(
      fc.property(fc.oneof(json, jobish), fc.oneof(json, jobish), (a, b) => {
        for (const errs of [validateJob(a), validateJobUpdate(a, b), validateJobStatusUpdate(a, b)]) {
          expect(Array.isArray(errs)).toBe(true);
          for (const e of errs) expect(typeof e.field === 'string' && typeof e.type === 'string').toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
