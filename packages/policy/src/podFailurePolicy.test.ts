// Port of TestMatchPodFailurePolicy, pkg/controller/job/pod_failure_policy_test.go
// @ 1892e4deb967a2b39cfc2fea87a8bd49274449ef, plus robustness cases of our own.
import type { ContainerStatus, Pod, PodCondition, PodFailurePolicy, PodFailurePolicyRule } from '@jobkit/api';
import { withJobDefaults } from '@jobkit/api';
import { matchPodFailurePolicy } from './podFailurePolicy.js';

const meta = { namespace: 'default', name: 'mypod' };
const exited = (exitCode: number, name?: string): ContainerStatus => ({
  ...(name === undefined ? {} : { name }),
  state: { terminated: { exitCode } },
});
const failedPod = (status: { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[]; conditions?: PodCondition[] }): Pod => ({
  metadata: meta,
  status: { phase: 'Failed', ...status },
});
const onExit = (action: string, operator: string, values: number[]): PodFailurePolicyRule => ({ action, onExitCodes: { operator, values } });
const onCond = (action: string, type: string, status: string): PodFailurePolicyRule => ({ action, onPodConditions: [{ type, status }] });
const policy = (...rules: PodFailurePolicyRule[]): PodFailurePolicy => ({ rules });
const disruption = (status: string): PodCondition => ({ type: 'DisruptionTarget', status });

interface Case {
  name: string;
  podFailurePolicy: PodFailurePolicy | undefined;
  pod: Pod;
  want: { action?: string; countFailed: boolean; jobFailureMessage?: string };
  /** Upstream runs the case with JobBackoffLimitPerIndex off; jobkit models only the GA (on) behaviour. */
  gateOff?: boolean;
}

