// Decoding untrusted input: error messages, Dates, nulls, lists, pollution, nesting, size, exotic objects.
import * as E from 'fp-ts/lib/Either.js';
import {
  decodeJob,
  decodeJobList,
  decodePod,
  decodePodList,
  encodeJob,
  encodeJobList,
  encodePod,
  formatDecodeErrors,
  parseJob,
  parseJobList,
  parsePod,
  parsePodList,
  toFieldErrors,
  MaxDepth,
  MaxRequestBytes,
  formatTime,
  isRfc3339,
} from './index.js';

const job = (spec: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) => ({
  metadata: { name: 'j' },
  spec: { template: {}, ...spec },
  ...rest,
});

function errorsOf(r: { ok: boolean; errors?: readonly string[] }): readonly string[] {
  if (r.ok) throw new Error('expected a decode failure');
  return r.errors!;
}

describe('error messages name the field and the problem', () => {
  const cases: ReadonlyArray<{ name: string; input: unknown; errors: string[] }> = [
    // Go decodes -1 into an int32 field; the range is validation's (Invalid value: -1: must be
    // greater than or equal to 0), reported together with every other error of the Job.
    { name: 'negative completions decode (validation rejects them)', input: job({ completions: -1 }), errors: [] },
    {
      name: 'negative counts anywhere in spec and status decode',
      input: job({ parallelism: -1, backoffLimit: -6, activeDeadlineSeconds: -(2 ** 40) }, { status: { failed: -1 } }),
      errors: [],
    },
    { name: 'float parallelism', input: job({ parallelism: 1.5 }), errors: ['spec.parallelism: expected an integer, got 1.5'] },
    { name: 'NaN backoffLimit', input: job({ backoffLimit: NaN }), errors: ['spec.backoffLimit: expected an integer, got NaN'] },
    {
      name: 'Infinity maxFailedIndexes',
      input: job({ maxFailedIndexes: Infinity }),
      errors: ['spec.maxFailedIndexes: expected an integer, got Infinity'],
    },
    { name: 'string completions', input: job({ completions: '3' }), errors: ['spec.completions: expected an integer, got "3" (a string)'] },
    {
      name: 'int32 overflow',
      input: job({ backoffLimitPerIndex: 2147483648 }),
      errors: ['spec.backoffLimitPerIndex: expected an integer in the int32 range, got 2147483648'],
    },
    { name: 'int32 max is fine', input: job({ backoffLimit: 2147483647 }), errors: [] },
    { name: 'int32 min is fine', input: job({ backoffLimit: -2147483648 }), errors: [] },
    { name: 'below int32', input: job({ completions: -2147483649 }), errors: ['spec.completions: expected an integer in the int32 range, got -2147483649'] },
    { name: 'int64 activeDeadlineSeconds above int32', input: job({ activeDeadlineSeconds: 4294967296 }), errors: [] },
    {
      name: 'int64 overflow',
      input: job({ activeDeadlineSeconds: 2 ** 63 }),
      errors: ['spec.activeDeadlineSeconds: expected an integer in the int64 range, got 9223372036854776000'],
    },
    { name: 'bigint', input: job({ completions: BigInt(3) }), errors: ['spec.completions: expected an integer, got 3n (a bigint)'] },
    { name: 'boolean suspend as string', input: job({ suspend: 'true' }), errors: ['spec.suspend: expected a boolean, got "true" (a string)'] },
    {
      name: 'exit code values out of int32',
      input: job({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1, 2 ** 31] } }] } }),
      errors: ['spec.podFailurePolicy.rules[0].onExitCodes.values[1]: expected an integer in the int32 range, got 2147483648'],
    },
    {
      name: 'negative exit codes are int32',
      input: job({ podFailurePolicy: { rules: [{ action: 'Count', onExitCodes: { operator: 'In', values: [-1] } }] } }),
      errors: [],
    },
    {
      name: 'container image not a string',
      input: job({ template: { spec: { containers: [{ name: 'a', image: 5 }] } } }),
      errors: ['spec.template.spec.containers[0].image: expected a string, got 5'],
    },
    {
      name: 'label value',
      input: job({}, { metadata: { labels: { 'app.kubernetes.io/name': 1 } } }),
      errors: ['metadata.labels[app.kubernetes.io/name]: expected a string, got 1'],
    },
    {
      name: 'bad timestamp',
      input: job({}, { status: { startTime: 'yesterday' } }),
      errors: ['status.startTime: expected an RFC 3339 timestamp such as "2026-01-01T00:00:00Z" or a Date, got "yesterday" (a string)'],
    },
    {
      name: 'condition without time zone',
      input: job({}, { status: { conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2026-01-01T00:00:00' }] } }),
      errors: [
        'status.conditions[0].lastTransitionTime: expected an RFC 3339 timestamp such as "2026-01-01T00:00:00Z" or a Date, got "2026-01-01T00:00:00" (a string)',
      ],
    },
    { name: 'spec is an array', input: { metadata: {}, spec: [] }, errors: ['spec: expected an object (JobSpec), got an array'] },
    { name: 'not an object', input: 42, errors: ['expected an object (Job), got 42'] },
    { name: 'null', input: null, errors: ['expected an object (Job), got null'] },
    { name: 'wrong kind', input: { kind: 'Pod', metadata: {} }, errors: ['kind: expected "Job", got "Pod" (a string)'] },
    { name: 'wrong apiVersion', input: { apiVersion: 'v1', kind: 'Job' }, errors: ['apiVersion: expected "batch/v1", got "v1" (a string)'] },
    {
      name: 'status counters',
      input: job({}, { status: { active: -2, ready: 0.5, uncountedTerminatedPods: { failed: ['a', 7] } } }),
      errors: ['status.ready: expected an integer, got 0.5', 'status.uncountedTerminatedPods.failed[1]: expected a string, got 7'],
    },
    {
      name: 'non-JSON values in unmodelled fields',
      input: job({ template: { spec: { affinity: { f: () => 1, n: NaN } } } }),
      errors: ['spec.template.spec.affinity.f: expected a JSON value, got a function', 'spec.template.spec.affinity.n: expected a finite number, got NaN'],
    },
    {
      name: 'long strings are cut in messages',
      input: job({ completionMode: 'x'.repeat(500) as unknown as number }, { status: { failed: 'y'.repeat(500) } }),
      errors: [`status.failed: expected an integer, got "${'y'.repeat(48)}…" (a string)`],
    },
  ];
  test.each(cases)('$name', ({ input, errors }) => {
    const r = parseJob(input);
    if (errors.length === 0) {
      if (!r.ok) throw new Error(r.errors.join('\n'));
      return;
    }
    expect(errorsOf(r)).toEqual(errors);
  });

  test('pod fields', () => {
    const r = parsePod({
      metadata: { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u', controller: 'yes' }], finalizers: [1] },
      spec: { restartPolicy: 7 },
      status: { containerStatuses: [{ restartCount: -1, state: { terminated: { exitCode: 'x', finishedAt: 5 } } }] },
    });
    expect(errorsOf(r)).toEqual([
      'metadata.ownerReferences[0].controller: expected a boolean, got "yes" (a string)',
      'metadata.finalizers[0]: expected a string, got 1',
      'spec.restartPolicy: expected a string, got 7',
      'status.containerStatuses[0].restartCount: expected a non-negative integer, got -1',
      'status.containerStatuses[0].state.terminated.exitCode: expected an integer, got "x" (a string)',
      'status.containerStatuses[0].state.terminated.finishedAt: expected an RFC 3339 timestamp such as "2026-01-01T00:00:00Z" or a Date, got 5',
    ]);
  });

  test('field errors are data too', () => {
    const r = decodeJob(job({ completions: 1.5 }));
    if (E.isRight(r)) throw new Error('expected failure');
    expect(toFieldErrors(r.left)).toEqual([{ type: 'FieldValueInvalid', field: 'spec.completions', detail: 'expected an integer, got 1.5' }]);
  });

  test('at most 100 lines, then a summary', () => {
    const conditions = Array.from({ length: 250 }, () => ({ type: 1 }));
    const lines = errorsOf(parseJob(job({}, { status: { conditions } })));
    expect(lines).toHaveLength(101);
    expect(lines[0]).toBe('status.conditions[0].type: expected a string, got 1');
    expect(lines[100]).toBe('... and 150 more errors');
    expect(formatDecodeErrors([], 5)).toEqual([]);
  });
});

describe('timestamps', () => {
  const at = (t: unknown) => job({}, { status: { startTime: t } });
  const cases: ReadonlyArray<{ name: string; input: unknown; out: string }> = [
    { name: 'Date becomes Go RFC 3339 (seconds, Z)', input: new Date(Date.UTC(2026, 0, 1, 0, 0, 0)), out: '2026-01-01T00:00:00Z' },
    { name: 'Date milliseconds are truncated like Go', input: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 999)), out: '2026-01-01T00:00:00Z' },
    { name: 'Date before 1970 truncates toward the past', input: new Date(-1), out: '1969-12-31T23:59:59Z' },
    { name: 'Date in year 0001', input: new Date('0001-01-01T00:00:00Z'), out: '0001-01-01T00:00:00Z' },
    { name: 'string kept as given (fraction)', input: '2026-01-01T00:00:00.123456Z', out: '2026-01-01T00:00:00.123456Z' },
    { name: 'string kept as given (offset)', input: '2026-01-01T01:00:00+01:00', out: '2026-01-01T01:00:00+01:00' },
    { name: 'leap day', input: '2024-02-29T12:00:00Z', out: '2024-02-29T12:00:00Z' },
  ];
  test.each(cases)('$name', ({ input, out }) => {
    const r = parseJob(at(input));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.status?.startTime).toBe(out);
  });

  const bad: ReadonlyArray<{ name: string; input: unknown }> = [
    { name: 'invalid Date', input: new Date(NaN) },
    { name: 'Date after year 9999', input: new Date(Date.UTC(10000, 0, 1)) },
    { name: 'lower-case t', input: '2026-01-01t00:00:00Z' },
    { name: 'lower-case z', input: '2026-01-01T00:00:00z' },
    { name: '30 February', input: '2026-02-30T00:00:00Z' },
    { name: '29 February of a common year', input: '2100-02-29T00:00:00Z' },
    { name: 'leap second', input: '2026-12-31T23:59:60Z' },
    { name: 'hour 24', input: '2026-01-01T24:00:00Z' },
    { name: 'offset without colon', input: '2026-01-01T00:00:00+0100' },
    { name: 'epoch number', input: 1767225600 },
    { name: 'date only', input: '2026-01-01' },
  ];
  test.each(bad)('rejects $name', ({ input }) => {
    const [line] = errorsOf(parseJob(at(input)));
    expect(line).toMatch(/^status\.startTime: expected an RFC 3339 timestamp/);
  });

  test('a Date from another realm (vm context) is a Date too', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vm = require('node:vm') as typeof import('node:vm');
    const foreign = vm.runInNewContext('new Date(Date.UTC(2026, 0, 2))') as unknown;
    expect(foreign instanceof Date).toBe(false);
    const r = parseJob(at(foreign));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.status?.startTime).toBe('2026-01-02T00:00:00Z');
  });

  test('Dates anywhere (client-node objects) become strings, modelled or not', () => {
    const d = new Date(Date.UTC(2026, 5, 1, 12, 30, 15, 250));
    const r = parsePod({
      metadata: { name: 'p', creationTimestamp: d, managedFields: [{ manager: 'kubelet', time: d }] },
      status: {
        startTime: d,
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: d }],
        containerStatuses: [{ state: { terminated: { exitCode: 1, finishedAt: d } } }],
      },
    });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const s = '2026-06-01T12:30:15Z';
    expect(JSON.parse(JSON.stringify(encodePod(r.value)))).toEqual({
      metadata: { name: 'p', creationTimestamp: s, managedFields: [{ manager: 'kubelet', time: s }] },
      status: {
        startTime: s,
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: s }],
        containerStatuses: [{ state: { terminated: { exitCode: 1, finishedAt: s } } }],
      },
    });
  });
});

