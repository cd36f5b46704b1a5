// The packages as users install them: scripts/pack-check.mjs packs every package, installs the
// tarballs with plain npm in an empty folder outside the monorepo and checks the contents, the
// imports, the types, the READMEs' examples and the `jobkit` bin there (about 15 s; it needs the
// npm registry for third-party dependencies not yet in npm's cache). JOBKIT_PACK_TEST=0 skips it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const packTest = process.env['JOBKIT_PACK_TEST'] === '0' ? test.skip : test;

describe('packed tarballs', () => {
  packTest(
    'install with npm outside the monorepo and work there',
    () => {
      const r = spawnSync(process.execPath, [join(root, 'scripts', 'pack-check.mjs'), '--json'], { cwd: root, encoding: 'utf8', timeout: 170_000 });
      let result: { sizes: Record<string, number>; problems: string[] };
      try {
        result = JSON.parse(r.stdout);
      } catch {
        throw new Error(`scripts/pack-check.mjs printed no result (exit ${r.status}):\n${r.stdout}${r.stderr}${r.error ?? ''}`);
      }
      expect(result.problems).toEqual([]);
      expect(Object.keys(result.sizes)).toContain('jobkit');
      expect(r.status).toBe(0);
    },
    180_000,
  );
});
