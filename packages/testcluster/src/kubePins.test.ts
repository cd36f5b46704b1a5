// tools/kube (the real API server of the cluster tests) and tools/oracle (upstream's controller
// and validation) must build the same Kubernetes: one k8s.io/kubernetes release, one set of
// staging pins. This test is the check that keeps the two go.mod files equal on that.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const goMod = (tool: string): string => fs.readFileSync(path.join(root, 'tools', tool, 'go.mod'), 'utf8');

/** The `replace (...)` block's lines, trimmed, in order. */
const replaceBlock = (mod: string): string[] => {
  const m = /^replace \(\n([\s\S]*?)^\)/m.exec(mod);
  return (m?.[1] ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('//'));
};

/** The required version of a module (direct or indirect). */
const required = (mod: string, module: string): string | undefined =>
  new RegExp(`^\\s*(?:require\\s+)?${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} (v\\S+)`, 'm').exec(mod)?.[1];

describe('tools/kube and tools/oracle build the same Kubernetes', () => {
  const kube = goMod('kube');
  const oracle = goMod('oracle');
  test('the same k8s.io/kubernetes release', () => {
    expect(required(kube, 'k8s.io/kubernetes')).toBe('v1.37.2');
    expect(required(oracle, 'k8s.io/kubernetes')).toBe('v1.37.2');
  });
  test('the same staging replace block', () => {
    expect(replaceBlock(oracle).length).toBeGreaterThan(20);
    expect(replaceBlock(kube)).toEqual(replaceBlock(oracle));
  });
  test('etcd at the version k8s.io/kubernetes v1.37.2 requires', () => {
    expect(required(kube, 'go.etcd.io/etcd/server/v3')).toBe('v3.7.0');
    expect(required(oracle, 'go.etcd.io/etcd/client/v3')).toBe('v3.7.0');
  });
  test('the build stamps the same release kubectl checks against', () => {
    const build = fs.readFileSync(path.join(root, 'tools', 'kube', 'build.sh'), 'utf8');
    // build.sh reads the version from go.mod: one place.
    expect(build).toContain('k8s.io/kubernetes');
    expect(build).not.toMatch(/VERSION="v\d/);
  });
});