describe('zero values and nulls (Go semantics) round-trip', () => {
  const cases: ReadonlyArray<{ name: string; input: Record<string, unknown> }> = [
    {
      name: 'template creationTimestamp null (kubectl get -o json)',
      input: job({ template: { metadata: { creationTimestamp: null, labels: { a: 'b' } }, spec: { containers: [] } } }),
    },
    { name: 'null spec', input: { metadata: { name: 'x' }, spec: null, status: {} } },
    { name: 'no spec, no metadata', input: { status: { active: 1 } } },
    { name: 'null in an unmodelled field is kept', input: job({ template: { spec: { affinity: null, tolerations: [null] } } }) },
    { name: 'nulls keep their position', input: { kind: 'Job', metadata: null, apiVersion: 'batch/v1', spec: { completions: null, template: {} } } },
    { name: 'condition without type or status', input: job({}, { status: { conditions: [{ reason: 'r' }] } }) },
    { name: 'undefined properties are skipped (client-node models)', input: job({ completions: undefined }) },
  ];
  test.each(cases)('$name', ({ input }) => {
    const r = parseJob(input);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(JSON.stringify(encodeJob(r.value))).toBe(JSON.stringify(input));
  });

  test('absent required fields read as Go zero values', () => {
    const r = parseJob({ status: { conditions: [{}] } });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.metadata).toEqual({});
    expect(r.value.spec).toEqual({ template: {} });
    expect(r.value.status?.conditions?.[0]).toEqual({ type: '', status: '' });
    expect(r.value.spec.completions).toBeUndefined();
  });

  test('a null known field is absent in the decoded value', () => {
    const r = parseJob(job({ completions: null }, { status: { failedIndexes: null } }));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect('completions' in r.value.spec).toBe(false);
    expect(r.value.status).toEqual({});
  });

  test('a filled-in zero value that was replaced is encoded', () => {
    const r = parseJob({ metadata: { name: 'x' } });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const changed = { ...r.value, spec: { ...r.value.spec, suspend: true } };
    expect(encodeJob(changed)).toEqual({ metadata: { name: 'x' }, spec: { template: {}, suspend: true } });
    expect(encodeJob(r.value)).toEqual({ metadata: { name: 'x' } });
  });

  test('decoded output shares nothing with the input', () => {
    const input = job({ template: { spec: { volumes: [{ name: 'v', emptyDir: {} }] } } });
    const r = parseJob(input);
    if (!r.ok) throw new Error('decode failed');
    (input.spec.template as { spec: { volumes: Array<{ name: string }> } }).spec.volumes[0]!.name = 'changed';
    expect((r.value.spec.template.spec as { volumes: Array<{ name: string }> }).volumes[0]!.name).toBe('v');
  });
});

