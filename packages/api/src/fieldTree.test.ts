// fieldTree.generated.ts is generated from k8s.io/api's json tags (tools/fieldtree). Where Go is
// installed, the Go program runs and its tree must equal the committed one (else:
// `node tools/fieldtree/generate.mjs`). Without Go the comparison is skipped; the checks below
// it still run.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { JobFieldTree } from './index.js';

const dir = path.resolve(__dirname, '../../../tools/fieldtree');
const hasGo = spawnSync('go', ['version']).status === 0;

(hasGo ? test : test.skip)(
  'the committed tree is what k8s.io/api says (go run tools/fieldtree)',
  () => {
    const r = spawnSync('go', ['run', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`go run tools/fieldtree failed:\n${r.stderr}`);
    expect(JSON.parse(r.stdout)).toEqual(JobFieldTree);
  },
  600_000,
);

describe('the tree knows the fields the codecs model', () => {
  test.each<[string, string, readonly string[]]>([
    ['Job', 'batch/v1.Job', ['apiVersion', 'kind', 'metadata', 'spec', 'status']],
    ['JobSpec', 'batch/v1.JobSpec', ['completions', 'parallelism', 'podFailurePolicy', 'successPolicy', 'managedBy', 'template', 'selector', 'manualSelector']],
    ['JobStatus', 'batch/v1.JobStatus', ['active', 'failed', 'uncountedTerminatedPods', 'failedIndexes', 'terminating', 'ready']],
    ['PodSpec', 'core/v1.PodSpec', ['containers', 'initContainers', 'restartPolicy', 'terminationGracePeriodSeconds', 'affinity', 'volumes']],
    ['Container', 'core/v1.Container', ['name', 'image', 'command', 'args', 'env', 'imagePullPolicy', 'resources', 'restartPolicy']],
    ['ObjectMeta', 'meta/v1.ObjectMeta', ['name', 'labels', 'annotations', 'ownerReferences', 'managedFields']],
  ])('%s', (_name, type, fields) => {
    expect(Object.keys(JobFieldTree.types[type] ?? {})).toEqual(expect.arrayContaining([...fields]));
  });
});
