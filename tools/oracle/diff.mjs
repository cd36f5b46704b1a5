// Differential test: upstream's Job controller (the Go oracle) against jobkit on random cases.
//
//   node tools/oracle/diff.mjs [--family F] --seed S --count N [--limit K] [--only NAMES] [--out shrunk.json] [--no-shrink]
//
// Generates N cases of family F (sync by default; statusValidation, jobValidation,
// jobUpdateValidation) with `oracle generate`, asks upstream (`oracle run`) and jobkit (the built
// packages/jobkit/dist/index.js) for each, compares them with the conformance rules
// (tools/conformance/check.mjs, the checker the jest harness uses too; validation families as sets of
// (type, field) pairs, one difference line per pair) and prints the first K
// divergences, each shrunk greedily (drop pods, then object keys and list items) while the
// divergence persists. --out writes the shrunk cases, with upstream's answers, as a vector file.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkSync, syncWithFailures } from '../conformance/check.mjs';
import { ensureOracle } from './build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const FAMILIES = ['sync', 'statusValidation', 'jobValidation', 'jobUpdateValidation'];

function parseArgs(argv) {
  const a = { seed: 1, count: 200, limit: 5, out: null, shrink: true, quiet: false, family: 'sync' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--seed') a.seed = Number(v());
    else if (k === '--count') a.count = Number(v());
    else if (k === '--limit') a.limit = Number(v());
    else if (k === '--out') a.out = v();
    else if (k === '--family') a.family = v();
    else if (k === '--only') a.only = new Set(v().split(','));
    else if (k === '--no-shrink') a.shrink = false;
    else if (k === '--quiet') a.quiet = true;
    else if (k === '--help' || k === '-h') {
      console.log(`usage: node tools/oracle/diff.mjs [--family ${FAMILIES.join('|')}] --seed S --count N [--limit K] [--only NAME,...] [--out FILE] [--no-shrink] [--quiet]`);
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  if (!Number.isInteger(a.seed) || a.seed < 0) throw new Error('--seed: a non-negative integer');
  if (!Number.isInteger(a.count) || a.count < 1) throw new Error('--count: a positive integer');
  if (!FAMILIES.includes(a.family)) throw new Error(`--family: one of ${FAMILIES.join(', ')}`);
  return a;
}

async function loadJobkit() {
  const dist = path.join(root, 'packages/jobkit/dist/index.js');
  if (!fs.existsSync(dist)) {
    process.stderr.write('building jobkit (npx tsc -b packages/jobkit)...\n');
    execFileSync('npx', ['tsc', '-b', 'packages/jobkit'], { cwd: root, stdio: 'inherit' });
  }
  const mod = await import(pathToFileURL(dist).href);
  if (typeof mod.syncJob !== 'function') throw new Error(`${dist} exports no syncJob`);
  return mod;
}

const oracle = ensureOracle();

let family = 'sync';

function oracleRun(cases) {
  const input = JSON.stringify({ family, source: 'diff.mjs', cases });
  const out = execFileSync(oracle, ['run', '--keep-going'], { input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'ignore'] });
  return JSON.parse(out.toString()).cases;
}

function generate(seed, count) {
  const out = execFileSync(oracle, ['generate', '--family', family, '--seed', String(seed), '--count', String(count)], { maxBuffer: 1 << 30 });
  return JSON.parse(out.toString()).cases;
}

/** Differences between upstream's answer (c.expect) and jobkit's, as check lines. */
function divergence(jobkit, c) {
  if (!c.expect || c.expect.oracleError) return null; // upstream could not run this input
  let res;
  try {
    const x = structuredClone(c);
    res =
      family === 'sync' ? syncWithFailures(jobkit.syncJob, x)
      : family === 'statusValidation' ? jobkit.validateJobStatusUpdate(x.oldJob, x.newJob, x.options)
      : family === 'jobValidation' ? jobkit.validateJob(x.job, x.options)
      : jobkit.validateJobUpdate(x.oldJob, x.newJob, x.options ?? jobkit.getUpdateValidationOptions(x.oldJob, x.featureGates));
  } catch (e) {
    return [`jobkit threw: ${e?.message ?? e}`];
  }
  const errs = family === 'sync' ? checkSync(c, res) : errorSetDiff(c.expect.errors ?? [], res);
  return errs.length ? errs : null;
}

/** Validation families: one line per (type, field) pair on which upstream and jobkit differ. */
function errorSetDiff(want, got) {
  const key = (e) => `${e.type} ${e.field}`;
  const w = new Set(want.map(key));
  const g = new Set((Array.isArray(got) ? got : got?.errors ?? []).map(key));
  return [...[...w].filter((k) => !g.has(k)).map((k) => `missing ${k}`), ...[...g].filter((k) => !w.has(k)).map((k) => `extra ${k}`)];
}

// The field a check line is about ("status.failed: want 1, got 2" -> "status.failed").
const topic = (line) => (family === 'sync' ? syncTopic(line) : line);
const syncTopic = (line) => line.split(/[: ]/)[0] + (line.startsWith('condition ') ? line.split(' ')[1].split(':')[0] : '');

/** Every case obtained by removing one piece of c: whole pods first, then keys / list items, coarse to fine. */
function candidates(c) {
  const out = [];
  const pods = c.pods ?? [];
  const objects = family === 'sync' ? { job: c.job, pods } : family === 'jobValidation' ? { job: c.job } : { oldJob: c.oldJob, newJob: c.newJob };
  for (let i = 0; i < pods.length; i++) out.push({ ...c, pods: pods.filter((_, k) => k !== i) });
  if (c.options) out.push({ ...c, options: undefined });
  if (c.featureGates) out.push({ ...c, featureGates: undefined });
  const paths = [];
  const protectedPath = (p) =>
    /^(job|oldJob|newJob)\.metadata\.(name|namespace|uid)$/.test(p) || /^pods\.\d+\.metadata\.(name|namespace|uid)$/.test(p) || /^pods\.\d+$/.test(p);
  const walk = (node, keys, depth) => {
    if (node === null || typeof node !== 'object') return;
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v]) : Object.entries(node);
    for (const [k, v] of entries) {
      const q = [...keys, k];
      if (!protectedPath(q.join('.'))) paths.push({ q, depth });
      walk(v, q, depth + 1);
    }
  };
  walk(objects, [], 0);
  paths.sort((a, b) => a.depth - b.depth);
  for (const { q } of paths) {
    if (q.length === 1) continue; // the top-level objects themselves
    const next = structuredClone(objects);
    let parent = next;
    for (const k of q.slice(0, -1)) parent = parent[k];
    const last = q[q.length - 1];
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    out.push({ ...c, ...next });
  }
  return out.map((x) => {
    const y = { ...x };
    delete y.expect;
    if (y.options === undefined) delete y.options;
    if (y.featureGates === undefined) delete y.featureGates;
    return y;
  });
}