describe('lists', () => {
  test('JobList and List of Jobs', () => {
    const list = { apiVersion: 'batch/v1', kind: 'JobList', metadata: { resourceVersion: '7' }, items: [job(), job({ suspend: true })] };
    const r = parseJobList(list);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.items).toHaveLength(2);
    expect(JSON.stringify(encodeJobList(r.value))).toBe(JSON.stringify(list));
    expect(E.isRight(decodeJobList({ apiVersion: 'v1', kind: 'List', items: [] }))).toBe(true);
  });

  test('PodList and List of Pods', () => {
    const r = parsePodList({ kind: 'List', items: [{ metadata: { name: 'a' } }, { kind: 'Pod', metadata: { name: 'b' } }] });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.items.map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(E.isLeft(decodePodList({ kind: 'JobList', items: [] }))).toBe(true);
  });

  test('item errors name the item', () => {
    expect(errorsOf(parsePodList({ kind: 'PodList', items: [{}, { kind: 'Job' }] }))).toEqual(['items[1].kind: expected "Pod", got "Job" (a string)']);
    expect(errorsOf(parseJobList({ items: 3 }))).toEqual(['items: expected an array (Array<Job>), got 3']);
  });
});

describe('prototype pollution', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  const cases: ReadonlyArray<{ name: string; json: string; warnings: string[] }> = [
    { name: '__proto__ at the top', json: '{"__proto__":{"polluted":1},"metadata":{}}', warnings: ['__proto__: key dropped'] },
    { name: '__proto__ in metadata', json: '{"metadata":{"__proto__":{"polluted":1}}}', warnings: ['metadata.__proto__: key dropped'] },
    { name: '__proto__ in labels is data, kept', json: '{"metadata":{"labels":{"__proto__":"x","a":"b"}}}', warnings: [] },
    { name: 'a string __proto__ in an unmodelled field is kept', json: '{"spec":{"template":{"spec":{"nodeSelector":{"__proto__":"x"}}}}}', warnings: [] },
    {
      name: 'constructor.prototype in an unmodelled field',
      json: '{"spec":{"template":{"spec":{"affinity":{"constructor":{"prototype":{"polluted":1}}}}}}}',
      warnings: ['spec.template.spec.affinity.constructor: key dropped'],
    },
    {
      name: 'prototype object in a list',
      json: '{"spec":{"template":{"spec":{"volumes":[{"prototype":{"polluted":1}}]}}}}',
      warnings: ['spec.template.spec.volumes[0].prototype: key dropped'],
    },
    {
      name: '__proto__: null would make a null-prototype object',
      json: '{"__proto__":null,"metadata":{"__proto__":null}}',
      warnings: ['__proto__: key dropped', 'metadata.__proto__: key dropped'],
    },
    { name: 'constructor in a modelled struct', json: '{"spec":{"constructor":{"prototype":{"polluted":1}}}}', warnings: ['spec.constructor: key dropped'] },
  ];
  test.each(cases)('$name', ({ json, warnings }) => {
    const r = parseJob(JSON.parse(json));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.warnings ?? []).toEqual(warnings);
    const out = encodeJob(r.value);
    // Decode and encode keep every key the input had, but for the ones reported dropped.
    expect(JSON.stringify(out).length).toBeLessThanOrEqual(json.length);
    if (warnings.length === 0) expect(JSON.parse(JSON.stringify(out))).toEqual(JSON.parse(json));
    // A naive deep merge of the output must not reach Object.prototype.
    const merge = (target: Record<string, any>, src: Record<string, any>): void => {
      for (const k in src) {
        if (typeof src[k] === 'object' && src[k] !== null) merge((target[k] ??= {}), src[k]);
        else target[k] = src[k];
      }
    };
    merge({}, out as Record<string, any>);
    merge({}, r.value as unknown as Record<string, any>);
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(r.value.metadata)).toBe(Object.prototype);
    expect(JSON.stringify(out)).not.toContain('polluted');
  });

  test('string-valued constructor / prototype label keys are data and kept', () => {
    const r = parseJob({ metadata: { labels: { constructor: 'a', prototype: 'b' } } });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.metadata.labels).toEqual({ constructor: 'a', prototype: 'b' });
    expect(r.warnings).toBeUndefined();
  });

  test('a __proto__ label key stays an own key, the prototype untouched', () => {
    const r = parseJob(
      JSON.parse('{"metadata":{"labels":{"__proto__":"x"},"annotations":{"__proto__":"y"}},"spec":{"selector":{"matchLabels":{"__proto__":"z"}}}}'),
    );
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const labels = r.value.metadata.labels!;
    expect(Object.keys(labels)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(labels, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.keys(r.value.metadata.annotations!)).toEqual(['__proto__']);
    expect(Object.keys(r.value.spec.selector!.matchLabels!)).toEqual(['__proto__']);
    expect(JSON.stringify(encodeJob(r.value))).toBe(
      '{"metadata":{"labels":{"__proto__":"x"},"annotations":{"__proto__":"y"}},"spec":{"selector":{"matchLabels":{"__proto__":"z"}}}}',
    );
  });

  test('decodeJob (Either) drops the same keys', () => {
    const r = decodePod(JSON.parse('{"metadata":{"__proto__":{"polluted":1}}}'));
    if (E.isLeft(r)) throw new Error('decode failed');
    expect(r.right.metadata).toEqual({});
  });
});

