// `__proto__` as a label, annotation or selector key is an invalid key, as the API server says;
// on raw JSON and once decoded alike (decoding keeps the key, it does not drop it).
import { parseJob } from '@jobkit/api';
import { validateJob } from './index.js';

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
