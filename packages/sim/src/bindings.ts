// Bindings to the pure packages (@jobkit/core, @jobkit/validation, @jobkit/api) as their contracts
// say, resolved at run time so that sim, runner and cli build while those packages are written in
// parallel. Mirrors nothing upstream: it is the seam between the adapters and the pure core.
import * as api from '@jobkit/api';
import * as core from '@jobkit/core';
import * as validation from '@jobkit/validation';
import type { Job, JobStatus, Pod } from '@jobkit/api';
import type { Action as CoreAction, SyncResult as CoreSyncResult } from '@jobkit/core';
import type { FieldError as CoreFieldError } from '@jobkit/validation';

/** One action of a reconcile pass (the `Action` union of @jobkit/core). */
export type ControllerAction =
  | { readonly type: 'CreatePod'; readonly pod: Pod; readonly index?: number }
  | { readonly type: 'DeletePod'; readonly name: string; readonly uid: string }
  | { readonly type: 'RemovePodFinalizer'; readonly name: string; readonly uid: string }
  | { readonly type: 'UpdateJobStatus'; readonly status: JobStatus }
  | {
      readonly type: 'RecordEvent';
      readonly eventType: 'Normal' | 'Warning';
      readonly reason: string;
      readonly message: string;
    };

/** Controller memory and limits handed to one pass (`SyncOptions` of @jobkit/core). */
export interface ControllerSyncOptions {
  readonly expectationsSatisfied?: boolean;
  readonly finalizerRemovalsPending?: readonly string[];
  readonly backoff?: unknown;
  readonly maxUncountedPods?: number;
  readonly maxPodCreateDeletePerSync?: number;
}

/** What one pass decides (`SyncResult` of @jobkit/core). The backoff record is opaque here. */
export interface ControllerSyncResult {
  readonly actions: readonly ControllerAction[];
  readonly status: JobStatus;
  readonly backoff: unknown;
  readonly requeueAfterMs?: number;
  readonly error?: string;
}

/** A validation error as the API server reports it (`FieldError` of @jobkit/validation). */
export interface SpecFieldError {
  readonly type: string;
  readonly field: string;
  readonly detail?: string;
  readonly value?: unknown;
}

// Compile-time checks that the contracts above still describe what the packages export.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type BindingContractsHold = [
  Holds<Same<CoreAction, ControllerAction>>,
  Holds<CoreSyncResult['actions'] extends readonly ControllerAction[] ? true : false>,
  Holds<CoreFieldError extends SpecFieldError ? true : false>,
];

export interface ClusterObjects {
  readonly job: Job;
  readonly pods: readonly Pod[];
}

export interface ApplyActionsOptions {
  readonly now: Date;
  readonly generateName: (prefix: string) => string;
  readonly generateUid: (name: string) => string;
}

/** The functions the adapters need, each possibly not written yet. */
export interface ControllerBindings {
  readonly syncJob?: (job: Job, pods: readonly Pod[], now: Date, options?: ControllerSyncOptions) => ControllerSyncResult;
  readonly applyActions?: (state: ClusterObjects, actions: readonly ControllerAction[], options: ApplyActionsOptions) => ClusterObjects;
  readonly validateJob?: (job: Job) => readonly SpecFieldError[];
  readonly validateJobStatusUpdate?: (oldJob: Job, newJob: Job) => readonly SpecFieldError[];
  readonly withJobDefaults?: (job: Job) => Job;
  readonly decodeJob?: (input: unknown) => unknown;
}

function lookup<T>(module: unknown, name: string): T | undefined {
  const value = (module as Record<string, unknown>)[name];
  return typeof value === 'function' ? (value as T) : undefined;
}

/** The bindings present in this build. */
export function loadControllerBindings(): ControllerBindings {
  return {
    syncJob: lookup(core, 'syncJob'),
    applyActions: lookup(core, 'applyActions'),
    validateJob: lookup(validation, 'validateJob'),
    validateJobStatusUpdate: lookup(validation, 'validateJobStatusUpdate'),
    withJobDefaults: lookup(api, 'withJobDefaults'),
    decodeJob: lookup(api, 'decodeJob'),
  };
}

/** Thrown when a command needs a pure function that this build does not have yet. */
export class MissingBindingError extends Error {
  constructor(readonly binding: string, readonly pkg: string) {
    super(`${binding} is not available: ${pkg} does not export it in this build`);
    this.name = 'MissingBindingError';
  }
}

/** The named function, or a MissingBindingError naming the package that should export it. */
export function requireBinding<K extends keyof ControllerBindings>(
  bindings: ControllerBindings,
  name: K,
): NonNullable<ControllerBindings[K]> {
  const fn = bindings[name];
  if (fn === undefined) {
    const pkg = name === 'syncJob' || name === 'applyActions' ? '@jobkit/core'
      : name === 'withJobDefaults' || name === 'decodeJob' ? '@jobkit/api' : '@jobkit/validation';
    throw new MissingBindingError(name, pkg);
  }
  return fn as NonNullable<ControllerBindings[K]>;
}