describe('nesting and size', () => {
  function nested(depth: number): unknown {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  }
  function nestedArrays(depth: number): unknown {
    let v: unknown = [];
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  }

  test('junk nested 10^5 deep is rejected with a clear error, no stack overflow', () => {
    const lines = errorsOf(parseJob(job({ template: { spec: { affinity: nestedArrays(100_000) } } })));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^spec\.template\.spec\.affinity(\[0\])+: nesting exceeds the limit of 100 levels$/);
  });

  test('deep junk where a scalar is expected fails at once', () => {
    expect(errorsOf(parseJob(job({ completions: nested(100_000) })))).toEqual(['spec.completions: expected an integer, got an object']);
  });

  test(`objects up to ${MaxDepth} levels deep are fine`, () => {
    // An unmodelled root field x: its innermost object sits at depth MaxDepth.
    expect(parseJob({ x: nested(MaxDepth) }).ok).toBe(true);
    expect(parseJob({ x: nested(MaxDepth + 1) }).ok).toBe(false);
  });

  test('cycles are reported, not followed', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(errorsOf(parseJob(job({ template: { spec: { affinity: a } } })))).toEqual(['spec.template.spec.affinity.self: cyclic reference']);
  });

  test('shared subobjects (a DAG) are copied in linear time', () => {
    let v: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 60; i++) v = { l: v, r: v }; // 2^60 paths, 61 distinct nodes
    const start = performance.now();
    expect(parseJob(job({ template: { spec: { affinity: v } } })).ok).toBe(true);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  test('a sparse array with a huge length stops at the first hole', () => {
    const holes: unknown[] = [];
    holes.length = 2 ** 32 - 1;
    expect(errorsOf(parseJob(job({ template: { spec: { containers: holes } } })))).toEqual([
      'spec.template.spec.containers[0]: expected a value (array holes are not allowed), got undefined',
    ]);
    expect(errorsOf(parseJob(job({ template: { spec: { volumes: holes } } })))).toEqual([
      'spec.template.spec.volumes[0]: expected a JSON value (array holes are not allowed), got undefined',
    ]);
  });

  test('10^6 conditions decode in linear time', () => {
    const make = (n: number) =>
      job(
        {},
        {
          status: {
            conditions: Array.from({ length: n }, (_, i) => ({
              type: 'Complete',
              status: 'True',
              reason: `r${i}`,
              lastTransitionTime: '2026-01-01T00:00:00Z',
            })),
          },
        },
      );
    const time = (input: unknown) => {
      const start = performance.now();
      const r = parseJob(input);
      expect(r.ok).toBe(true);
      return performance.now() - start;
    };
    const small = make(100_000);
    const big = make(1_000_000);
    time(small); // warm up
    const tSmall = time(small);
    const tBig = time(big);
    expect(tBig).toBeLessThan(30_000); // generous: the suite shares the machine
    // Ten times the input: about ten times the time; quadratic would be ~100x (slack for a busy machine).
    expect(tBig / Math.max(tSmall, 1)).toBeLessThan(60);
  });

  test('10^6 bad items fail with a bounded report', () => {
    const r = parseJob(job({}, { status: { uncountedTerminatedPods: { failed: new Array(1_000_000).fill(0) } } }));
    const lines = errorsOf(r);
    expect(lines).toHaveLength(101);
    expect(lines[100]).toBe('... and 999900 more errors');
  });
});

