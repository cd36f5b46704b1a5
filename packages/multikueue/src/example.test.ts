// docs/multikueue.md's runnable example (examples/multikueue-mirror.mjs) run against the built
// `jobkit` package under plain node, as a user would run it.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'packages/jobkit'], { cwd: root, stdio: 'pipe' });
});

test('examples/multikueue-mirror.mjs: a worker lost after partial progress, re-dispatched, Complete with counters carried over', () => {
  const out = execFileSync(process.execPath, ['examples/multikueue-mirror.mjs'], { cwd: root, encoding: 'utf8' });
  expect(out).toMatch(/^mirror \(no remote\): Suspended; .* conditions Suspended$/m);
  expect(out).toMatch(/^worker-1 lost: redispatchAllowed true$/m);
  expect(out).toMatch(
    /^verbatim copy of worker-2: status\.failed: cannot decrease the failed counter; status\.succeeded: cannot decrease the succeeded counter$/m,
  );
  expect(out).toMatch(/^mirror worker-2: Copied; succeeded 1, failed 1, completedIndexes "0", active 2, conditions -$/m);
  expect(out).toMatch(/^job Complete: succeeded 4, failed 1, completedIndexes 0-3; next call writes nothing$/m);
  expect(out).not.toMatch(/rejected/);
});
