// The API reference in docs/api is generated from the doc comments (TypeDoc, typedoc.json): this
// test regenerates it and fails when the committed copy differs or TypeDoc warns (e.g. a broken
// {@link}). Fix with `pnpm docs:api`.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

test('docs/api is what the doc comments say', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'api-docs.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
  expect(`${r.stdout}${r.stderr}`).toMatch(/docs\/api matches the doc comments/);
  expect(r.status).toBe(0);
}, 120_000);
