// Unknown fields as the API server's strict decoding (sigs.k8s.io/json) names them, at any depth
// of batch/v1 Job, and parseJob's fieldValidation modes (Strict / Warn / Ignore).
import { parseJob, unknownJobFields } from './index.js';

const job = (spec: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'j' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } }, ...spec },
  ...rest,
});
const podSpec = (extra: Record<string, unknown>) =>
  job({ template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }], ...extra } } });
const container = (extra: Record<string, unknown>) => podSpec({ containers: [{ name: 'c', image: 'busybox', ...extra }] });

describe('unknownJobFields', () => {
  test.each<[string, unknown, string[]]>([
    ['a valid Job has none', job(), []],
    ['a typo in spec', job({ completionz: 3 }), ['spec.completionz']],
    ['names are case-sensitive (sigs.k8s.io/json)', job({ Completions: 3 }), ['spec.Completions']],
    ['a typo at the top', { ...job(), specs: {} }, ['specs']],
    ['a typo in a container', container({ imagePullPolcy: 'Always' }), ['spec.template.spec.containers[0].imagePullPolcy']],
    [
      'the second container',
      podSpec({
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'x', comand: ['true'] },
        ],
      }),
      ['spec.template.spec.containers[1].comand'],
    ],
    [
      'deep in affinity (not modelled by the codecs)',
      podSpec({
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpresions: [] }] } } },
      }),
      ['spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpresions'],
    ],
    [
      'an env source',
      container({ env: [{ name: 'A', valueFrom: { secretKeyRef: { nam: 's', key: 'k' } } }] }),
      ['spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.nam'],
    ],
    ['a volume', podSpec({ volumes: [{ name: 'v', emptyDir: { medium: 'Memory', sizeLimt: '1Gi' } }] }), ['spec.template.spec.volumes[0].emptyDir.sizeLimt']],
    ['template metadata', job({ template: { metadata: { label: { a: 'b' } }, spec: {} } }), ['spec.template.metadata.label']],
    ['status', job({}, { status: { succeded: 1 } }), ['status.succeded']],
    [
      'a pod failure policy rule',
      job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodCondition: [] }] } }),
      ['spec.podFailurePolicy.rules[0].onPodCondition'],
    ],
    ['maps take any key: labels, annotations', job({}, { metadata: { name: 'j', labels: { anything: 'x' }, annotations: { 'a.b/c': 'd' } } }), []],
    [
      'maps take any key: resources and nodeSelector',
      container({ resources: { limits: { cpu: '1', 'example.com/gpu': 2 }, requests: { memory: '1Gi' } } }),
      [],
    ],
    ['a resources typo', container({ resources: { limit: { cpu: '1' } } }), ['spec.template.spec.containers[0].resources.limit']],
    [
      'a leaf that decodes itself is not looked into (fieldsV1)',
      job({}, { metadata: { name: 'j', managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': {} } }] } }),
      [],
    ],
    ['inside an unknown field only the field itself', job({ extra: { deeper: { deepest: 1 } } }), ['spec.extra']],
    ['a null unknown field is still a key', job({ completionz: null }), ['spec.completionz']],
    ['in input order', job({ b: 1, a: 2 }, { z: 0 }), ['spec.b', 'spec.a', 'z']],
    ['wrong types are the decoder’s, not unknown fields', job({ template: { spec: { containers: 'none' } } }), []],
  ])('%s', (_name, input, want) => {
    expect(unknownJobFields(input)).toEqual(want);
  });

  test('a shared subobject (YAML aliases) is walked once', () => {
    const c = { name: 'c', image: 'x', typo: 1 };
    const input = podSpec({ containers: Array.from({ length: 1000 }, () => c) });
    expect(unknownJobFields(input)).toEqual(['spec.template.spec.containers[0].typo']);
  });

  test('a sparse list of length 2^32 - 1 costs nothing', () => {
    const containers: unknown[] = [];
    containers.length = 2 ** 32 - 1;
    containers[7] = {};
    const t0 = performance.now();
    expect(unknownJobFields(podSpec({ containers }))).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  test('a throwing getter is no throw', () => {
    const spec = { template: {} };
    Object.defineProperty(spec, 'completions', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(() => unknownJobFields({ spec })).not.toThrow();
  });
});

describe('parseJob: fieldValidation', () => {
  const input = job({ completionz: 3 });
  test.each<[string, Parameters<typeof parseJob>[1], unknown]>([
    ['Warn (the default, as the API server): decoded, with a warning', undefined, { ok: true, warnings: ['unknown field "spec.completionz"'] }],
    ['Warn', { fieldValidation: 'Warn' }, { ok: true, warnings: ['unknown field "spec.completionz"'] }],
    ['Strict (kubectl --validate=strict): an error', { fieldValidation: 'Strict' }, { ok: false, errors: ['unknown field "spec.completionz"'] }],
    ['Ignore: nothing said', { fieldValidation: 'Ignore' }, { ok: true }],
  ])('%s', (_name, options, want) => {
    const r = parseJob(input, options);
    expect(r).toMatchObject(want as object);
    if (r.ok && (want as { warnings?: unknown }).warnings === undefined) expect(r.warnings).toBeUndefined();
  });

  test('Strict with a type error too: both are listed', () => {
    expect(parseJob(job({ completions: '3', completionz: 3 }), { fieldValidation: 'Strict' })).toEqual({
      ok: false,
      errors: ['spec.completions: expected an integer, got "3" (a string)', 'unknown field "spec.completionz"'],
    });
  });

  test('the unknown key stays in the value (decode → encode gives the input back)', () => {
    const r = parseJob(input);
    expect(r.ok && (r.value.spec as Record<string, unknown>)['completionz']).toBe(3);
  });

  test('at most 100 lines, then a count', () => {
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x${i}`, i]));
    const r = parseJob(job(many), { fieldValidation: 'Strict' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(101);
      expect(r.errors[100]).toBe('... and 50 more unknown fields');
    }
  });
});
