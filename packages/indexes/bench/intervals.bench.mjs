// Micro-benchmark of @jobkit/indexes against the built dist/ (run `npx tsc -b packages/indexes` first):
//   node packages/indexes/bench/intervals.bench.mjs
// Prints, per set shape and operation, the median time of repeated runs (µs) and the heap the
// result retains (heap delta after a forced GC). Shows that cost follows intervals, not indexes.
import v8 from 'node:v8';
import vm from 'node:vm';
import { countIndexes, firstPendingIndexes, formatIntervals, hasIndex, mergeIntervals, parseIndexesFromString, parseIndexesStrict } from '../dist/index.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

/** Median wall time of `fn` in µs, over enough runs to fill ~`budgetMs`. */
function medianMicros(fn, budgetMs = 300) {
  for (let k = 0; k < 3; k++) fn(); // warm up
  const samples = [];
  const deadline = performance.now() + budgetMs;
  while (samples.length < 5 || (performance.now() < deadline && samples.length < 10_000)) {
    const t0 = performance.now();
    fn();
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], runs: samples.length };
}

/** The result being measured; cleared before each baseline so the previous one is not counted. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- written only to keep the result reachable
let held;

/** Heap bytes retained by the result of one call (after GC on both sides; median of 5). */
function retainedBytes(fn) {
  const deltas = [];
  for (let k = 0; k < 5; k++) {
    held = undefined;
    gc();
    const before = process.memoryUsage().heapUsed;
    held = fn();
    gc();
    deltas.push(process.memoryUsage().heapUsed - before);
  }
  held = undefined;
  deltas.sort((a, b) => a - b);
  return deltas[2];
}

const everyOther = Array.from({ length: 50_000 }, (_, i) => String(2 * i)).join(','); // 10^5 wide, 5·10^4 intervals
const oddOnes = Array.from({ length: 50_000 }, (_, i) => ({ first: 2 * i + 1, last: 2 * i + 1 }));
const shapes = [
  {
    name: '1e5 wide, every other index',
    text: everyOther,
    completions: 100_000,
    other: oddOnes, // union fills every gap: 5·10^4 + 5·10^4 intervals -> 1
    pendingCompletions: 100_000,
  },
  {
    name: 'hostile: 10 MB of "1-,"',
    text: '1-,'.repeat(3_333_334),
    completions: 100_000,
    other: [],
    pendingCompletions: 100_000,
  },
  {
    name: '1e8 wide, "0-99999999"',
    text: '0-99999999',
    completions: 100_000_000,
    other: [{ first: 100_000_001, last: 100_000_001 }],
    pendingCompletions: 100_000_500,
  },
];

const rows = [];
for (const shape of shapes) {
  const set = parseIndexesFromString(shape.text, shape.completions);
  const ops = [
    ['parse (lenient)', () => parseIndexesFromString(shape.text, shape.completions)],
    ['parse (strict)', () => parseIndexesStrict(shape.text, shape.completions)],
    ['format', () => formatIntervals(set)],
    ['count', () => countIndexes(set)],
    ['has (binary search)', () => hasIndex(set, shape.completions - 1)],
    ['union', () => mergeIntervals(set, shape.other)],
    ['firstPending(500)', () => firstPendingIndexes(500, shape.pendingCompletions, set)],
  ];
  for (const [op, fn] of ops) {
    const { median, runs } = medianMicros(fn);
    rows.push({ shape: shape.name, intervals: set.length, op, median, runs, heap: retainedBytes(fn) });
  }
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log(`${pad('set', 30)} ${lpad('intervals', 9)}  ${pad('operation', 20)} ${lpad('median µs', 11)} ${lpad('runs', 6)} ${lpad('heap Δ KiB', 11)}`);
console.log('-'.repeat(94));
for (const r of rows) {
  console.log(
    `${pad(r.shape, 30)} ${lpad(r.intervals, 9)}  ${pad(r.op, 20)} ${lpad(r.median.toFixed(2), 11)} ${lpad(r.runs, 6)} ${lpad((r.heap / 1024).toFixed(1), 11)}`,
  );
}