function shrink(jobkit, c, errs) {
  const topics = new Set(errs.map(topic));
  let cur = c, curErrs = errs, steps = 0;
  for (;;) {
    const cands = candidates(cur);
    let found = null;
    for (let i = 0; i < cands.length && !found; i += 64) {
      const batch = oracleRun(cands.slice(i, i + 64));
      for (const k of batch) {
        const e = divergence(jobkit, k);
        // the same divergence: no new kind of difference may appear while shrinking
        if (e && e.some((l) => topics.has(topic(l))) && e.every((l) => topics.has(topic(l)))) {
          found = { k, e };
          break;
        }
      }
    }
    if (!found || ++steps > 400) return { c: cur, errs: curErrs, steps };
    cur = found.k;
    curErrs = found.e;
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  family = args.family;
  const jobkit = await loadJobkit();
  const cases = oracleRun(generate(args.seed, args.count).filter((c) => !args.only || args.only.has(c.name)));
  const diverging = [];
  let skipped = 0;
  for (const c of cases) {
    if (c.expect?.oracleError) {
      skipped++;
      continue;
    }
    const e = divergence(jobkit, c);
    if (e) diverging.push({ c, e });
  }
  const shrunk = [];
  for (const { c, e } of diverging.slice(0, args.limit)) {
    console.log(`\n=== ${c.name}: ${e.length} difference(s)`);
    for (const l of e) console.log(`    ${l}`);
    if (!args.shrink) continue;
    const s = shrink(jobkit, c, e);
    console.log(family === 'sync' ? `  shrunk in ${s.steps} step(s) to ${(s.c.pods ?? []).length} pod(s):` : `  shrunk in ${s.steps} step(s):`);
    for (const l of s.errs) console.log(`    ${l}`);
    if (!args.quiet) {
      for (const k of ['now', 'job', 'oldJob', 'newJob', 'options', 'featureGates', 'expect']) if (s.c[k] !== undefined) console.log(`  ${k}: ${JSON.stringify(s.c[k])}`);
      for (const p of s.c.pods ?? []) console.log(`  pod: ${JSON.stringify(p)}`);
    }
    shrunk.push({ ...s.c, name: `${c.name}/shrunk` });
    if (family !== 'sync') delete shrunk[shrunk.length - 1].pods;
  }
  if (args.out && shrunk.length) {
    const version = execFileSync(oracle, ['version']).toString().trim();
    const doc = { family, source: `shrunk divergences from tools/oracle/diff.mjs --seed ${args.seed} --count ${args.count}; expectations from ${version}`, cases: shrunk };
    fs.writeFileSync(args.out, JSON.stringify(doc, null, 1) + '\n');
    console.log(`\nwrote ${shrunk.length} shrunk case(s) to ${args.out}`);
  }
  const byTopic = new Map();
  for (const { e } of diverging) for (const t of new Set(e.map(topic))) byTopic.set(t, (byTopic.get(t) ?? 0) + 1);
  if (byTopic.size) {
    console.log('\ndiverging cases by field:');
    for (const [t, n] of [...byTopic].sort((x, y) => y[1] - x[1])) console.log(`  ${String(n).padStart(5)}  ${t}`);
  }
  console.log(`\nsummary: ${diverging.length}/${cases.length - skipped} cases diverge from upstream (seed ${args.seed}${skipped ? `, ${skipped} skipped: upstream could not run them` : ''})`);
  return diverging.length;
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e?.stack ?? String(e));
    process.exit(2);
  },
);
