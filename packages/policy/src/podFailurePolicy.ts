// Mirrors pkg/controller/job/pod_failure_policy.go (matchPodFailurePolicy), all Job gates on.
import type {
  ContainerStatus,
  Pod,
  PodCondition,
  PodFailurePolicy,
  PodFailurePolicyAction,
  PodFailurePolicyOnExitCodesRequirement,
  PodFailurePolicyOnPodConditionsPattern,
  PodStatus,
} from '@jobkit/api';

/** What a failed pod's match against `spec.podFailurePolicy` decides. */
export interface PodFailurePolicyMatch {
  /** Action of the first matching rule; absent when no rule matched (or there is no policy). */
  readonly action?: PodFailurePolicyAction;
  /** Whether the failure counts towards backoffLimit / backoffLimitPerIndex (false only for Ignore). */
  readonly countFailed: boolean;
  /** Upstream's exact message, present only when a FailJob rule matched. */
  readonly jobFailureMessage?: string;
  /** Index of the matched rule in `rules`. */
  readonly rule?: number;
}

const NO_MATCH: PodFailurePolicyMatch = { countFailed: true };

/**
 * Matches a failed pod against the pod failure policy rules, first matching rule wins.
 * Rules with an unknown action are skipped and an unknown operator never matches, as upstream;
 * a malformed policy (no rules, rules not a list, null entries) never throws.
 *
 * @category Pod failure policy
 * @example
 * matchPodFailurePolicy({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }, pod)
 * // → { action: 'Ignore', countFailed: false, rule: 0 } when the pod has DisruptionTarget=True
 */
export function matchPodFailurePolicy(podFailurePolicy: PodFailurePolicy | undefined | null, pod: Pod): PodFailurePolicyMatch {
  if (podFailurePolicy == null) return NO_MATCH;
  const rules: unknown = (podFailurePolicy as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) return NO_MATCH;
  const status: PodStatus = pod?.status ?? {};
  for (let index = 0; index < rules.length; index++) {
    // A hole has no JSON form: reading stops there, so a sparse 2^32-long list costs nothing.
    if (!(index in rules)) break;
    const rule = rules[index] as Record<string, unknown> | null;
    if (rule == null || typeof rule !== 'object') continue;
    const action = rule.action;
    // Upstream checks onExitCodes first; onPodConditions only when onExitCodes is nil.
    if (rule.onExitCodes != null) {
      const container = matchOnExitCodes(status, rule.onExitCodes as PodFailurePolicyOnExitCodesRequirement);
      if (container === undefined) continue;
      const exitCode = container.state?.terminated?.exitCode;
      const failJobMessage = () =>
        `Container ${container.name ?? ''} for pod ${podRef(pod)} failed with exit code ${exitCode} matching FailJob rule at index ${index}`;
      const match = decide(action, index, failJobMessage);
      if (match) return match;
    } else if (rule.onPodConditions != null) {
      const condition = matchOnPodConditions(status, rule.onPodConditions);
      if (condition === undefined) continue;
      const failJobMessage = () => `Pod ${podRef(pod)} has condition ${condition.type} matching FailJob rule at index ${index}`;
      const match = decide(action, index, failJobMessage);
      if (match) return match;
    }
  }
  return NO_MATCH;
}

/** The outcome of a matched rule, or undefined for an unknown action (the rule is skipped). */
function decide(action: unknown, rule: number, failJobMessage: () => string): PodFailurePolicyMatch | undefined {
  switch (action) {
    case 'Ignore':
      return { action, countFailed: false, rule };
    case 'FailIndex': // JobBackoffLimitPerIndex is GA: the gate check upstream is always true.
    case 'Count':
      return { action, countFailed: true, rule };
    case 'FailJob':
      return { action, countFailed: true, jobFailureMessage: failJobMessage(), rule };
    default:
      return undefined;
  }
}

function podRef(pod: Pod): string {
  return `${pod?.metadata?.namespace ?? ''}/${pod?.metadata?.name ?? ''}`;
}

/** First terminated non-zero container matching the requirement: app containers, then init containers. */
function matchOnExitCodes(status: PodStatus, requirement: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  return firstMatchingContainer(status.containerStatuses, requirement) ?? firstMatchingContainer(status.initContainerStatuses, requirement);
}

function firstMatchingContainer(
  statuses: readonly ContainerStatus[] | undefined,
  requirement: PodFailurePolicyOnExitCodesRequirement,
): ContainerStatus | undefined {
  if (!Array.isArray(statuses)) return undefined;
  const wantName = requirement.containerName;
  for (let i = 0; i < statuses.length && i in statuses; i++) {
    const cs = statuses[i] as ContainerStatus | null;
    const terminated = cs?.state?.terminated;
    // A container still running has no exit code to match.
    if (cs == null || terminated == null) continue;
    if (wantName != null && wantName !== (cs.name ?? '')) continue;
    const exitCode = terminated.exitCode ?? 0;
    // Exit code 0 never matches, not even `NotIn [1]`: a successful container did not cause the failure.
    if (exitCode !== 0 && operatorMatches(exitCode, requirement)) return cs;
  }
  return undefined;
}

function operatorMatches(exitCode: number, requirement: PodFailurePolicyOnExitCodesRequirement): boolean {
  const values: readonly unknown[] = Array.isArray(requirement.values) ? requirement.values : [];
  switch (requirement.operator) {
    case 'In':
      return values.includes(exitCode);
    case 'NotIn':
      return !values.includes(exitCode);
    default:
      return false;
  }
}

/** First pod condition (in the pod's order) equal in type and status to any pattern. */
function matchOnPodConditions(status: PodStatus, patterns: unknown): PodCondition | undefined {
  if (!Array.isArray(patterns) || !Array.isArray(status.conditions)) return undefined;
  const conditions: readonly (PodCondition | null)[] = status.conditions;
  for (let i = 0; i < conditions.length && i in conditions; i++) {
    const condition = conditions[i];
    if (condition == null) continue;
    for (let j = 0; j < patterns.length && j in patterns; j++) {
      const pattern = patterns[j] as PodFailurePolicyOnPodConditionsPattern | null;
      if (pattern == null) continue;
      // Exact comparison of Go strings: a pattern without status is "" here. Its API default
      // ("True") belongs to admission (withJobDefaults); the pass sees the Job as stored.
      if ((condition.type ?? '') === (pattern.type ?? '') && (condition.status ?? '') === (pattern.status ?? '')) return condition;
    }
  }
  return undefined;
}
