// One jest run over every package. Tests import workspace packages from their TypeScript
// sources (no build needed) and relative `.js` specifiers are mapped back to `.ts`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages'],
  testMatch: ['**/src/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.(t|j)sx?$|^.+\\.mjs$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@jobkit/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^jobkit$': '<rootDir>/packages/jobkit/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/packages/.*/dist/'],
  // Tests against a real API server run with `pnpm test:cluster` (jest.cluster.config.cjs).
  testPathIgnorePatterns: ['/node_modules/', '\\.cluster\\.test\\.ts$'],
  testTimeout: 60000,
  setupFilesAfterEnv: ['<rootDir>/scripts/jest.fastcheck.cjs'],
};
