// Builds the oracle binary (tools/oracle/bin/oracle) when it is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));

export function ensureOracle() {
  const bin = path.join(dir, 'bin', 'oracle');
  const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum');
  const newest = Math.max(...sources.map((f) => fs.statSync(path.join(dir, f)).mtimeMs));
  if (!fs.existsSync(bin) || fs.statSync(bin).mtimeMs < newest) {
    process.stderr.write('building tools/oracle (first build downloads k8s.io/kubernetes and takes minutes)...\n');
    execFileSync('go', ['build', '-o', bin, '.'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return bin;
}
