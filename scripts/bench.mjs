#!/usr/bin/env node
// Runs every packages/*/bench/*.bench.mjs in turn with plain node (they import built dist/,
// so run `pnpm build` first). Exit status is non-zero if any bench fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = [];
for (const pkg of fs.readdirSync(path.join(root, 'packages')).sort()) {
  const dir = path.join(root, 'packages', pkg, 'bench');
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.bench.mjs')) files.push(path.join(dir, f));
}
let failed = 0;
for (const f of files) {
  console.log(`\n== ${path.relative(root, f)}`);
  const r = spawnSync(process.execPath, ['--expose-gc', f], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    failed++;
    console.log(`(${path.relative(root, f)} exited with ${r.status ?? r.signal})`);
  }
}
console.log(`\n${files.length - failed}/${files.length} bench files ran`);
process.exit(failed > 0 ? 1 : 0);