const cases: Case[] = [
  {
    name: 'unknown action for rule matching by exit codes - skip rule with unknown action',
    podFailurePolicy: policy(onExit('UnknownAction', 'In', [1, 2]), onExit('FailJob', 'In', [2, 3])),
    pod: failedPod({ containerStatuses: [exited(2, 'main-container')] }),
    want: {
      action: 'FailJob',
      countFailed: true,
      jobFailureMessage: 'Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 1',
    },
  },
  {
    name: 'unknown action for rule matching by pod conditions - skip rule with unknown action',
    podFailurePolicy: policy(onCond('UnkonwnAction', 'DisruptionTarget', 'True'), onCond('Ignore', 'DisruptionTarget', 'True')),
    pod: failedPod({ conditions: [disruption('True')] }),
    want: { action: 'Ignore', countFailed: false },
  },
  {
    name: 'unknown operator - rule with unknown action is skipped for onExitCodes',
    podFailurePolicy: policy(onExit('Ignore', 'UnknownOperator', [1, 2]), onExit('FailJob', 'In', [2, 3])),
    pod: failedPod({ containerStatuses: [exited(2, 'main-container')] }),
    want: {
      action: 'FailJob',
      countFailed: true,
      jobFailureMessage: 'Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 1',
    },
  },
  {
    name: 'no policy rules',
    podFailurePolicy: undefined,
    pod: failedPod({ containerStatuses: [exited(2)] }),
    want: { countFailed: true },
  },
  {
    name: 'ignore rule matched for exit codes',
    podFailurePolicy: policy(onExit('Ignore', 'In', [1, 2, 3])),
    pod: failedPod({ containerStatuses: [exited(2)] }),
    want: { action: 'Ignore', countFailed: false },
  },
  {
    name: 'FailJob rule matched for exit codes',
    podFailurePolicy: policy(onExit('FailJob', 'In', [1, 2, 3])),
    pod: failedPod({ containerStatuses: [exited(2, 'main-container')] }),
    want: {
      action: 'FailJob',
      countFailed: true,
      jobFailureMessage: 'Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 0',
    },
  },
  {
    name: 'successful containers are skipped by the rules',
    podFailurePolicy: policy(onExit('FailJob', 'NotIn', [111])),
    pod: failedPod({
      initContainerStatuses: [exited(0, 'init-container')],
      containerStatuses: [exited(111, 'main-container'), exited(0, 'suppport-container')],
    }),
    want: { countFailed: true },
  },
  {
    name: 'FailIndex rule matched for exit codes; JobBackoffLimitPerIndex enabled',
    podFailurePolicy: policy(onExit('FailIndex', 'In', [1, 2, 3])),
    pod: failedPod({ containerStatuses: [exited(2)] }),
    want: { action: 'FailIndex', countFailed: true },
  },
  {
    name: 'FailIndex rule matched for exit codes; JobBackoffLimitPerIndex disabled',
    gateOff: true,
    podFailurePolicy: policy(onExit('FailIndex', 'In', [1, 2, 3])),
    pod: failedPod({ containerStatuses: [exited(2)] }),
    want: { countFailed: true },
  },
  {
    name: 'pod failure policy with NotIn operator and value 0',
    podFailurePolicy: policy(onExit('FailJob', 'NotIn', [0])),
    pod: failedPod({ containerStatuses: [exited(1, 'main-container'), exited(0, 'suppport-container')] }),
    want: {
      action: 'FailJob',
      countFailed: true,
      jobFailureMessage: 'Container main-container for pod default/mypod failed with exit code 1 matching FailJob rule at index 0',
    },
  },
  {
    name: 'second jobfail rule matched for exit codes',
    podFailurePolicy: policy(onExit('Count', 'In', [1, 2, 3]), onExit('FailJob', 'In', [4, 5, 6])),
    pod: failedPod({ containerStatuses: [exited(6, 'main-container')] }),
    want: {
      action: 'FailJob',
      countFailed: true,
      jobFailureMessage: 'Container main-container for pod default/mypod failed with exit code 6 matching FailJob rule at index 1',
    },
  },
  {
    name: 'count rule matched for exit codes',
    podFailurePolicy: policy(onExit('Count', 'In', [1, 2, 3])),
    pod: failedPod({ containerStatuses: [{ name: 'foo' }, exited(2, 'bar')] }),
    want: { action: 'Count', countFailed: true },
  },
  {
    name: 'FailIndex rule matched for pod conditions; JobBackoffLimitPerIndex enabled',
    podFailurePolicy: policy(onCond('FailIndex', 'DisruptionTarget', 'True')),
    pod: failedPod({ conditions: [disruption('True')] }),
    want: { action: 'FailIndex', countFailed: true },
  },
  {
    name: 'FailIndex rule matched for pod conditions; JobBackoffLimitPerIndex disabled',
    gateOff: true,
    podFailurePolicy: policy(onCond('FailIndex', 'DisruptionTarget', 'True')),
    pod: failedPod({ conditions: [disruption('True')] }),
    want: { countFailed: true },
  },
  {
    name: 'ignore rule matched for pod conditions',
    podFailurePolicy: policy(onCond('Ignore', 'DisruptionTarget', 'True')),
    pod: failedPod({ conditions: [disruption('True')] }),
    want: { action: 'Ignore', countFailed: false },
  },
  {
    name: 'ignore rule matches by the status=False',
    podFailurePolicy: policy(onCond('Ignore', 'DisruptionTarget', 'False')),
    pod: failedPod({ conditions: [disruption('False')] }),
    want: { action: 'Ignore', countFailed: false },
  },
  {
    name: 'ignore rule matches by the status=Unknown',
    podFailurePolicy: policy(onCond('Ignore', 'DisruptionTarget', 'Unknown')),
    pod: failedPod({ conditions: [disruption('Unknown')] }),
    want: { action: 'Ignore', countFailed: false },
  },
  {
    name: 'ignore rule does not match when status for pattern is False, but actual True',
    podFailurePolicy: policy(onCond('Ignore', 'DisruptionTarget', 'False')),
    pod: failedPod({ conditions: [disruption('True')] }),
    want: { countFailed: true },
  },
  {
    name: 'ignore rule does not match when status for pattern is True, but actual False',
    podFailurePolicy: policy(onCond('Ignore', 'DisruptionTarget', 'True')),
    pod: failedPod({ conditions: [disruption('False')] }),
    want: { countFailed: true },
  },
  {
    name: 'default - do not match condition with status=False',
    podFailurePolicy: policy(onCond('Ignore', 'DisruptionTarget', 'True')),
    pod: failedPod({ conditions: [disruption('False')] }),
    want: { countFailed: true },
  },
  {
    name: 'job fail rule matched for pod conditions',
    podFailurePolicy: policy(onCond('FailJob', 'DisruptionTarget', 'True')),
    pod: failedPod({ conditions: [disruption('True')] }),
    want: { action: 'FailJob', countFailed: true, jobFailureMessage: 'Pod default/mypod has condition DisruptionTarget matching FailJob rule at index 0' },
  },
  {
    name: 'count rule matched for pod conditions',
    podFailurePolicy: policy(onCond('Count', 'DisruptionTarget', 'True')),
    pod: failedPod({ conditions: [disruption('True')] }),
    want: { action: 'Count', countFailed: true },
  },
  {
    name: 'no rule matched',
    podFailurePolicy: policy(
      onExit('Count', 'NotIn', [8]),
      onExit('Ignore', 'In', [1, 2, 3]),
      onExit('FailJob', 'NotIn', [5, 6, 7]),
      onCond('Count', 'ResourceLimitExceeded', 'True'),
      onCond('Ignore', 'DisruptionTarget', 'True'),
    ),
    pod: failedPod({ containerStatuses: [exited(32)] }),
    want: { action: 'Count', countFailed: true },
  },
  // Added upstream later (kubernetes/kubernetes#128373); also in the shared vectors.
  {
    name: 'ignore rule matched on negative exit codes - needed for Windows support',
    podFailurePolicy: policy(onExit('Ignore', 'In', [-1073741676, -1073741510])),
    pod: failedPod({ containerStatuses: [exited(-1073741510)] }),
    want: { action: 'Ignore', countFailed: false },
  },
];

