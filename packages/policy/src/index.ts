// @jobkit/policy: matchPodFailurePolicy and matchSuccessPolicy
export {};
