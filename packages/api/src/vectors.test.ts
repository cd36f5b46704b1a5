// Every Job and Pod object in the shared conformance vectors decodes and encodes back to
// identical JSON (key order included).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeJob, encodePod, parseJob, parsePod } from './index.js';

const dir = path.resolve(__dirname, '../../../testdata/conformance/shared');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

interface Row {
  readonly name: string;
  readonly kind: 'job' | 'pod';
  readonly object: unknown;
}

function rows(file: string): Row[] {
  const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { cases: Array<Record<string, unknown> & { name: string }> };
  const out: Row[] = [];
  for (const c of doc.cases) {
    for (const key of ['job', 'oldJob', 'newJob'] as const) {
      if (c[key] !== undefined) out.push({ name: `${c.name} ${key}`, kind: 'job', object: c[key] });
    }
    if (c.pod !== undefined) out.push({ name: `${c.name} pod`, kind: 'pod', object: c.pod });
    if (Array.isArray(c.pods)) c.pods.forEach((p, i) => out.push({ name: `${c.name} pods[${i}]`, kind: 'pod', object: p }));
  }
  return out;
}

test('vector files are present', () => {
  expect(files.length).toBeGreaterThan(0);
});

for (const file of files) {
  const table = rows(file);
  if (table.length === 0) continue;
  describe(file, () => {
    test.each(table)('$name', ({ kind, object }) => {
      const r = kind === 'job' ? parseJob(object) : parsePod(object);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      const back = kind === 'job' ? encodeJob(r.value as never) : encodePod(r.value as never);
      expect(JSON.stringify(back)).toBe(JSON.stringify(object));
    });
  });
}
