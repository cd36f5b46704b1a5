// A SyncCtx for testing the per-step functions on their own: the context syncJob itself builds.
import type { Job, Pod } from '@jobkit/api';
import type { SyncCtx } from '../internal/context.js';
import { passContext } from '../passContext.js';

export function testCtx(job: Job, pods: readonly Pod[], expectedRmFinalizers: readonly string[] = []): SyncCtx {
  return passContext(job, pods, new Date('2026-01-01T00:00:00Z'), { finalizerRemovalsPending: expectedRmFinalizers });
}
