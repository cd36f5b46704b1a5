// `pnpm test:cluster`: the tests that talk to a real kube-apiserver (KUBECONFIG, from
// `pnpm kube:up`). One file at a time: they share one API server and a 2-core machine.
const base = require('./jest.config.cjs');
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['**/src/**/*.cluster.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 300000,
};
