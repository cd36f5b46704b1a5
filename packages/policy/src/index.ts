// @jobkit/policy: matchPodFailurePolicy, matchSuccessPolicy and the backoffLimitPerIndex helpers.
export { matchPodFailurePolicy, type PodFailurePolicyMatch } from './podFailurePolicy.js';
export { matchSuccessPolicy, type SuccessPolicyMatch } from './successPolicy.js';
export {
  isIndexFailed,
  getNewIndexFailureCounts,
  getIndexFailureCount,
  getIndexIgnoredFailureCount,
  getIndexAbsoluteFailureCount,
  type IndexFailureCounts,
} from './indexFailure.js';
