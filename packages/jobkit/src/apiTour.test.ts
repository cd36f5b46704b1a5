// The README's API tour is a real program (examples/api-tour.mjs) run against the built
// `jobkit` package under plain node, as a user would run it.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'packages/jobkit'], { cwd: root, stdio: 'pipe' });
});

test('examples/api-tour.mjs decodes, validates and reconciles a Job to Complete', () => {
  const out = execFileSync(process.execPath, ['examples/api-tour.mjs'], { cwd: root, encoding: 'utf8' });
  expect(out).toMatch(/^validateJob: ok$/m);
  expect(out).toMatch(/^pass 1: CreatePod, RecordEvent\(SuccessfulCreate\), CreatePod, RecordEvent\(SuccessfulCreate\), UpdateJobStatus$/m);
  expect(out).toMatch(/^job Complete: CompletionsReached \(Reached expected number of succeeded pods\); succeeded 2$/m);
});
