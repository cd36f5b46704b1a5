// `pnpm test:cluster`: the tests that talk to a real kube-apiserver (KUBECONFIG, from
// `pnpm kube:up`). One file at a time: they share one API server and a 2-core machine.
const base = require('./jest.config.cjs');
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['**/src/**/*.cluster.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  // @kubernetes/client-node 1.x and its auth dependencies are ESM-only: compiled too (npm's and
  // pnpm's node_modules/.pnpm layouts).
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(@kubernetes(/|\\+)client-node|openid-client|oauth4webapi|jose)[@/])'],
  maxWorkers: 1,
  testTimeout: 300000,
};
