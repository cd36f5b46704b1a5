// Test support for a real kube-apiserver (tools/kube): not published, used by `pnpm test:cluster`.
export * from './client.js';
export * from './cluster.js';
export * from './testKubelet.js';
