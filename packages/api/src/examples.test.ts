// The Job manifests of the Kubernetes documentation (kubernetes/website content/en/examples/controllers)
// decode as written and round-trip to the same JSON.
import * as E from 'fp-ts/lib/Either.js';
import { decodeJob, encodeJob, parseJob } from './index.js';

const examples: ReadonlyArray<{ name: string; manifest: Record<string, unknown> }> = [
  {
    name: 'job.yaml (pi)',
    manifest: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: {
        template: {
          spec: {
            containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }],
            restartPolicy: 'Never',
          },
        },
        backoffLimit: 4,
      },
    },
  },
  {
    name: 'job-pod-failure-policy-example.yaml',
    manifest: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'job-pod-failure-policy-example' },
      spec: {
        completions: 12,
        parallelism: 3,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'main', image: 'docker.io/library/bash:5', command: ['bash'], args: ['-c', 'echo "Hello world!" && sleep 5 && exit 42'] }],
          },
        },
        backoffLimit: 6,
        podFailurePolicy: {
          rules: [
            { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
            { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
          ],
        },
      },
    },
  },
  {
    name: 'job-backoff-limit-per-index-example.yaml',
    manifest: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'job-backoff-limit-per-index-example' },
      spec: {
        completions: 10,
        parallelism: 3,
        completionMode: 'Indexed',
        backoffLimitPerIndex: 1,
        maxFailedIndexes: 5,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [
              {
                name: 'example',
                image: 'python',
                command: ['python3', '-c', 'import os, sys\nprint("Hello world")\nif int(os.environ.get("JOB_COMPLETION_INDEX")) % 2 == 0:\n  sys.exit(1)\n'],
              },
            ],
          },
        },
      },
    },
  },
  {
    name: 'job-success-policy.yaml',
    manifest: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      spec: {
        parallelism: 10,
        completions: 10,
        completionMode: 'Indexed',
        successPolicy: { rules: [{ succeededIndexes: '0,2-3', succeededCount: 1 }] },
        template: {
          spec: {
            containers: [{ name: 'main', image: 'python', command: ['python3', '-c', 'import sys\nsys.exit(0)\n'] }],
            restartPolicy: 'Never',
          },
        },
      },
    },
  },
  {
    name: 'indexed-job.yaml (volumes, initContainers)',
    manifest: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'indexed-job' },
      spec: {
        completions: 5,
        parallelism: 3,
        completionMode: 'Indexed',
        template: {
          spec: {
            restartPolicy: 'Never',
            initContainers: [
              {
                name: 'input',
                image: 'docker.io/library/bash',
                command: ['bash', '-c', 'items=(foo bar baz qux xyz)\necho ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt\n'],
                volumeMounts: [{ mountPath: '/input', name: 'input' }],
              },
            ],
            containers: [
              {
                name: 'worker',
                image: 'docker.io/library/busybox',
                command: ['rev', '/input/data.txt'],
                volumeMounts: [{ mountPath: '/input', name: 'input' }],
              },
            ],
            volumes: [{ name: 'input', emptyDir: {} }],
          },
        },
      },
    },
  },
  {
    name: 'indexed-job-vol.yaml (downward API env)',
    manifest: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'indexed-job' },
      spec: {
        completions: 5,
        parallelism: 3,
        completionMode: 'Indexed',
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [
              {
                name: 'worker',
                image: 'docker.io/library/busybox',
                command: ['rev', '/input/data.txt'],
                env: [
                  {
                    name: 'JOB_INDEX',
                    valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
                  },
                ],
                resources: { limits: { cpu: '500m', memory: '128Mi' } },
              },
            ],
          },
        },
      },
    },
  },
];

describe('documentation examples', () => {
  test.each(examples)('$name decodes and round-trips', ({ manifest }) => {
    const r = parseJob(manifest);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.warnings).toBeUndefined();
    expect(JSON.stringify(encodeJob(r.value))).toBe(JSON.stringify(manifest));
  });

  test('pi: the fields the controller reads are typed and undefaulted', () => {
    const r = decodeJob(examples[0]!.manifest);
    if (E.isLeft(r)) throw new Error('decode failed');
    const job = r.right;
    expect(job.spec.backoffLimit).toBe(4);
    expect(job.spec.completions).toBeUndefined(); // no API-server defaults
    expect(job.spec.template.spec?.restartPolicy).toBe('Never');
    expect(job.spec.template.spec?.containers?.[0]?.image).toBe('perl:5.34.0');
    expect(job.spec.template.spec?.containers?.[0]?.command).toEqual(['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)']);
  });
});