describe('exotic input never throws', () => {
  const throwing = Object.defineProperty({}, 'metadata', {
    enumerable: true,
    get: () => {
      throw new Error('boom');
    },
  });
  const proxy = new Proxy(
    {},
    {
      ownKeys: () => {
        throw new TypeError('no keys');
      },
    },
  );
  const badToString = {
    toString: () => {
      throw new Error('x');
    },
  };
  const cases: ReadonlyArray<{ name: string; input: unknown; error: string }> = [
    { name: 'throwing getter', input: throwing, error: 'could not be decoded (Error: boom)' },
    { name: 'proxy without keys', input: proxy, error: 'could not be decoded (TypeError: no keys)' },
    {
      name: 'getter throwing a non-Error',
      input: Object.defineProperty({}, 'spec', {
        enumerable: true,
        get: () => {
          throw badToString;
        },
      }),
      error: 'could not be decoded (an unprintable exception)',
    },
    { name: 'a symbol', input: Symbol('x'), error: 'expected an object (Job), got a symbol' },
    { name: 'a Date', input: new Date(0), error: 'expected an object (Job), got a Date' },
    { name: 'an array', input: [job()], error: 'expected an object (Job), got an array' },
  ];
  test.each(cases)('$name', ({ input, error }) => {
    expect(() => parseJob(input)).not.toThrow();
    expect(errorsOf(parseJob(input))).toEqual([error]);
    expect(E.isLeft(decodeJob(input))).toBe(true);
  });
});

