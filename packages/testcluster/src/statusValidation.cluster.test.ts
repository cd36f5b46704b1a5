// validateJobStatusUpdate agrees with a real kube-apiserver v1.37.2 on every statusValidation
// vector in testdata/conformance (shared, ported from upstream's tests, oracle goldens): the old
// Job is created on the server (managed by a controller that does not run), its old status
// written (and spec.suspend set after it, as a suspended Job's status cannot be written), then
// the new status PUT; the server's accept/reject and the (type, field) pairs it names must equal
// ours. Cases whose old state the server will not take (a spec it rejects on create, an old
// status it rejects from an empty one) are counted as not set up, with the reason.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateJobStatusUpdate, type Job } from 'jobkit';
import { fieldErrorsOf, jobsPath, type Kube, type Response } from './client.js';
import { clusterFromEnv, createNamespace, deleteNamespace } from './cluster.js';
import { serverCopyOf } from './serverCopy.js';
import { pairs } from './__tests__/replay.js';

const kube = clusterFromEnv('jobkit-status-validation');
const run = kube !== undefined ? describe : describe.skip;
const root = path.resolve(__dirname, '..', '..', '..', 'testdata', 'conformance');

interface Case {
  readonly file: string;
  readonly name: string;
  readonly oldJob: Job;
  readonly newJob: Job;
  readonly expect: { readonly errors: readonly { readonly type: string; readonly field: string }[] };
  /** Validation options other than the release's defaults (upstream's gate-off cases). */
  readonly options?: Record<string, unknown>;
}

function vectors(): Case[] {
  const out: Case[] = [];
  for (const dir of ['shared', 'ported', 'oracle']) {
    for (const f of fs
      .readdirSync(path.join(root, dir))
      .filter((x) => x.endsWith('.json'))
      .sort()) {
      const doc = JSON.parse(fs.readFileSync(path.join(root, dir, f), 'utf8')) as { family?: string; cases?: Omit<Case, 'file'>[] };
      if (doc.family !== 'statusValidation') continue;
      for (const c of doc.cases ?? []) out.push({ ...c, file: `${dir}/${f}` });
    }
  }
  return out;
}

type Outcome =
  { readonly kind: 'notSetUp'; readonly why: string } | { readonly kind: 'judged'; readonly server: string; readonly ours: string; readonly expected: string };

const MinimalTemplate = { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } } as const;

async function judge(k: Kube, ns: string, name: string, c: Case): Promise<Outcome> {
  const suspended = c.oldJob.spec?.suspend === true;
  // Upstream's strategy tests build Jobs without a pod template; no status rule reads it, and the
  // server needs one to create the Job.
  const spec = { ...c.oldJob.spec, template: c.oldJob.spec?.template ?? MinimalTemplate, suspend: false };
  const created: Response<Job> = await k.post<Job>(jobsPath(ns), serverCopyOf({ ...c.oldJob, spec }, name));
  if (created.status !== 201) return { kind: 'notSetUp', why: `create: ${pairs(fieldErrorsOf(created)) || `HTTP ${created.status}`}` };
  let stored = created.body;
  if (Object.keys(c.oldJob.status ?? {}).length > 0) {
    const res = await k.put<Job>(`${jobsPath(ns, name)}/status`, { ...stored, status: c.oldJob.status });
    if (res.status !== 200) return { kind: 'notSetUp', why: `old status: ${pairs(fieldErrorsOf(res)) || `HTTP ${res.status}`}` };
    stored = res.body;
  }
  if (suspended) {
    const res = await k.put<Job>(jobsPath(ns, name), { ...stored, spec: { ...stored.spec, suspend: true } });
    if (res.status !== 200) return { kind: 'notSetUp', why: `suspend: ${pairs(fieldErrorsOf(res)) || `HTTP ${res.status}`}` };
    stored = res.body;
  }
  const res = await k.put<Job>(`${jobsPath(ns, name)}/status`, { ...stored, status: c.newJob.status ?? {} });
  const server = res.status === 200 ? '' : pairs(fieldErrorsOf(res)) || `HTTP ${res.status}`;
  return { kind: 'judged', server, ours: pairs(validateJobStatusUpdate(c.oldJob, c.newJob)), expected: pairs(c.expect.errors) };
}

run('validateJobStatusUpdate agrees with a real kube-apiserver v1.37.2', () => {
  const k = kube as Kube;
  let ns: string;
  beforeAll(async () => {
    ns = await createNamespace(k, 'status-validation');
  });
  afterAll(async () => {
    await deleteNamespace(k, ns);
  });

  test('every statusValidation vector: the server accepts or rejects as we do, naming the same fields', async () => {
    const cases = vectors();
    const outcomes: (Outcome & { readonly c: Case })[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length) {
        const i = next++;
        const c = cases[i]!;
        outcomes.push({ ...(await judge(k, ns, `v${i}`, c)), c });
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    const judged = outcomes.filter((o) => o.kind === 'judged') as (Extract<Outcome, { kind: 'judged' }> & { c: Case })[];
    const agree = judged.filter((o) => o.server === o.ours);
    // A vector with non-default options describes a server with some rules off: its expectation is
    // not this server's answer; ours is still judged at the server's defaults.
    const atDefaults = judged.filter((o) => o.c.options === undefined);
    const serverMatchesVector = atDefaults.filter((o) => o.server === o.expected);
    const rejectedByServer = judged.filter((o) => o.server !== '').length;
    const notSetUp = outcomes.filter((o) => o.kind === 'notSetUp') as (Extract<Outcome, { kind: 'notSetUp' }> & { c: Case })[];
    const whyCounts = new Map<string, number>();
    for (const o of notSetUp) whyCounts.set(o.why, (whyCounts.get(o.why) ?? 0) + 1);
    console.log(
      [
        `statusValidation vectors on the real API server: ${cases.length} cases, ${judged.length} judged (${rejectedByServer} rejected by the server), ${notSetUp.length} not set up`,
        `validateJobStatusUpdate agrees with the server on ${agree.length}/${judged.length}; the vectors' expectations equal the server's answer on ${serverMatchesVector.length}/${atDefaults.length} (the ${judged.length - atDefaults.length} others carry non-default validation options)`,
        ...[...whyCounts].map(([why, n]) => `  not set up ×${n}: ${why}`),
        ...atDefaults
          .filter((o) => o.server !== o.expected)
          .map((o) => `  vector ≠ server: ${o.c.file} "${o.c.name}": server [${o.server}] vector [${o.expected}]`),
      ].join('\n'),
    );
    const disagreements = judged
      .filter((o) => o.server !== o.ours)
      .map((o) => `${o.c.file} "${o.c.name}": server [${o.server}] ours [${o.ours}] vector [${o.expected}]`);
    expect(disagreements).toEqual([]);
    expect(atDefaults.filter((o) => o.server !== o.expected).map((o) => `${o.c.file} "${o.c.name}"`)).toEqual([]);
    // Nearly every vector must be judged, or this test says little.
    expect(judged.length).toBeGreaterThan(cases.length * 0.9);
  });
});

if (kube === undefined) test.skip('cluster tests need KUBECONFIG (pnpm kube:up)', () => undefined);
