// `__proto__` as a label, annotation or selector key is an invalid key, as the API server says;
// on raw JSON and once decoded alike (decoding keeps the key, it does not drop it). And shared
// subobjects (a DAG, not JSON but a JS caller's input) cost their size, not their paths.
import { parseJob } from '@jobkit/api';
import { formatFieldError, validateJob, validateJobUpdate } from './index.js';

const job = (o: { labels?: string; annotations?: string; matchExpressions?: string; templateAnnotations?: string }): unknown =>
  JSON.parse(`{
    "metadata": {"name": "j", "namespace": "d", "labels": ${o.labels ?? '{"a": "b"}'}, "annotations": ${o.annotations ?? '{}'}},
    "spec": {"manualSelector": true, "selector": {"matchLabels": {"a": "b"}, "matchExpressions": ${o.matchExpressions ?? '[]'}},
      "template": {"metadata": {"labels": {"a": "b"}, "annotations": ${o.templateAnnotations ?? '{}'}},
        "spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "i"}]}}}}`);

describe('__proto__ keys are invalid keys', () => {
  const cases: readonly [string, unknown, string][] = [
    ['a label key', job({ labels: '{"a": "b", "__proto__": "x"}' }), 'metadata.labels'],
    ['an annotation key', job({ annotations: '{"__proto__": "x"}' }), 'metadata.annotations'],
    ['a selector key', job({ matchExpressions: '[{"key": "__proto__", "operator": "Exists"}]' }), 'spec.selector.matchExpressions[0].key'],
    ['a template annotation key', job({ templateAnnotations: '{"__proto__": "x"}' }), 'spec.template.annotations'],
  ];
  test.each(cases)('%s', (_name, raw, field) => {
    expect(validateJob(job({}))).toEqual([]);
    const decoded = parseJob(raw);
    if (!decoded.ok) throw new Error(decoded.errors.join('\n'));
    for (const input of [raw, decoded.value]) expect(validateJob(input).map((e) => e.field)).toContain(field);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

describe('shared subobjects', () => {
  test('two DAGs nested 2000 deep compare in linear time', () => {
    const dag = (): unknown => {
      let v: unknown = { a: 1 };
      for (let i = 0; i < 2000; i++) v = { left: v, right: [v] };
      return v;
    };
    const withDag = (): Record<string, unknown> => ({
      metadata: { name: 'j', namespace: 'd', resourceVersion: '1' },
      spec: { template: { spec: { affinity: dag() } } },
    });
    const t0 = performance.now();
    validateJob(withDag());
    expect(Array.isArray(validateJob(withDag()))).toBe(true);
    validateJobUpdate(withDag(), withDag());
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('an unsupported value shown in a detail', () => {
  test('a DAG-shaped restartPolicy is rendered in bounded time', () => {
    let v: unknown = { a: 1 };
    for (let i = 0; i < 2000; i++) v = { left: v, right: [v] };
    const t0 = performance.now();
    const errs = validateJob({ metadata: { name: 'j', namespace: 'd' }, spec: { template: { spec: { restartPolicy: v } } } });
    expect(performance.now() - t0).toBeLessThan(1000);
    const rp = errs.find((e) => e.field === 'spec.template.spec.restartPolicy');
    expect(rp?.detail).toBe('supported values: "Always", "OnFailure", "Never"');
    expect(formatFieldError(rp!)).toMatch(
      /^spec\.template\.spec\.restartPolicy: Unsupported value: \{"left":\{"left":.*: supported values: "Always", "OnFailure", "Never"$/,
    );
    expect(formatFieldError(rp!).length).toBeLessThan(5000);
  });
});
