// @jobkit/policy: matchPodFailurePolicy, matchSuccessPolicy and the backoffLimitPerIndex
// decisions that depend on the pod failure policy.
export { matchPodFailurePolicy, type PodFailurePolicyMatch } from './podFailurePolicy.js';
export { matchSuccessPolicy, type SuccessPolicyMatch } from './successPolicy.js';
export { isIndexFailed, getNewIndexFailureCounts } from './indexFailure.js';
export { isPodFailed, onlyReplaceFailedPods } from './podFailed.js';