describe('TestMatchPodFailurePolicy', () => {
  for (const tc of cases) {
    // The gate-off cases expect FailIndex to be skipped; with the GA gate the rule applies.
    const t = tc.gateOff ? test.skip : test;
    t(tc.name, () => {
      const got = matchPodFailurePolicy(tc.podFailurePolicy, tc.pod);
      expect({ action: got.action, countFailed: got.countFailed, jobFailureMessage: got.jobFailureMessage }).toEqual({
        action: tc.want.action,
        countFailed: tc.want.countFailed,
        jobFailureMessage: tc.want.jobFailureMessage,
      });
    });
  }
});

describe('matchPodFailurePolicy: details beyond the upstream table', () => {
  const pod = failedPod({ containerStatuses: [exited(2, 'main')], initContainerStatuses: [exited(3, 'init')], conditions: [disruption('True')] });
  const table: { name: string; policy: unknown; pod?: Pod; want: { action?: string; countFailed: boolean; rule?: number; jobFailureMessage?: string } }[] = [
    {
      name: 'rule index of the match is reported',
      policy: policy(onExit('Count', 'In', [9]), onExit('Count', 'In', [2])),
      want: { action: 'Count', countFailed: true, rule: 1 },
    },
    {
      name: 'init containers are matched after app containers',
      policy: policy(onExit('FailJob', 'In', [3])),
      want: {
        action: 'FailJob',
        countFailed: true,
        rule: 0,
        jobFailureMessage: 'Container init for pod default/mypod failed with exit code 3 matching FailJob rule at index 0',
      },
    },
    {
      name: 'containerName restricts the match',
      policy: { rules: [{ action: 'Ignore', onExitCodes: { containerName: 'other', operator: 'In', values: [2, 3] } }] },
      want: { countFailed: true },
    },
    {
      name: 'containerName selects the init container',
      policy: { rules: [{ action: 'Ignore', onExitCodes: { containerName: 'init', operator: 'NotIn', values: [] } }] },
      want: { action: 'Ignore', countFailed: false, rule: 0 },
    },
    // The pass sees Go zero values: a pattern without status is "", which no True condition equals.
    {
      name: 'pattern without status does not match a True condition',
      policy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
      want: { countFailed: true },
    },
    {
      name: 'pattern without status matches a condition without status',
      policy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
      pod: failedPod({ conditions: [{ type: 'DisruptionTarget' } as PodCondition] }),
      want: { action: 'Ignore', countFailed: false, rule: 0 },
    },
    {
      name: 'onExitCodes takes precedence over onPodConditions in one rule',
      policy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [42] }, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
      want: { countFailed: true },
    },
    { name: 'null policy', policy: null, want: { countFailed: true } },
    { name: 'policy without rules', policy: {}, want: { countFailed: true } },
    { name: 'rules not a list', policy: { rules: 'Ignore' }, want: { countFailed: true } },
    {
      name: 'null rule and rule without requirement are skipped',
      policy: { rules: [null, { action: 'Ignore' }, onExit('Count', 'In', [2])] },
      want: { action: 'Count', countFailed: true, rule: 2 },
    },
    {
      name: 'values not a list never match In',
      policy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: 2 } }] },
      want: { countFailed: true },
    },
    { name: 'pod without status', policy: policy(onExit('Ignore', 'NotIn', [1])), pod: { metadata: {} }, want: { countFailed: true } },
    {
      name: 'container without exit code (zero value) never matches',
      policy: policy(onExit('Ignore', 'NotIn', [1])),
      pod: failedPod({ containerStatuses: [{ name: 'c', state: { terminated: {} as never } }] }),
      want: { countFailed: true },
    },
  ];
  for (const tc of table) {
    test(tc.name, () => {
      const got = matchPodFailurePolicy(tc.policy as PodFailurePolicy, tc.pod ?? pod);
      expect(got).toEqual(tc.want);
    });
  }
});

describe('matchPodFailurePolicy: a pattern without status gets its API default at admission', () => {
  test('withJobDefaults sets the status to True, which then matches DisruptionTarget=True', () => {
    const job = withJobDefaults({
      metadata: { name: 'j' },
      spec: { template: { spec: { containers: [] } }, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } },
    } as never);
    expect(job.spec.podFailurePolicy?.rules[0]?.onPodConditions?.[0]).toEqual({ type: 'DisruptionTarget', status: 'True' });
    expect(matchPodFailurePolicy(job.spec.podFailurePolicy, failedPod({ conditions: [disruption('True')] }))).toEqual({
      action: 'Ignore',
      countFailed: false,
      rule: 0,
    });
  });
});
