import { defaultPullPolicy, defaultedPodTemplate } from './podTemplateDefaults.js';
import { quantityKey } from './quantity.js';

// Expectations checked against k8s.io/kubernetes v1.37.2 with tools/oracle (template immutability on update).
describe('quantityKey', () => {
  test.each<[string, string, string, boolean, boolean]>([
    ['1 core in milli', '1', '1000m', true, true],
    ['decimal fraction', '100m', '0.1', true, true],
    ['binary and plain bytes', '1Gi', '1073741824', false, true],
    ['exponent and SI suffix', '1e3', '1k', false, true],
    ['nano rounds up to one milli', '1n', '1m', true, true],
    ['nano stays exact without rounding', '1n', '1m', false, false],
    ['different values', '1m', '2m', true, false],
  ])('%s', (_n, a, b, round, equal) => {
    expect(quantityKey(a, round) === quantityKey(b, round)).toBe(equal);
  });

  test('a non-quantity keys as itself', () => {
    expect(quantityKey('lots', true)).toBe('lots');
    expect(quantityKey(5, true)).toBe(5);
    expect(quantityKey(`1e${'9'.repeat(50)}`, true)).toBe(`1e${'9'.repeat(50)}`);
  });
});

describe('defaultPullPolicy', () => {
  test.each<[string, string, string]>([
    ['no tag means latest', 'busybox', 'Always'],
    ['explicit latest', 'busybox:latest', 'Always'],
    ['other tag', 'busybox:1.36', 'IfNotPresent'],
    ['digest only', `busybox@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    ['registry with port, no tag', 'localhost:5000/team/app', 'Always'],
    ['unparsable reference', 'BusyBox', 'IfNotPresent'],
    ['empty', '', 'IfNotPresent'],
  ])('%s', (_n, image, want) => {
    expect(defaultPullPolicy(image)).toBe(want);
  });
});

describe('defaultedPodTemplate', () => {
  test('fills the pod and container defaults without changing the input', () => {
    const t = { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1', ports: [{ containerPort: 80 }] }], volumes: [{ name: 'v' }] } };
    const before = JSON.stringify(t);
    expect(defaultedPodTemplate(t)).toEqual({
      spec: {
        restartPolicy: 'Never',
        dnsPolicy: 'ClusterFirst',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
        schedulerName: 'default-scheduler',
        serviceAccountName: '',
        containers: [
          {
            name: 'c',
            image: 'busybox:1',
            imagePullPolicy: 'IfNotPresent',
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
          },
        ],
        volumes: [{ name: 'v', emptyDir: {} }],
      },
    });
    expect(JSON.stringify(t)).toBe(before);
  });

  test('wrong shapes are left alone', () => {
    expect(defaultedPodTemplate('x')).toBe('x');
    expect(defaultedPodTemplate({ spec: [] })).toEqual({ spec: [] });
    expect(defaultedPodTemplate({ spec: { containers: 'x' } })).toMatchObject({ spec: { containers: 'x' } });
  });
});
