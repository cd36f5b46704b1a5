// jobkit: the public API. Re-exports the pure packages; adapters (runner, cli) stay out.
export * from '@jobkit/api';
export * from '@jobkit/indexes';
export * from '@jobkit/backoff';
export * from '@jobkit/policy';
export * from '@jobkit/core';
export * from '@jobkit/validation';
export * from '@jobkit/sim';
export * from '@jobkit/multikueue';