describe('strings longer than any API request', () => {
  const huge = 'x'.repeat(MaxRequestBytes + 1);
  test.each([
    ['a modelled string', { status: { completedIndexes: huge } }, 'status.completedIndexes: a string of 3145729 characters exceeds'],
    ['a label value', { metadata: { labels: { a: huge } } }, 'metadata.labels[a]: a string of 3145729 characters exceeds'],
    ['an unmodelled string', { spec: { template: { spec: { hostname: huge } } } }, 'spec.template.spec.hostname: a string of 3145729 characters exceeds'],
  ])('%s is rejected before anything parses it', (_name, input, error) => {
    const r = parseJob(input);
    expect(r.ok).toBe(false);
    expect(errorsOf(r)[0]).toContain(error);
  });
  test('a string of exactly the limit is fine', () => {
    expect(parseJob({ status: { completedIndexes: huge.slice(1) } }).ok).toBe(true);
  });
});

describe('a DAG nested past the depth limit', () => {
  test('fails at once, not after 2^depth paths', () => {
    let v: unknown = { a: 1 };
    for (let i = 0; i < 2000; i++) v = { left: v, right: [v] };
    const t0 = performance.now();
    const r = parseJob({ metadata: { name: 'j' }, spec: { template: { spec: { affinity: v } } } });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.ok).toBe(false);
    expect(errorsOf(r)[0]).toMatch(/nesting exceeds the limit of 100 levels/);
  });
});

describe('time helpers on non-times', () => {
  test.each([undefined, null, 5, 'x', {}, { [Symbol.toStringTag]: 'Date' }])('%p', (v) => {
    expect(formatTime(v as never)).toBeUndefined();
    expect(isRfc3339(v as never)).toBe(false);
  });
});
