// The parts of Jobs, Pods and the other argument types that the guarded functions read, as guard
// shapes (shape.ts): each function's shape names only what it reads, so a guard costs no more
// than the call's own reading. Types follow @jobkit/api (types.ts) and the packages' signatures.
import { JobIndexFailureCountAnnotation, JobIndexIgnoredFailureCountAnnotation } from '@jobkit/api';
import { arr, bool, int, merge, num, obj, opt, str, strMap, strMapKeys } from './shape.js';

const optStr = opt(str);
const optInt = opt(int);

// ---- completion indexes -------------------------------------------------------------------------

/** An Interval of OrderedIntervals. */
export const interval = obj({ first: int, last: int }, 'an Interval ({ first, last })');
/** OrderedIntervals, every interval read. */
export const intervals = arr(interval, 'an array of Intervals');

/** What the failure-count readers read of a pod: two annotations. */
export const failureCountPod = obj(
  { metadata: obj({ annotations: opt(strMapKeys(JobIndexFailureCountAnnotation, JobIndexIgnoredFailureCountAnnotation)) }) },
  'a Pod',
);

// ---- pod failure policy -------------------------------------------------------------------------

const terminatedExitCode = obj({ terminated: opt(obj({ exitCode: int })) });
const exitCodeStatus = obj({ name: optStr, state: opt(terminatedExitCode) });

/** What matchPodFailurePolicy reads of a pod: container exit codes, conditions, the name for messages. */
export const policyPod = obj(
  {
    metadata: obj({ namespace: optStr, name: optStr }),
    status: opt(
      obj({
        containerStatuses: opt(arr(exitCodeStatus)),
        initContainerStatuses: opt(arr(exitCodeStatus)),
        conditions: opt(arr(obj({ type: str, status: str }))),
      }),
    ),
  },
  'a Pod',
);

/** spec.podFailurePolicy as the matcher reads it. */
export const podFailurePolicy = obj(
  {
    rules: arr(
      obj({
        action: str,
        onExitCodes: opt(obj({ containerName: optStr, operator: str, values: arr(int) })),
        onPodConditions: opt(arr(obj({ type: str, status: optStr }))),
      }),
    ),
  },
  'a PodFailurePolicy',
);

/** spec.successPolicy as the matcher reads it. */
export const successPolicy = obj({ rules: arr(obj({ succeededIndexes: optStr, succeededCount: optInt })) }, 'a SuccessPolicy');

/** What isPodFailed reads of a pod. */
export const failedPod = obj({ metadata: obj({ deletionTimestamp: optStr }), status: opt(obj({ phase: optStr })) }, 'a Pod');

/** What onlyReplaceFailedPods reads of a spec. */
export const replacementSpec = obj({ podReplacementPolicy: optStr }, 'a JobSpec');

/** isIndexFailed's pod: failed or not, the policy's match, the failure count. */
export const indexFailedPod = merge(merge(failedPod, policyPod), failureCountPod);
/** isIndexFailed's job. */
export const indexFailedJob = obj(
  { spec: obj({ podReplacementPolicy: optStr, podFailurePolicy: opt(podFailurePolicy), backoffLimitPerIndex: optInt }) },
  'a Job',
);
/** getNewIndexFailureCounts' job. */
export const policyJob = obj({ spec: obj({ podFailurePolicy: opt(podFailurePolicy) }) }, 'a Job');
/** getNewIndexFailureCounts' pod. */
export const replacedPod = merge(policyPod, failureCountPod);

// ---- backoff ------------------------------------------------------------------------------------

const finishedAtStatus = obj({ name: optStr, state: opt(obj({ terminated: opt(obj({ finishedAt: optStr })) })) });

/** What getFinishedTimeMs reads of a pod. */
export const finishTimePod = obj(
  {
    metadata: obj({ creationTimestamp: optStr, deletionTimestamp: optStr, deletionGracePeriodSeconds: optInt }),
    spec: opt(obj({ initContainers: opt(arr(obj({ name: optStr, restartPolicy: optStr }))) })),
    status: opt(
      obj({
        containerStatuses: opt(arr(finishedAtStatus)),
        initContainerStatuses: opt(arr(finishedAtStatus)),
        conditions: opt(arr(obj({ type: str, status: str, lastTransitionTime: optStr }))),
      }),
    ),
  },
  'a Pod',
);

/** backoffFromCountedPods' pods: finalizers, phase and the finish time. */
export const countedPod = merge(finishTimePod, obj({ metadata: obj({ finalizers: opt(arr(str)) }), status: opt(obj({ phase: optStr })) }));

/** remainingBackoffMsPerIndex's pod: failure counts and the finish time. */
export const lastFailedPod = merge(finishTimePod, failureCountPod);

export const backoffRecord = obj({ failuresAfterLastSuccess: int, lastFailureTime: optStr }, 'a BackoffRecord');
export const backoffLimits = obj({ baseMs: opt(num), maxMs: opt(num) }, 'BackoffLimits');

// ---- Jobs ---------------------------------------------------------------------------------------

/** What withJobDefaults reads of a Job. */
export const defaultsJob = obj(
  {
    metadata: obj({ labels: opt(strMap) }),
    spec: obj(
      {
        completions: optInt,
        parallelism: optInt,
        backoffLimit: optInt,
        backoffLimitPerIndex: optInt,
        completionMode: optStr,
        suspend: opt(bool),
        manualSelector: opt(bool),
        podReplacementPolicy: optStr,
        podFailurePolicy: opt(obj({ rules: arr(obj({ onPodConditions: opt(arr(obj({ status: optStr }))) })) })),
        template: obj({ metadata: opt(obj({ labels: opt(strMap) })) }),
      },
      'a JobSpec',
    ),
  },
  'a Job',
);

/** What admitJob reads of a Job: the defaults' fields and the identity it stamps. */
export const admittedJob = merge(defaultsJob, obj({ metadata: obj({ name: optStr, generateName: optStr, namespace: optStr }) }));

/** What ttlAfterFinished reads of a Job. */
export const ttlJob = obj(
  {
    metadata: obj({ name: optStr, namespace: optStr, deletionTimestamp: optStr }),
    spec: obj({ ttlSecondsAfterFinished: opt(num) }),
    status: opt(obj({ conditions: opt(arr(obj({ type: str, status: str, lastTransitionTime: optStr }))) })),
  },
  'a Job',
);

/** What finishLocally reads of the manager's Job. */
export const finishLocallyJob = obj(
  {
    status: opt(
      obj({
        startTime: optStr,
        conditions: opt(arr(obj({ type: str, status: str, reason: optStr, message: optStr }))),
      }),
    ),
  },
  'a Job',
);

export const jobFeatureGates = obj(
  { MutablePodResourcesForSuspendedJobs: opt(bool), MutableSchedulingDirectivesForSuspendedJobs: opt(bool) },
  'JobFeatureGates',
);
