// `pnpm lint` (run by `pnpm test`): typescript-eslint's recommended rules over every package, and
// the core packages' rule as lint rules — no clock, no randomness, no I/O, no process state
// (adapters, runner and cli, are the only packages that touch the world).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pure = ['api', 'indexes', 'backoff', 'policy', 'core', 'validation', 'loop', 'sim', 'multikueue', 'jobkit'];
const ioModules = ['fs', 'child_process', 'net', 'http', 'https', 'os', 'process', 'worker_threads', 'dgram', 'tls', 'cluster', 'readline'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'docs/api/**', 'tools/**', '.kube/**', '**/bench/.tmp*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        globalThis: 'readonly',
        structuredClone: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        queueMicrotask: 'readonly',
        setImmediate: 'readonly',
        AbortController: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Tests build hostile input on purpose: casts to any, sparse arrays, imprecise literals.
    files: ['**/*.test.ts', '**/__tests__/**', 'packages/jobkit/src/testing/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-sparse-arrays': 'off', 'no-loss-of-precision': 'off' },
  },
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  {
    // The purity rule of the core packages (their sources; tests may use the clock and files).
    files: pure.map((p) => `packages/${p}/src/**/*.ts`),
    ignores: ['**/*.test.ts', '**/__tests__/**', 'packages/jobkit/src/testing/**', 'packages/jobkit/src/conformance/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core packages read no clock: take `now` as an argument' },
        { object: 'performance', property: 'now', message: 'core packages read no clock' },
        { object: 'Math', property: 'random', message: 'core packages draw no randomness' },
        { object: 'process', message: 'core packages do not touch the process (env, argv, streams, exit)' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core packages read no clock (new Date() is now)' },
        { selector: "CallExpression[callee.name='require']", message: 'ESM only: no require' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core packages do not touch the process' },
        { name: 'fetch', message: 'core packages do no I/O' },
      ],
      'no-restricted-imports': ['error', { patterns: [{ regex: `^(node:)?(${ioModules.join('|')})(/.*)?$`, message: 'core packages do no I/O' }] }],
    },
  },
);
