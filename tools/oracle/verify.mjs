// Checks the oracle's answers against the expectations of existing sync vector files:
//   node tools/oracle/verify.mjs [files...]   (default: testdata/conformance/shared/sync-*.json)
// Mismatches reveal either oracle-driving bugs or stale vectors. One pass per case, pods listed
// in input order (upstream's own tests only assert what does not depend on the order).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkStatusValidation, checkSync, expectAsResult } from '../conformance/check.mjs';
import { ensureOracle } from './build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
let files = process.argv.slice(2);
if (files.length === 0) {
  const dir = path.join(root, 'testdata/conformance/shared');
  files = fs.readdirSync(dir).filter((f) => /^(sync-.*|status-validation)\.json$/.test(f)).sort().map((f) => path.join(dir, f));
}
const oracle = ensureOracle();
let total = 0, bad = 0;
for (const file of files) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!['sync', 'statusValidation', 'jobValidation', 'jobUpdateValidation'].includes(doc.family)) continue;
  const out = JSON.parse(execFileSync(oracle, ['run', '--exact-times', '--runs', '1', '--keep-going'], { input: JSON.stringify(doc), maxBuffer: 1 << 30 }).toString());
  doc.cases.forEach((c, i) => {
    total++;
    const got = out.cases[i].expect;
    const errs = got.oracleError
      ? [`upstream could not run it: ${got.oracleError}`]
      : doc.family === 'sync'
        ? checkSync(c, expectAsResult(got))
        : checkStatusValidation(c, got.errors);
    if (errs.length) {
      bad++;
      console.log(`${path.relative(root, file)} :: ${c.name}`);
      for (const e of errs) console.log(`    ${e}`);
    }
  });
}
console.log(`${total - bad}/${total} cases agree with the oracle (${upstream(oracle)})`);

function upstream(bin) {
  return execFileSync(bin, ['version']).toString().trim();
}
