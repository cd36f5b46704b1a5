// Writes testdata/conformance/ported/{job-validation,job-update-validation,status-validation-*}.json:
// upstream's validation test tables (pkg/apis/batch/validation/validation_test.go) as vector data.
// Objects are rebuilt with builders that mirror the Go test helpers (getValidGeneratedSelector,
// getValidPodTemplateSpecForGenerated, podtest.MakePodSpec / MakeContainer). Run:
//   node packages/validation/tools/port-validation-vectors.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../testdata/conformance/ported');
const COMMIT = '4f080b1df19f0c88f14eb261bc736393dba6dc30';
const SRC = (fn) =>
  `pkg/apis/batch/validation/validation_test.go ${fn} @ ${COMMIT} (liggitt/kubernetes, a fork tracking kubernetes master; kubernetes/kubernetes copies in the index were older)`;

const clone = (v) => JSON.parse(JSON.stringify(v));
const T = { Invalid: 'FieldValueInvalid', Required: 'FieldValueRequired', Forbidden: 'FieldValueForbidden', Duplicate: 'FieldValueDuplicate', NotSupported: 'FieldValueNotSupported', TooLong: 'FieldValueTooLong', TooMany: 'FieldValueTooMany' };
const E = (type, field) => ({ type: T[type], field });

// ---- builders mirroring the Go helpers ----
const validJobObjectMeta = () => ({ name: 'myjob', namespace: 'default', uid: '1a2b3c' });
const generatedSelector = () => ({
  matchLabels: {
    'batch.kubernetes.io/controller-uid': '1a2b3c',
    'controller-uid': '1a2b3c',
    'batch.kubernetes.io/job-name': 'myjob',
    'job-name': 'myjob',
  },
});
const manualSelector = () => ({ matchLabels: { a: 'b' } });
/** podtest.MakeContainer: a named container with image "image" (defaulted fields omitted). */
const ctr = (name, extra = {}) => ({ name, image: 'image', ...extra });
/** podtest.MakePodSpec: one container "ctr", restartPolicy Always unless set, dnsPolicy ClusterFirst. */
const podSpec = (over = {}) => ({ containers: [ctr('ctr')], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', ...over });
const templateForManual = (sel) => ({ metadata: { labels: clone(sel.matchLabels) }, spec: podSpec({ restartPolicy: 'OnFailure' }) });
const templateForGenerated = (sel, restartPolicy = 'OnFailure') => ({
  metadata: { labels: clone(sel.matchLabels) },
  spec: podSpec({ restartPolicy, initContainers: [ctr('def')] }),
});
const job = (spec, metadata = validJobObjectMeta()) => ({ metadata, spec });
const opts = (o = {}) => ({
  requirePrefixedLabels: false,
  allowMutableSchedulingDirectives: false,
  allowInvalidLabelValueInSelector: false,
  allowMutablePodResources: false,
  ...o,
});
const PREFIXED = opts({ requirePrefixedLabels: true });

const gen = () => ({ selector: generatedSelector(), template: templateForGenerated(generatedSelector()) });
const genNever = () => ({ selector: generatedSelector(), template: templateForGenerated(generatedSelector(), 'Never') });
const pfp = (...rules) => ({ podFailurePolicy: { rules } });
const exit = (operator, values, containerName) => ({ ...(containerName ? { containerName } : {}), operator, values });

// ---- TestValidateJob ----
const DERIVED = 'upstream asserts the first error only; the rest of the set is derived from validation.go';
const jobCases = [];
const ok = (name, j, o = opts()) => jobCases.push({ name: `TestValidateJob/${name}`, options: o, job: j, expect: { errors: [] } });
const bad = (name, j, errors, o = PREFIXED, note) =>
  jobCases.push({ name: `TestValidateJob/${name}`, ...(note ? { note } : {}), options: o, job: j, expect: { errors } });

ok('valid success policy', job({ ...genNever(), completionMode: 'Indexed', completions: 10, successPolicy: { rules: [{ succeededCount: 1, succeededIndexes: '0,2,4' }, { succeededIndexes: '1,3,5-9' }] } }), PREFIXED);
ok('valid pod failure policy with negative exitCodes - need for Windows support', job({ ...genNever(), ...pfp({ action: 'FailJob', onExitCodes: exit('NotIn', [-1073741819, -1073741676, -1073741510]) }) }), PREFIXED);
ok('valid pod failure policy', job({ ...genNever(), ...pfp(
  { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
  { action: 'FailJob', onPodConditions: [{ type: 'CustomConditionType', status: 'False' }] },
  { action: 'Count', onExitCodes: exit('In', [1, 2, 3], 'ctr') },
  { action: 'Ignore', onExitCodes: exit('In', [4], 'def') },
  { action: 'FailJob', onExitCodes: exit('NotIn', [5, 6, 7]) },
) }), PREFIXED);
ok('valid pod failure policy with FailIndex', job({ completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: 1, manualSelector: true, ...genNever(), ...pfp({ action: 'FailIndex', onExitCodes: exit('In', [10]) }) }));
ok('valid manual selector', job({ selector: manualSelector(), manualSelector: true, template: templateForManual(manualSelector()) }, { ...validJobObjectMeta(), annotations: { foo: 'bar' } }), PREFIXED);
ok('valid generated selector', job(gen()), PREFIXED);
ok('valid pod replacement', job({ ...gen(), podReplacementPolicy: 'TerminatingOrFailed' }), PREFIXED);
ok('valid pod replacement with failed', job({ ...gen(), podReplacementPolicy: 'Failed' }), PREFIXED);
{
  const t = templateForGenerated(generatedSelector());
  t.spec.hostNetwork = true;
  t.spec.containers[0].ports = [{ containerPort: 12345, protocol: 'TCP' }];
  ok('valid hostnet', job({ selector: generatedSelector(), template: t }), PREFIXED);
}
ok('valid NonIndexed completion mode', job({ ...gen(), completionMode: 'NonIndexed' }), PREFIXED);
ok('valid Indexed completion mode', job({ ...gen(), completionMode: 'Indexed', completions: 2, parallelism: 100000 }), PREFIXED);
ok('valid parallelism and maxFailedIndexes for high completions when backoffLimitPerIndex is used', job({ completions: 100000, parallelism: 100000, maxFailedIndexes: 100000, backoffLimitPerIndex: 1, completionMode: 'Indexed', ...gen() }), PREFIXED);
ok('valid parallelism and maxFailedIndexes for unlimited completions when backoffLimitPerIndex is used', job({ completions: 1000000000, parallelism: 10000, maxFailedIndexes: 10000, backoffLimitPerIndex: 1, completionMode: 'Indexed', ...gen() }), PREFIXED);
ok('valid job tracking annotation', job(gen()), PREFIXED);
ok('valid batch labels', job(gen()), PREFIXED);
ok('do not allow new batch labels', job({ selector: { matchLabels: { 'controller-uid': '1a2b3c' } }, template: { metadata: { labels: { 'controller-uid': '1a2b3c', 'job-name': 'myjob' } }, spec: podSpec({ restartPolicy: 'OnFailure' }) } }), opts());
ok('valid managedBy field', job({ ...gen(), managedBy: 'example.com/foo' }), PREFIXED);

bad('spec.managedBy: Too long: may not be more than 63 bytes', job({ ...gen(), managedBy: 'example.com/' + 'x'.repeat(60) }), [E('TooLong', 'spec.managedBy')]);
bad('spec.managedBy: Invalid value: "invalid custom controller name": must be a domain-prefixed path (such as "acme.io/foo")', job({ ...gen(), managedBy: 'invalid custom controller name' }), [E('Invalid', 'spec.managedBy')]);
bad('spec.successPolicy: Invalid value: {"Rules":[]}: requires indexed completion mode', job({ ...genNever(), successPolicy: { rules: [] } }), [E('Invalid', 'spec.successPolicy')]);
const idx5 = () => ({ ...genNever(), completionMode: 'Indexed', completions: 5 });
bad('spec.successPolicy.rules: Required value: at least one rules must be specified when the successPolicy is specified', job({ ...idx5(), successPolicy: {} }), [E('Required', 'spec.successPolicy.rules')]);
bad('spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified', job({ ...idx5(), successPolicy: { rules: [{}] } }), [E('Required', 'spec.successPolicy.rules[0]')]);
bad('spec.successPolicy.rules[0].succeededIndexes: Invalid value: "invalid-format": error parsing succeededIndexes: cannot convert string to integer for index: "invalid"', job({ ...idx5(), successPolicy: { rules: [{ succeededIndexes: 'invalid-format' }] } }), [E('Invalid', 'spec.successPolicy.rules[0].succeededIndexes')]);
bad('spec.successPolicy.rules[0].succeededIndexes: Too long: may not be more than 65536 bytes', job({ ...idx5(), successPolicy: { rules: [{ succeededIndexes: '1'.repeat(65537) }] } }), [E('TooLong', 'spec.successPolicy.rules[0].succeededIndexes'), E('Invalid', 'spec.successPolicy.rules[0].succeededIndexes')], PREFIXED, DERIVED);
bad('spec.successPolicy.rules[0].succeededCount: must be greater than or equal to 0', job({ ...idx5(), successPolicy: { rules: [{ succeededCount: -1 }] } }), [E('Invalid', 'spec.successPolicy.rules[0].succeededCount')]);
bad('spec.successPolicy.rules[0].succeededCount: Invalid value: 6: must be less than or equal to 5 (the number of specified completions)', job({ ...idx5(), successPolicy: { rules: [{ succeededCount: 6 }] } }), [E('Invalid', 'spec.successPolicy.rules[0].succeededCount')]);
bad('spec.successPolicy.rules[0].succeededCount: Invalid value: 4: must be less than or equal to 3 (the number of indexes in the specified succeededIndexes field)', job({ ...idx5(), successPolicy: { rules: [{ succeededCount: 4, succeededIndexes: '0-2' }] } }), [E('Invalid', 'spec.successPolicy.rules[0].succeededCount')]);
bad('spec.successPolicy.rules: Too many: 21: must have at most 20 items', job({ ...idx5(), successPolicy: { rules: Array.from({ length: 21 }, () => ({ succeededCount: 5 })) } }), [E('TooMany', 'spec.successPolicy.rules')]);
const R0 = 'spec.podFailurePolicy.rules[0]';
bad('spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required', job({ ...genNever(), ...pfp({ action: 'FailJob' }) }), [E('Invalid', R0)]);
bad('spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Duplicate value: 11', job({ ...genNever(), ...pfp({ action: 'FailJob', onExitCodes: exit('In', [11, 11]) }) }), [E('Duplicate', `${R0}.onExitCodes.values[1]`)]);
bad('spec.podFailurePolicy.rules[0].onExitCodes.values: Too many: 256: must have at most 255 items', job({ ...genNever(), ...pfp({ action: 'FailJob', onExitCodes: exit('In', Array.from({ length: 256 }, (_, i) => i)) }) }), [E('TooMany', `${R0}.onExitCodes.values`), E('Invalid', `${R0}.onExitCodes.values[0]`)], PREFIXED, DERIVED);
bad('spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items', job({ ...genNever(), ...pfp(...Array.from({ length: 21 }, (_, i) => ({ action: 'FailJob', onExitCodes: exit('In', [i + 1]) }))) }), [E('TooMany', 'spec.podFailurePolicy.rules')]);
bad('spec.podFailurePolicy.rules[0].onPodConditions: Too many: 21: must have at most 20 items', job({ ...genNever(), ...pfp({ action: 'FailJob', onPodConditions: Array.from({ length: 21 }, (_, i) => ({ type: `CustomType_${i}`, status: 'True' })) }) }), [E('TooMany', `${R0}.onPodConditions`)]);
bad('spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 13', job({ ...genNever(), ...pfp({ action: 'FailJob', onExitCodes: exit('In', [12, 13, 13, 13]) }) }), [E('Duplicate', `${R0}.onExitCodes.values[2]`), E('Duplicate', `${R0}.onExitCodes.values[3]`)], PREFIXED, DERIVED);
bad('spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [19,11]: must be ordered', job({ ...genNever(), ...pfp({ action: 'FailJob', onExitCodes: exit('In', [19, 11]) }) }), [E('Invalid', `${R0}.onExitCodes.values`)]);
bad('spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []: at least one value is required', job({ ...genNever(), ...pfp({ action: 'FailJob', onExitCodes: exit('In', []) }) }), [E('Invalid', `${R0}.onExitCodes.values`)]);
bad('spec.podFailurePolicy.rules[0].action: Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]', job({ ...genNever(), ...pfp({ action: '', onExitCodes: exit('In', [1, 2, 3]) }) }), [E('Required', `${R0}.action`)]);
bad('spec.podFailurePolicy.rules[0].onExitCodes.operator: Required value: valid values: ["In" "NotIn"]', job({ ...genNever(), ...pfp({ action: 'FailJob', onExitCodes: exit('', [1, 2, 3]) }) }), [E('Required', `${R0}.onExitCodes.operator`)]);
bad('spec.podFailurePolicy.rules[0]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported', job({ ...genNever(), ...pfp({ action: 'FailJob', onExitCodes: exit('In', [1, 2, 3], 'ctr'), onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }) }), [E('Invalid', R0)]);
bad('spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator', job({ ...genNever(), ...pfp({ action: 'Ignore', onExitCodes: exit('In', [1, 0, 2]) }) }), [E('Invalid', `${R0}.onExitCodes.values[1]`), E('Invalid', `${R0}.onExitCodes.values`)], PREFIXED, DERIVED);
bad('spec.podFailurePolicy.rules[1].onExitCodes.containerName: Invalid value: "xyz": must be one of the container or initContainer names in the pod template', job({ ...genNever(), ...pfp({ action: 'Ignore', onExitCodes: exit('In', [1, 2, 3], 'ctr') }, { action: 'FailJob', onExitCodes: exit('In', [5, 6, 7], 'xyz') }) }), [E('Invalid', 'spec.podFailurePolicy.rules[1].onExitCodes.containerName')]);
bad('spec.podFailurePolicy.rules[0].action: Unsupported value: "UnknownAction": supported values: "Count", "FailIndex", "FailJob", "Ignore"', job({ ...genNever(), ...pfp({ action: 'UnknownAction', onExitCodes: exit('In', [1, 2, 3], 'ctr') }) }), [E('NotSupported', `${R0}.action`)]);
bad('spec.podFailurePolicy.rules[0].onExitCodes.operator: Unsupported value: "UnknownOperator": supported values: "In", "NotIn"', job({ ...genNever(), ...pfp({ action: 'Ignore', onExitCodes: exit('UnknownOperator', [1, 2, 3]) }) }), [E('NotSupported', `${R0}.onExitCodes.operator`)]);
bad('spec.podFailurePolicy.rules[0].onPodConditions[0].status: Required value: valid values: ["False" "True" "Unknown"]', job({ ...genNever(), ...pfp({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }) }), [E('Required', `${R0}.onPodConditions[0].status`)]);
bad('spec.podFailurePolicy.rules[0].onPodConditions[0].status: Unsupported value: "UnknownStatus": supported values: "False", "True", "Unknown"', job({ ...genNever(), ...pfp({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'UnknownStatus' }] }) }), [E('NotSupported', `${R0}.onPodConditions[0].status`)]);
bad('spec.podFailurePolicy.rules[0].onPodConditions[0].type: Invalid value: "": name part must be non-empty', job({ ...genNever(), ...pfp({ action: 'Ignore', onPodConditions: [{ status: 'True' }] }) }), [E('Invalid', `${R0}.onPodConditions[0].type`)]);
bad(`spec.podFailurePolicy.rules[0].onPodConditions[0].type: Invalid value: "Invalid Condition Type": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`, job({ ...genNever(), ...pfp({ action: 'Ignore', onPodConditions: [{ type: 'Invalid Condition Type', status: 'True' }] }) }), [E('Invalid', `${R0}.onPodConditions[0].type`)]);
bad('spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"', job({ ...genNever(), podReplacementPolicy: 'TerminatingOrFailed', ...pfp({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }) }), [E('NotSupported', 'spec.podReplacementPolicy')]);
bad('spec.podReplacementPolicy: Unsupported value: "": supported values: "Failed", "TerminatingOrFailed"', job({ ...genNever(), podReplacementPolicy: '' }), [E('NotSupported', 'spec.podReplacementPolicy')]);
bad('spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified', job({ selector: generatedSelector(), template: { metadata: { labels: generatedSelector().matchLabels }, spec: podSpec({ restartPolicy: 'OnFailure' }) }, podFailurePolicy: { rules: [] } }), [E('Invalid', 'spec.template.spec.restartPolicy')]);
bad('spec.parallelism:must be greater than or equal to 0', job({ parallelism: -1, ...gen() }), [E('Invalid', 'spec.parallelism')]);
bad('spec.backoffLimit:must be greater than or equal to 0', job({ backoffLimit: -1, ...gen() }), [E('Invalid', 'spec.backoffLimit')]);
bad('spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode', job({ backoffLimitPerIndex: 1, ...gen() }), [E('Invalid', 'spec.backoffLimitPerIndex')]);
bad('spec.backoffLimitPerIndex:must be greater than or equal to 0', job({ backoffLimitPerIndex: -1, completionMode: 'Indexed', ...gen() }), [E('Invalid', 'spec.backoffLimitPerIndex'), E('Required', 'spec.completions')], PREFIXED, DERIVED);
bad('spec.maxFailedIndexes: Invalid value: 11: must be less than or equal to completions', job({ completions: 10, maxFailedIndexes: 11, backoffLimitPerIndex: 1, completionMode: 'Indexed', ...gen() }), [E('Invalid', 'spec.maxFailedIndexes')]);
bad('spec.maxFailedIndexes: Required value: must be specified when completions is above 100000', job({ completions: 100001, backoffLimitPerIndex: 1, completionMode: 'Indexed', ...gen() }), [E('Required', 'spec.maxFailedIndexes')]);
bad('spec.parallelism: Invalid value: 50000: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index', job({ completions: 100001, parallelism: 50000, backoffLimitPerIndex: 1, maxFailedIndexes: 1, completionMode: 'Indexed', ...gen() }), [E('Invalid', 'spec.parallelism')]);
bad('spec.maxFailedIndexes: Invalid value: 100001: must be less than or equal to 100000', job({ completions: 100001, backoffLimitPerIndex: 1, maxFailedIndexes: 100001, completionMode: 'Indexed', ...gen() }), [E('Invalid', 'spec.maxFailedIndexes')]);
bad('spec.maxFailedIndexes: Invalid value: 50000: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index', job({ completions: 100001, backoffLimitPerIndex: 1, maxFailedIndexes: 50000, completionMode: 'Indexed', ...gen() }), [E('Invalid', 'spec.maxFailedIndexes')]);
bad('spec.maxFailedIndexes:must be greater than or equal to 0', job({ backoffLimitPerIndex: 1, maxFailedIndexes: -1, completionMode: 'Indexed', ...gen() }), [E('Invalid', 'spec.maxFailedIndexes'), E('Required', 'spec.completions')], PREFIXED, DERIVED);
bad('spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified', job({ maxFailedIndexes: 1, completionMode: 'Indexed', ...gen() }), [E('Required', 'spec.backoffLimitPerIndex'), E('Required', 'spec.completions')], PREFIXED, DERIVED);
bad('spec.completions:must be greater than or equal to 0', job({ completions: -1, ...gen() }), [E('Invalid', 'spec.completions')]);
bad('spec.activeDeadlineSeconds:must be greater than or equal to 0', job({ activeDeadlineSeconds: -1, ...gen() }), [E('Invalid', 'spec.activeDeadlineSeconds')]);
bad('spec.selector:Required value', job({ template: templateForGenerated(generatedSelector()) }), [E('Required', 'spec.selector'), E('Invalid', 'spec.template.metadata.labels')], PREFIXED, DERIVED + ' (a nil selector selects nothing, so the template labels do not match it)');
bad('spec.template.metadata.labels: Invalid value: {"y":"z"}: `selector` does not match template `labels`', job({ selector: manualSelector(), manualSelector: true, template: { metadata: { labels: { y: 'z' } }, spec: podSpec({ restartPolicy: 'OnFailure' }) } }), [E('Invalid', 'spec.template.metadata.labels')]);
bad('spec.template.metadata.labels: Invalid value: {"controller-uid":"4d5e6f"}: `selector` does not match template `labels`', job({ selector: manualSelector(), manualSelector: true, template: { metadata: { labels: { 'controller-uid': '4d5e6f' } }, spec: podSpec({ restartPolicy: 'OnFailure' }) } }), [E('Invalid', 'spec.template.metadata.labels')]);
bad('spec.template.spec.restartPolicy: Required value', job({ selector: manualSelector(), manualSelector: true, template: { metadata: { labels: { a: 'b' } }, spec: podSpec() } }), [E('Required', 'spec.template.spec.restartPolicy')]);
bad('spec.template.spec.restartPolicy: Unsupported value', job({ selector: manualSelector(), manualSelector: true, template: { metadata: { labels: { a: 'b' } }, spec: podSpec({ restartPolicy: 'Invalid' }) } }), [E('NotSupported', 'spec.template.spec.restartPolicy')]);
bad('spec.ttlSecondsAfterFinished: must be greater than or equal to 0', job({ ttlSecondsAfterFinished: -1, ...gen() }), [E('Invalid', 'spec.ttlSecondsAfterFinished')]);
bad('spec.completions: Required value: when completion mode is Indexed', job({ ...gen(), completionMode: 'Indexed' }), [E('Required', 'spec.completions')]);
bad('spec.parallelism: must be less than or equal to 100000 when completion mode is Indexed', job({ ...gen(), completionMode: 'Indexed', completions: 2, parallelism: 100001 }), [E('Invalid', 'spec.parallelism')]);
bad("spec.template.metadata.labels[controller-uid]: Required value: must be '1a2b3c'", job({ selector: { matchLabels: { 'controller-uid': '1a2b3c' } }, template: { metadata: { labels: { 'job-name': 'myjob' } }, spec: podSpec({ restartPolicy: 'OnFailure' }) } }), [E('Required', 'spec.template.metadata.labels[controller-uid]'), E('Invalid', 'spec.template.metadata.labels')], opts(), DERIVED);
bad('metadata.uid: Required value', job({ selector: { matchLabels: { 'controller-uid': 'test' } }, template: { metadata: { labels: { 'job-name': 'myjob' } }, spec: podSpec({ restartPolicy: 'OnFailure' }) } }, { name: 'myjob', namespace: 'default' }), [E('Required', 'metadata.uid'), E('Required', 'spec.template.metadata.labels[controller-uid]'), E('Invalid', 'spec.selector'), E('Invalid', 'spec.template.metadata.labels')], opts(), DERIVED);
bad('spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` not auto-generated', job({ selector: { matchLabels: { a: 'b' } }, template: templateForGenerated(generatedSelector()) }), [E('Invalid', 'spec.selector'), E('Invalid', 'spec.template.metadata.labels')], PREFIXED, DERIVED);
bad("spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Required value: must be '1a2b3c'", job({ selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': '1a2b3c' } }, template: { metadata: { labels: { 'batch.kubernetes.io/job-name': 'myjob', 'controller-uid': '1a2b3c', 'job-name': 'myjob' } }, spec: podSpec({ restartPolicy: 'OnFailure' }) } }), [E('Required', 'spec.template.metadata.labels[batch.kubernetes.io/controller-uid]'), E('Invalid', 'spec.template.metadata.labels')], PREFIXED, DERIVED);

// ---- TestValidateJobUpdate ----
// Upstream calls ValidateJobUpdate alone; validateJobUpdate is the whole update strategy, which also
// runs ValidateJob. So the objects are named "myjob" with uid "1a2b3c" (upstream: "abc", no uid),
// which makes the generated selector and labels of the shared templates consistent and leaves the
// expected errors those of the upstream table (compared in full by upstream, so not derived).
const upd = [];
const newSelector = () => {
  const s = generatedSelector();
  s.matchLabels.foo = 'bar';
  return s;
};
const validNodeAffinity = () => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }] } } });
const templateWithAffinity = () => {
  const t = templateForGenerated(generatedSelector());
  t.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value'] }] }] } } };
  return t;
};
const validTolerations = () => [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }];
const res = (cpu, memory) => ({ cpu, memory });
const u = (name, oldSpec, mutate, errors = [], o = UPD) => {
  const oldJob = { metadata: { ...validJobObjectMeta(), resourceVersion: '1' }, spec: oldSpec };
  const newJob = clone(oldJob);
  mutate(newJob.spec);
  upd.push({ name: `TestValidateJobUpdate/${name}`, options: o, oldJob, newJob, expect: { errors } });
};
// Upstream's opts for ValidateJobUpdate, plus requirePrefixedLabels: true, which ValidateJobUpdate
// does not read and the strategy derives from the old template (it has both prefixed labels).
const UPD = opts({ requirePrefixedLabels: true });
const MSD = opts({ requirePrefixedLabels: true, allowMutableSchedulingDirectives: true });
const MPR = opts({ requirePrefixedLabels: true, allowMutablePodResources: true });
u('mutable fields', { ...gen(), parallelism: 5, activeDeadlineSeconds: 2, ttlSecondsAfterFinished: 1 }, (s) => Object.assign(s, { parallelism: 2, activeDeadlineSeconds: 3, ttlSecondsAfterFinished: 2, manualSelector: true }));
u('invalid attempt to set managedBy field', gen(), (s) => (s.managedBy = 'example.com/custom-controller'), [E('Invalid', 'spec.managedBy')]);
u('invalid update of the managedBy field', { ...gen(), managedBy: 'example.com/custom-controller1' }, (s) => (s.managedBy = 'example.com/custom-controller2'), [E('Invalid', 'spec.managedBy')]);
u('immutable completions for non-indexed jobs', gen(), (s) => (s.completions = 1), [E('Invalid', 'spec.completions')]);
u('immutable selector', { selector: generatedSelector(), template: templateForGenerated(newSelector()) }, (s) => (s.selector = newSelector()), [E('Invalid', 'spec.selector')]);
const idx5n = () => ({ completionMode: 'Indexed', completions: 5, ...genNever() });
u('add success policy', idx5n(), (s) => (s.successPolicy = { rules: [{ succeededCount: 2 }] }), [E('Invalid', 'spec.successPolicy')]);
u('update success policy', { ...idx5n(), successPolicy: { rules: [{ succeededIndexes: '1-3' }] } }, (s) => s.successPolicy.rules.push({ succeededCount: 3 }), [E('Invalid', 'spec.successPolicy')]);
u('remove success policy', { ...idx5n(), successPolicy: { rules: [{ succeededIndexes: '1-3' }] } }, (s) => delete s.successPolicy, [E('Invalid', 'spec.successPolicy')]);
const ignoreDisruption = () => ({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] });
u('add pod failure policy', genNever(), (s) => (s.podFailurePolicy = { rules: [ignoreDisruption()] }), [E('Invalid', 'spec.podFailurePolicy')]);
u('update pod failure policy', { ...genNever(), podFailurePolicy: { rules: [ignoreDisruption()] } }, (s) => s.podFailurePolicy.rules.push({ action: 'Count', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }), [E('Invalid', 'spec.podFailurePolicy')]);
u('remove pod failure policy', { ...genNever(), podFailurePolicy: { rules: [ignoreDisruption()] } }, (s) => delete s.podFailurePolicy, [E('Invalid', 'spec.podFailurePolicy')]);
const idx3 = (extra = {}) => ({ ...genNever(), completions: 3, completionMode: 'Indexed', ...extra });
u('set backoff limit per index', idx3(), (s) => (s.backoffLimitPerIndex = 1), [E('Invalid', 'spec.backoffLimitPerIndex')]);
u('unset backoff limit per index', idx3({ backoffLimitPerIndex: 1 }), (s) => delete s.backoffLimitPerIndex, [E('Invalid', 'spec.backoffLimitPerIndex')]);
u('update backoff limit per index', idx3({ backoffLimitPerIndex: 1 }), (s) => (s.backoffLimitPerIndex = 2), [E('Invalid', 'spec.backoffLimitPerIndex')]);
u('set max failed indexes', idx3({ backoffLimitPerIndex: 1 }), (s) => (s.maxFailedIndexes = 1));
u('unset max failed indexes', idx3({ backoffLimitPerIndex: 1, maxFailedIndexes: 1 }), (s) => delete s.maxFailedIndexes);
u('update max failed indexes', idx3({ backoffLimitPerIndex: 1, maxFailedIndexes: 1 }), (s) => (s.maxFailedIndexes = 2));
u('immutable pod template', { ...gen(), completions: 3, completionMode: 'Indexed' }, (s) => (s.template.spec.dnsPolicy = 'ClusterFirstWithHostNet'), [E('Invalid', 'spec.template')]);
u('immutable completion mode', { ...gen(), completionMode: 'Indexed', completions: 2 }, (s) => (s.completionMode = 'NonIndexed'), [E('Invalid', 'spec.completionMode')]);
u('immutable completions for non-indexed job', { ...gen(), completionMode: 'NonIndexed', completions: 2 }, (s) => (s.completions = 4), [E('Invalid', 'spec.completions')]);
u('immutable node affinity', gen(), (s) => (s.template.spec.affinity = validNodeAffinity()), [E('Invalid', 'spec.template')]);
u('add node affinity', gen(), (s) => (s.template.spec.affinity = validNodeAffinity()), [], MSD);
u('update node affinity', { selector: generatedSelector(), template: templateWithAffinity() }, (s) => (s.template.spec.affinity = validNodeAffinity()), [], MSD);
u('remove node affinity', { selector: generatedSelector(), template: templateWithAffinity() }, (s) => delete s.template.spec.affinity.nodeAffinity, [], MSD);
u('remove affinity', { selector: generatedSelector(), template: templateWithAffinity() }, (s) => delete s.template.spec.affinity, [], MSD);
u('immutable tolerations', gen(), (s) => (s.template.spec.tolerations = validTolerations()), [E('Invalid', 'spec.template')]);
u('mutable tolerations', gen(), (s) => (s.template.spec.tolerations = validTolerations()), [], MSD);
u('immutable node selector', gen(), (s) => (s.template.spec.nodeSelector = { foo: 'bar' }), [E('Invalid', 'spec.template')]);
u('mutable node selector', gen(), (s) => (s.template.spec.nodeSelector = { foo: 'bar' }), [], MSD);
u('immutable annotations', gen(), (s) => (s.template.metadata.annotations = { foo: 'baz' }), [E('Invalid', 'spec.template')]);
u('mutable annotations', gen(), (s) => (s.template.metadata.annotations = { foo: 'baz' }), [], MSD);
u('immutable labels', gen(), (s) => (s.template.metadata.labels = { ...generatedSelector().matchLabels, bar: 'baz' }), [E('Invalid', 'spec.template')]);
u('mutable labels', gen(), (s) => (s.template.metadata.labels = { ...generatedSelector().matchLabels, bar: 'baz' }), [], MSD);
u('immutable schedulingGates', gen(), (s) => (s.template.spec.schedulingGates = [{ name: 'gate' }]), [E('Invalid', 'spec.template')]);
u('mutable schedulingGates', gen(), (s) => (s.template.spec.schedulingGates = [{ name: 'gate' }]), [], MSD);
const elastic = (c, p) => ({ ...gen(), completions: c, parallelism: p, completionMode: 'Indexed' });
u('update completions and parallelism to same value is valid', elastic(1, 1), (s) => Object.assign(s, { completions: 2, parallelism: 2 }));
u('previous parallelism != previous completions, new parallelism == new completions', elastic(1, 2), (s) => Object.assign(s, { completions: 3, parallelism: 3 }));
u('indexed job updating completions and parallelism to different values is invalid', elastic(1, 1), (s) => Object.assign(s, { completions: 2, parallelism: 3 }), [E('Invalid', 'spec.completions')]);
u('indexed job with completions set updated to nil does not panic', elastic(1, 1), (s) => {
  delete s.completions;
  s.parallelism = 3;
}, [E('Required', 'spec.completions')]);
u('indexed job with completions unchanged, parallelism reduced to less than completions', elastic(2, 2), (s) => Object.assign(s, { completions: 2, parallelism: 1 }));
u('indexed job with completions unchanged, parallelism increased higher than completions', elastic(2, 2), (s) => Object.assign(s, { completions: 2, parallelism: 3 }));
const suspended = (t = templateForGenerated(generatedSelector())) => ({ selector: generatedSelector(), template: t, suspend: true });
const withInit = (...names) => {
  const t = templateForGenerated(generatedSelector());
  t.spec.initContainers = names.map((n) => ctr(n, { resources: { requests: res('100m', '64Mi') } }));
  return t;
};
const withCtrs = (...names) => {
  const t = templateForGenerated(generatedSelector());
  t.spec.containers = names.map((n) => ctr(n, { resources: { requests: res('100m', '64Mi') } }));
  return t;
};
u('allow container resource updates only', suspended(), (s) => (s.template.spec.containers[0].resources = { requests: res('200m', '256Mi'), limits: res('500m', '512Mi') }), [], MPR);
u('reject container resource updates only with feature gate off', suspended(), (s) => (s.template.spec.containers[0].resources = { requests: res('200m', '256Mi'), limits: res('500m', '512Mi') }), [E('Invalid', 'spec.template')], UPD);
u('allow init container resource updates only', suspended(withInit('init-container')), (s) => (s.template.spec.initContainers[0].resources = { requests: res('200m', '128Mi'), limits: res('400m', '256Mi') }), [], MPR);
u('allow both container and init container resource updates', suspended(withInit('init-container')), (s) => {
  s.template.spec.containers[0].resources = { requests: res('200m', '256Mi') };
  s.template.spec.initContainers[0].resources = { requests: res('150m', '128Mi') };
}, [], MPR);
u('reject container resource update with other field changes', suspended(), (s) => {
  s.template.spec.containers[0].resources = { requests: res('200m', '256Mi') };
  s.template.spec.containers[0].image = 'nginx:latest';
}, [E('Invalid', 'spec.template.spec')], MPR);
u('reject non-resource field updates when AllowMutablePodResources is true', suspended(), (s) => (s.template.spec.containers[0].image = 'nginx:latest'), [E('Invalid', 'spec.template.spec')], MPR);
u('reject pod spec changes when container count differs', suspended(), (s) => s.template.spec.containers.push(ctr('sidecar')), [E('Invalid', 'spec.template.spec')], MPR);
u('reject pod spec changes when init container count differs', suspended(), (s) => (s.template.spec.initContainers = [ctr('init-container')]), [E('Invalid', 'spec.template.spec')], MPR);
u('reject pod spec changes if update reorders init containers', suspended(withInit('init-container', 'init-container-2')), (s) => s.template.spec.initContainers.reverse(), [E('Invalid', 'spec.template.spec')], MPR);
u('reject pod spec changes if update reorders containers', suspended(withCtrs('container', 'container-2')), (s) => s.template.spec.containers.reverse(), [E('Invalid', 'spec.template.spec')], MPR);

// ---- TestValidateJobUpdateStatus ----
// Upstream passes explicit options (all false unless set): the vectors carry the complete set.
const STATUS_OPTION_NAMES = [
  'rejectDecreasingSucceededCounter', 'rejectDecreasingFailedCounter', 'rejectDisablingTerminalCondition',
  'rejectInvalidCompletedIndexes', 'rejectInvalidFailedIndexes', 'rejectFailedIndexesOverlappingCompleted',
  'rejectCompletedIndexesForNonIndexedJob', 'rejectFailedIndexesForNoBackoffLimitPerIndex',
  'rejectFailedJobWithoutFailureTarget', 'rejectCompleteJobWithoutSuccessCriteriaMet', 'rejectFinishedJobWithActivePods',
  'rejectFinishedJobWithoutStartTime', 'rejectFinishedJobWithUncountedTerminatedPods', 'rejectStartTimeUpdateForUnsuspendedJob',
  'rejectCompletionTimeBeforeStartTime', 'rejectMutatingCompletionTime', 'rejectCompleteJobWithoutCompletionTime',
  'rejectNotCompleteJobWithCompletionTime', 'rejectCompleteJobWithFailedCondition', 'rejectCompleteJobWithFailureTargetCondition',
  'rejectMoreReadyThanActivePods', 'rejectFinishedJobWithTerminatingPods',
];
const statusOpts = (set = {}) => Object.fromEntries(STATUS_OPTION_NAMES.map((n) => [n, !!set[n]]));
const st = [];
const meta = (rv) => ({ name: 'abc', namespace: 'default', resourceVersion: rv });
const s = (name, oldJob, newJob, errors, set) => st.push({ name: `TestValidateJobUpdateStatus/${name}`, options: statusOpts(set), oldJob, newJob, expect: { errors } });
const NOW = '2026-01-01T00:00:00Z';
const NOW1 = '2026-01-01T00:00:01Z';
s('valid', { metadata: meta('1'), status: { active: 1, succeeded: 2, failed: 3, terminating: 4 } }, { metadata: meta('1'), status: { active: 2, succeeded: 3, failed: 4, ready: 1, terminating: 4 } }, []);
s('nil ready and terminating', { metadata: meta('1'), status: { active: 1, succeeded: 2, failed: 3 } }, { metadata: meta('1'), status: { active: 2, succeeded: 3, failed: 4 } }, []);
s('negative counts', { metadata: meta('10'), status: { active: 1, succeeded: 2, failed: 3, terminating: 4 } }, { metadata: meta('10'), status: { active: -1, succeeded: -2, failed: -3, ready: -1, terminating: -2 } },
  ['status.active', 'status.succeeded', 'status.failed', 'status.ready', 'status.terminating'].map((f) => E('Invalid', f)));
s('empty and duplicated uncounted pods', { metadata: meta('5') }, { metadata: meta('5'), status: { uncountedTerminatedPods: { succeeded: ['a', 'b', 'c', 'a', ''], failed: ['c', 'd', 'e', 'd', ''] } } }, [
  E('Duplicate', 'status.uncountedTerminatedPods.succeeded[3]'),
  E('Invalid', 'status.uncountedTerminatedPods.succeeded[4]'),
  E('Duplicate', 'status.uncountedTerminatedPods.failed[0]'),
  E('Duplicate', 'status.uncountedTerminatedPods.failed[3]'),
  E('Invalid', 'status.uncountedTerminatedPods.failed[4]'),
]);
s('immutable startTime for unsuspended job: with non-nil startTime', { metadata: meta('1'), spec: { suspend: false }, status: { startTime: NOW, active: 1 } }, { metadata: meta('1'), spec: { suspend: false }, status: { startTime: NOW1, active: 1 } }, [E('Invalid', 'status.startTime')], { rejectStartTimeUpdateForUnsuspendedJob: true });
s('immutable startTime for unsuspended job: with nil startTime', { metadata: meta('1'), spec: { suspend: false }, status: { startTime: NOW, active: 1 } }, { metadata: meta('1'), spec: { suspend: false }, status: { active: 1 } }, [E('Invalid', 'status.startTime')], { rejectStartTimeUpdateForUnsuspendedJob: true });

// ---- strategy_test.go TestStatusStrategy_ValidateUpdate ----
// Cases with enableJobManagedBy run upstream with the gate on: the vector leaves options to the
// strategy. Cases without it run upstream at emulated version 1.33 with JobManagedBy off, where
// getStatusValidationOptions returns no options: those vectors carry the all-false option set.
const STRATEGY_COMMIT = '09c5456a2159c08db9b0ce06cc10b2af62106055';
const ss = [];
const vmeta = () => ({ name: 'myjob', namespace: 'default', resourceVersion: '10' });
const NOWM = '2026-01-01T00:01:00Z';
const C = (type, status = 'True') => ({ type, status });
const sv = (name, gateOn, oldJob, newJob, errors) =>
  ss.push({ name: `TestStatusStrategy_ValidateUpdate/${name}`, ...(gateOn ? {} : { options: statusOpts({}) }), oldJob, newJob, expect: { errors } });
const jb = (status, spec) => ({ metadata: vmeta(), ...(spec ? { spec } : {}), ...(status ? { status } : {}) });
const COND = E('Invalid', 'status.conditions');
const manualTpl = { metadata: { labels: { a: 'b' } }, spec: { restartPolicy: 'OnFailure', dnsPolicy: 'ClusterFirst', containers: [{ name: 'abc', image: 'image', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }] } };
sv('incoming resource version on update should not be mutated', false,
  { metadata: vmeta(), spec: { selector: { matchLabels: { a: 'b' } }, template: manualTpl, parallelism: 4 } },
  { metadata: { ...vmeta(), resourceVersion: '9' }, spec: { selector: { matchLabels: { a: 'b' } }, template: manualTpl, parallelism: 4 } }, []);
sv('invalid addition of both Failed=True and Complete=True; allowed because feature gate disabled', false, jb(), jb({ startTime: NOW, completionTime: NOW, conditions: [C('Complete'), C('Failed')] }), []);
sv('invalid addition of both Failed=True and Complete=True', true, jb(), jb({ startTime: NOW, completionTime: NOW, conditions: [C('Complete'), C('Failed')] }), [COND, COND, COND]);
sv('invalid addition of Complete=True without SuccessCriteriaMet=True', true, jb(), jb({ startTime: NOW, completionTime: NOW, conditions: [C('Complete')] }), [COND]);
sv('invalid addition of Failed=True without FailureTarget=True', true, jb(), jb({ startTime: NOW, conditions: [C('Failed')] }), [COND]);
sv('completionTime can be removed to fix still running job', true, jb({ startTime: NOW, completionTime: NOW }), jb({ startTime: NOW }), []);
sv('invalid attempt to transition to Failed=True without startTime', true, jb({ conditions: [C('FailureTarget')] }), jb({ conditions: [C('FailureTarget'), C('Failed')] }), [E('Required', 'status.startTime')]);
sv('invalid attempt to transition to Complete=True without startTime', true, jb({ conditions: [C('SuccessCriteriaMet')] }), jb({ completionTime: NOW, conditions: [C('SuccessCriteriaMet'), C('Complete')] }), [E('Required', 'status.startTime')]);
sv('invalid attempt to transition to Complete=True with active > 0', true, jb({ startTime: NOW, active: 1, conditions: [C('SuccessCriteriaMet')] }), jb({ startTime: NOW, completionTime: NOW, active: 1, conditions: [C('SuccessCriteriaMet'), C('Complete')] }), [E('Invalid', 'status.active')]);
sv('invalid attempt to transition to Failed=True with terminating > 0', true, jb({ startTime: NOW, conditions: [C('FailureTarget')], terminating: 1 }), jb({ startTime: NOW, conditions: [C('FailureTarget'), C('Failed')], terminating: 1 }), [E('Invalid', 'status.terminating')]);
sv('invalid attempt to transition to Failed=True with active > 0', true, jb({ startTime: NOW, conditions: [C('FailureTarget')], active: 1 }), jb({ startTime: NOW, conditions: [C('FailureTarget'), C('Failed')], active: 1 }), [E('Invalid', 'status.active')]);
sv('invalid attempt to transition to Failed=True with uncountedTerminatedPods.Failed>0', true, jb({ startTime: NOW, uncountedTerminatedPods: { failed: ['a'] }, conditions: [C('FailureTarget')] }), jb({ startTime: NOW, uncountedTerminatedPods: { failed: ['a'] }, conditions: [C('FailureTarget'), C('Failed')] }), [E('Invalid', 'status.uncountedTerminatedPods')]);
sv('invalid attempt to update uncountedTerminatedPods.Succeeded for Complete job', true, jb({ startTime: NOW, completionTime: NOW, uncountedTerminatedPods: { failed: ['a'] }, conditions: [C('Complete')] }), jb({ startTime: NOW, completionTime: NOW, uncountedTerminatedPods: { failed: ['b'] }, conditions: [C('Complete')] }), [E('Invalid', 'status.uncountedTerminatedPods')]);
sv('non-empty uncountedTerminatedPods for complete job, unrelated update', true, jb({ startTime: NOW, completionTime: NOW, uncountedTerminatedPods: { failed: ['a'] }, conditions: [C('Complete')] }), jb({ startTime: NOW, completionTime: NOW, uncountedTerminatedPods: { failed: ['a'] }, conditions: [C('Complete'), C('CustomJobCondition')] }), []);
sv('invalid attempt to transition to Complete=True with uncountedTerminatedPods.Succeeded>0', true, jb({ startTime: NOW, uncountedTerminatedPods: { succeeded: ['a'] }, conditions: [C('SuccessCriteriaMet')] }), jb({ startTime: NOW, completionTime: NOW, uncountedTerminatedPods: { succeeded: ['a'] }, conditions: [C('SuccessCriteriaMet'), C('Complete')] }), [E('Invalid', 'status.uncountedTerminatedPods')]);
sv('invalid addition Complete=True without setting CompletionTime', true, jb({ startTime: NOW, conditions: [C('SuccessCriteriaMet')] }), jb({ startTime: NOW, conditions: [C('SuccessCriteriaMet'), C('Complete')] }), [E('Required', 'status.completionTime')]);
sv('invalid attempt to remove completionTime', true, jb({ completionTime: NOW, conditions: [C('Complete')] }), jb({ startTime: NOW, conditions: [C('Complete')] }), [E('Required', 'status.completionTime')]);
sv('verify startTime can be cleared for suspended job', true, jb({ startTime: NOW }, { suspend: true }), jb(undefined, { suspend: true }), []);
sv('verify startTime cannot be removed for unsuspended job', true, jb({ startTime: NOW }), jb(), [E('Invalid', 'status.startTime')]);
sv('verify startTime cannot be updated for unsuspended job', true, jb({ startTime: NOW }), jb({ startTime: NOWM }), [E('Invalid', 'status.startTime')]);
sv('verify startTime can be updated when resuming job (JobSuspended: True -> False)', true, jb({ startTime: NOW, conditions: [C('Suspended')] }), jb({ startTime: NOWM, conditions: [C('Suspended', 'False')] }), []);
sv('invalid attempt to set completionTime before startTime', true, jb({ startTime: NOWM, conditions: [C('SuccessCriteriaMet')] }), jb({ startTime: NOWM, completionTime: NOW, conditions: [C('SuccessCriteriaMet'), C('Complete')] }), [E('Invalid', 'status.completionTime')]);
sv('invalid attempt to modify completionTime', true, jb({ completionTime: NOW, conditions: [C('Complete')] }), jb({ completionTime: NOWM, startTime: NOW, conditions: [C('Complete')] }), [E('Invalid', 'status.completionTime')]);
sv('invalid removal of terminal condition Failed=True', true, jb({ conditions: [C('Failed')] }), jb(), [COND]);
sv('invalid removal of terminal condition Complete=True', true, jb({ conditions: [C('Complete')] }), jb(), [COND]);
sv('invalid removal of terminal condition FailureTarget=True', true, jb({ conditions: [C('FailureTarget')] }), jb(), [COND]);
sv('invalid addition of FailureTarget=True when Complete=True', true, jb({ startTime: NOW, completionTime: NOW, conditions: [C('Complete')] }), jb({ startTime: NOW, completionTime: NOW, conditions: [C('Complete'), C('FailureTarget')] }), [COND]);
sv('invalid attempt setting of CompletionTime when there is no Complete condition', true, jb(), jb({ completionTime: NOW }), [E('Invalid', 'status.completionTime')]);
sv('invalid CompletionTime when there is no Complete condition, but allowed', true, jb({ completionTime: NOW }), jb({ completionTime: NOW, active: 1 }), []);
const nonIdx5 = { completions: 5, completionMode: 'NonIndexed' };
const idx5s = { completions: 5, completionMode: 'Indexed' };
const blpi5 = { completions: 5, completionMode: 'Indexed', backoffLimitPerIndex: 1 };
sv('invalid attempt setting CompletedIndexes when non-indexed completion mode is used', true, jb(undefined, nonIdx5), jb({ startTime: NOW, completedIndexes: '0' }, nonIdx5), [E('Invalid', 'status.completedIndexes')]);
sv('invalid because CompletedIndexes set when non-indexed completion mode is used; but allowed', true, jb({ completedIndexes: '0' }, nonIdx5), jb({ completedIndexes: '0', active: 1 }, nonIdx5), []);
sv('invalid attempt setting FailedIndexes when not backoffLimitPerIndex', true, jb(undefined, idx5s), jb({ failedIndexes: '0' }, idx5s), [E('Invalid', 'status.failedIndexes')]);
sv('invalid attempt to decrease the failed counter', true, jb({ failed: 3 }, { completions: 5 }), jb({ failed: 1 }, { completions: 5 }), [E('Invalid', 'status.failed')]);
sv('invalid attempt to decrease the succeeded counter', true, jb({ succeeded: 3 }, { completions: 5 }), jb({ succeeded: 1 }, { completions: 5 }), [E('Invalid', 'status.succeeded')]);
sv('invalid attempt to set bad format for CompletedIndexes', true, jb(undefined, idx5s), jb({ completedIndexes: 'invalid format' }, idx5s), [E('Invalid', 'status.completedIndexes')]);
sv('invalid format for CompletedIndexes, but allowed', true, jb({ completedIndexes: 'invalid format' }, idx5s), jb({ completedIndexes: 'invalid format', active: 1 }, idx5s), []);
sv('invalid attempt to set bad format for FailedIndexes', true, jb(undefined, blpi5), jb({ failedIndexes: 'invalid format' }, blpi5), [E('Invalid', 'status.failedIndexes')]);
sv('invalid format for FailedIndexes, but allowed', true, jb({ failedIndexes: 'invalid format' }, blpi5), jb({ failedIndexes: 'invalid format', active: 1 }, blpi5), []);
sv('more ready pods than active, but allowed', true, jb({ active: 1, ready: 2 }, { completions: 5 }), jb({ active: 1, ready: 2, succeeded: 1 }, { completions: 5 }), []);
sv('invalid addition of both FailureTarget=True and Complete=True', true, jb(), jb({ startTime: NOW, completionTime: NOW, conditions: [C('Complete'), C('FailureTarget')] }), [COND, COND]);
sv('invalid failedIndexes, which overlap with completedIndexes', true, jb({ failedIndexes: '0,2', completedIndexes: '3-4' }, idx5s), jb({ failedIndexes: '0,2', completedIndexes: '2-4' }, idx5s), [E('Invalid', 'status.failedIndexes')]);
sv('failedIndexes overlap with completedIndexes, unrelated field change', true, jb({ failedIndexes: '0,2', completedIndexes: '2-4' }, idx5s), jb({ failedIndexes: '0,2', completedIndexes: '2-4', active: 1 }, idx5s), []);
sv('valid update of Job if SuccessCriteriaMet already present for NonIndexed Jobs; JobManagedBy disabled', false, jb({ conditions: [C('SuccessCriteriaMet')] }, {}), jb({ conditions: [C('SuccessCriteriaMet'), C('Complete')] }, {}), []);
const sp10 = { completionMode: 'Indexed', completions: 10, successPolicy: { rules: [{ succeededIndexes: '0-2' }] } };
sv('invalid addition of SuccessCriteriaMet for Job with Failed', false, jb({ conditions: [C('Failed')] }, sp10), jb({ conditions: [C('Failed'), C('SuccessCriteriaMet')] }, sp10), [COND]);
sv('invalid addition of Failed for Job with SuccessCriteriaMet', false, jb({ conditions: [C('SuccessCriteriaMet')] }, sp10), jb({ conditions: [C('SuccessCriteriaMet'), C('Failed')] }, sp10), [COND]);
sv('invalid addition of SuccessCriteriaMet for Job with FailureTarget', false, jb({ conditions: [C('FailureTarget')] }, sp10), jb({ conditions: [C('FailureTarget'), C('SuccessCriteriaMet')] }, sp10), [COND]);
sv('invalid addition of FailureTarget for Job with SuccessCriteriaMet', false, jb({ conditions: [C('SuccessCriteriaMet')] }, sp10), jb({ conditions: [C('SuccessCriteriaMet'), C('FailureTarget')] }, sp10), [COND]);
sv('invalid addition of SuccessCriteriaMet for Job with Complete', false, jb({ conditions: [C('Complete')] }, sp10), jb({ conditions: [C('Complete'), C('SuccessCriteriaMet')] }, sp10), [COND]);
sv('valid addition of Complete for Job with SuccessCriteriaMet', false, jb({ conditions: [C('SuccessCriteriaMet')] }, sp10), jb({ conditions: [C('SuccessCriteriaMet'), C('Complete')] }, sp10), []);
sv('invalid addition of Complete for Job with SuccessPolicy unless SuccessCriteriaMet', false, jb(undefined, sp10), jb({ conditions: [C('Complete')] }, sp10), [COND]);
sv('invalid disabling of SuccessCriteriaMet for Job', false, jb({ conditions: [C('SuccessCriteriaMet')] }, sp10), jb({ conditions: [C('Complete', 'False')] }, sp10), [COND]);
sv('invalid removing of SuccessCriteriaMet for Job', false, jb({ conditions: [C('SuccessCriteriaMet')] }, sp10), jb(undefined, sp10), [COND]);
sv('valid addition of SuccessCriteriaMet when JobManagedBy is enabled', true, jb(), jb({ conditions: [C('SuccessCriteriaMet')] }), []);
sv('valid addition of SuccessCriteriaMet', false, jb(), jb({ conditions: [C('SuccessCriteriaMet')] }), []);
sv('invalid attempt to set more ready pods than active', true, jb(undefined, { completions: 5 }), jb({ active: 1, ready: 2 }, { completions: 5 }), [E('Invalid', 'status.ready')]);
sv('valid transition to Complete for suspended Job with completions=0; without startTime', true, jb(undefined, { completions: 0, suspend: true }), jb({ completionTime: NOW, conditions: [C('SuccessCriteriaMet'), C('Complete')] }, { completions: 0, suspend: true }), []);

// ---- strategy_test.go: spec create/update through the strategy ----
// TestJobStrategy_ValidateUpdate(_MutablePodResources, _MutableSchedulingDirectives): the vectors
// carry the alpha gates of the case (`featureGates`) and let getUpdateValidationOptions derive the
// options from the old Job, as the strategy does. Skipped: the spec.scheduling (gang) cases.
const su = [];
const smeta = (extra = {}) => ({ name: 'myjob', namespace: 'default', resourceVersion: '0', ...extra });
const abTemplate = (restartPolicy = 'OnFailure') => ({ metadata: { labels: { a: 'b' } }, spec: podSpec({ restartPolicy }) });
const abSpec = (extra = {}) => ({ selector: { matchLabels: { a: 'b' } }, template: abTemplate(), manualSelector: true, parallelism: 1, ...extra });
const sUpd = (test, name, oldJob, mutate, errors, gates) => {
  const newJob = clone(oldJob);
  mutate(newJob);
  su.push({ name: `${test}/${name}`, ...(gates ? { featureGates: gates } : {}), oldJob, newJob, expect: { errors } });
};
const TJ = 'TestJobStrategy_ValidateUpdate';
sUpd(TJ, 'update parallelism', { metadata: smeta(), spec: abSpec() }, (j) => (j.spec.parallelism = 2), []);
sUpd(TJ, 'update completions disallowed', { metadata: smeta(), spec: abSpec({ completions: 1 }) }, (j) => (j.spec.completions = 2), [E('Invalid', 'spec.completions')]);
sUpd(TJ, 'updating node selector for unsuspended job disallowed with MutablePodResourcesForSuspendedJobs disabled', { metadata: smeta({ annotations: { foo: 'bar' } }), spec: abSpec() }, (j) => (j.spec.template.spec.nodeSelector = { foo: 'bar' }), [E('Invalid', 'spec.template')], { MutablePodResourcesForSuspendedJobs: false });
sUpd(TJ, 'updating node selector for suspended but previously started job disallowed with MutablePodResourcesForSuspendedJobs disabled', { metadata: smeta({ annotations: { foo: 'bar' } }), spec: abSpec({ suspend: true }), status: { startTime: NOW } }, (j) => (j.spec.template.spec.nodeSelector = { foo: 'bar' }), [E('Invalid', 'spec.template')], { MutablePodResourcesForSuspendedJobs: false });
sUpd(TJ, 'updating node selector for suspended and not previously started job allowed with MutablePodResourcesForSuspendedJobs disabled', { metadata: smeta({ annotations: { foo: 'bar' } }), spec: abSpec({ suspend: true }), status: { active: 0, conditions: [C('Suspended')] } }, (j) => (j.spec.template.spec.nodeSelector = { foo: 'bar' }), [], { MutablePodResourcesForSuspendedJobs: false });
sUpd(TJ, 'invalid label selector', { metadata: smeta({ annotations: { foo: 'bar' } }), spec: { selector: { matchLabels: { a: 'b' }, matchExpressions: [{ key: 'key', operator: 'NotIn', values: ['bad value'] }] }, manualSelector: true, template: abTemplate() } }, (j) => (j.metadata.annotations.hello = 'world'), []);
sUpd(TJ, 'old job has no batch.kubernetes.io labels', { metadata: { name: 'myjob', uid: 'test', namespace: 'default', resourceVersion: '10', annotations: { hello: 'world' } }, spec: { selector: { matchLabels: { 'controller-uid': 'test' } }, parallelism: 4, template: { metadata: { labels: { 'job-name': 'myjob', 'controller-uid': 'test' } }, spec: podSpec({ restartPolicy: 'OnFailure' }) } } }, (j) => (j.metadata.annotations.hello = 'world'), []);
sUpd(TJ, 'old job has all labels', { metadata: { name: 'myjob', uid: 'test', namespace: 'default', resourceVersion: '10', annotations: { foo: 'bar' } }, spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'test' } }, parallelism: 4, template: { metadata: { labels: { 'job-name': 'myjob', 'batch.kubernetes.io/job-name': 'myjob', 'controller-uid': 'test', 'batch.kubernetes.io/controller-uid': 'test' } }, spec: podSpec({ restartPolicy: 'OnFailure' }) } } }, (j) => (j.metadata.annotations.hello = 'world'), []);

const TR = 'TestJobStrategy_ValidateUpdate_MutablePodResources';
const cpu = (j) => (j.spec.template.spec.containers[0].resources = { requests: { cpu: '200m' } });
const susp = (suspend, status) => ({ metadata: smeta(), spec: abSpec({ suspend }), status });
const PR = (on) => ({ MutablePodResourcesForSuspendedJobs: on });
sUpd(TR, 'feature gate disabled - pod resource updates rejected', susp(true, { active: 0, conditions: [C('Suspended')] }), cpu, [E('Invalid', 'spec.template')], PR(false));
sUpd(TR, 'feature gate enabled - job suspended, but with remaining active Pods  resource updates rejected', susp(true, { active: 1, conditions: [C('Suspended', 'False')] }), cpu, [E('Invalid', 'spec.template')], PR(true));
sUpd(TR, 'feature gate enabled - job suspended, with the suspended condition, but pods remain active - reject', susp(true, { active: 1, conditions: [C('Suspended')] }), cpu, [E('Invalid', 'spec.template')], PR(true));
sUpd(TR, 'feature gate enabled - unsuspended job resource updates rejected', susp(false, { active: 1, conditions: [C('Suspended', 'False')] }), cpu, [E('Invalid', 'spec.template')], PR(true));
sUpd(TR, 'feature gate enabled - suspended but started job resource updates allowed', susp(true, { startTime: NOW, active: 0, conditions: [C('Suspended')] }), cpu, [], PR(true));
sUpd(TR, 'feature gate enabled - suspended and not started job resource updates allowed', susp(true, { active: 0, conditions: [C('Suspended')] }), cpu, [], PR(true));
sUpd(TR, 'feature gate enabled - non-resource field updates still rejected', susp(true, { active: 0, conditions: [C('Suspended')] }), (j) => (j.spec.template.spec.containers[0].image = 'different-image'), [E('Invalid', 'spec.template.spec')], PR(true));
sUpd(TR, 'feature gate enabled - pod resource update allowed for suspended Job without Suspended condition but never started', susp(true, { active: 0 }), cpu, [], PR(true));
sUpd(TR, 'feature gate enabled - job resuming (suspend=false) but JobSuspended condition still true - resource updates rejected', susp(false, { active: 0, conditions: [C('Suspended')] }), cpu, [E('Invalid', 'spec.template')], PR(true));

const TS = 'TestJobStrategy_ValidateUpdate_MutableSchedulingDirectives';
const ns = (j) => (j.spec.template.spec.nodeSelector = { key: 'value' });
const SD = (on) => ({ MutableSchedulingDirectivesForSuspendedJobs: on });
sUpd(TS, 'feature gate disabled - scheduling directives update allowed for suspended job never started', susp(true, { active: 0, conditions: [C('Suspended')] }), ns, [], SD(false));
sUpd(TS, 'feature gate enabled - scheduling directives update allowed for suspended job never started', susp(true, { active: 0, conditions: [C('Suspended')] }), ns, [], SD(true));
sUpd(TS, 'feature gate disabled - scheduling directives update rejected for unsuspended Job', susp(true, { active: 1, startTime: NOW }), ns, [E('Invalid', 'spec.template')], SD(false));
sUpd(TS, 'feature gate enabled - scheduling directives update rejected for unsuspended Job', susp(false, { active: 1, startTime: NOW }), ns, [E('Invalid', 'spec.template')], SD(true));
sUpd(TS, 'feature gate disabled - scheduling directives update rejected for suspended Job which was running in the past', susp(true, { startTime: NOW, active: 0, conditions: [C('Suspended')] }), ns, [E('Invalid', 'spec.template')], SD(false));
sUpd(TS, 'feature gate enabled - scheduling directives update allowed for suspended Job which was running in the past', susp(true, { startTime: NOW, active: 0, conditions: [C('Suspended')] }), ns, [], SD(true));
sUpd(TS, 'feature gate enabled - scheduling directives update rejected for suspended Job still have active pods', susp(true, { startTime: NOW, active: 1, conditions: [C('Suspended')] }), ns, [E('Invalid', 'spec.template')], SD(true));
sUpd(TS, 'feature gate enabled - scheduling directives update rejected for suspended Job without Suspended condition', susp(true, { startTime: NOW, active: 1, conditions: [C('Suspended', 'False')] }), ns, [E('Invalid', 'spec.template')], SD(true));
sUpd(TS, 'feature gate enabled - job resuming (suspend=false) but JobSuspended condition still true - scheduling directives update rejected', susp(false, { active: 0, conditions: [C('Suspended')] }), ns, [E('Invalid', 'spec.template')], SD(true));
sUpd(TS, 'feature gate enabled - scheduling directives update allowed for suspended Job without Suspended condition but never started', susp(true, { active: 0 }), ns, [], SD(true));

// TestJobStrategy_Validate: upstream asserts the number of errors only; (type, field) derived.
const sc = [];
const UID = '1a2b3c4d5e6f7g8h9i0k';
const cmeta = () => ({ name: 'myjob', uid: UID, namespace: 'default', generation: 0 });
const defaultSelector = () => ({ matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
const batchLabels = () => ({ 'job-name': 'myjob', 'batch.kubernetes.io/job-name': 'myjob', 'controller-uid': UID, 'batch.kubernetes.io/controller-uid': UID });
const STRAT_NOTE = 'upstream asserts the error count only; the (type, field) pairs are derived from validation.go';
const sCreate = (name, spec, errors) => sc.push({ name: `TestJobStrategy_Validate/${name}`, ...(errors.length ? { note: STRAT_NOTE } : {}), job: { metadata: cmeta(), spec }, expect: { errors } });
const fiveMissing = [
  E('Required', 'spec.template.metadata.labels[controller-uid]'), E('Required', 'spec.template.metadata.labels[job-name]'),
  E('Required', `spec.template.metadata.labels[batch.kubernetes.io/controller-uid]`), E('Required', 'spec.template.metadata.labels[batch.kubernetes.io/job-name]'),
  E('Invalid', 'spec.template.metadata.labels'),
];
sCreate('valid job with batch labels in pod template', { selector: defaultSelector(), manualSelector: false, template: { metadata: { labels: batchLabels() }, spec: podSpec({ restartPolicy: 'OnFailure' }) } }, []);
sCreate('valid job with batch and non-batch labels in pod template', { selector: defaultSelector(), manualSelector: false, template: { metadata: { labels: { a: 'b', ...batchLabels() } }, spec: podSpec({ restartPolicy: 'OnFailure' }) } }, []);
sCreate('job with non-batch labels and without batch labels in pod template', { selector: defaultSelector(), manualSelector: false, template: { metadata: { labels: {} }, spec: podSpec({ restartPolicy: 'OnFailure' }) } }, fiveMissing);
sCreate('no labels in job', { selector: defaultSelector(), template: { spec: podSpec({ restartPolicy: 'OnFailure' }) } }, fiveMissing);
sCreate('manual selector; do not generate labels', { selector: { matchLabels: { a: 'b' } }, template: abTemplate(), completions: 2, manualSelector: true }, []);
sCreate('valid job with extended configuration', { selector: defaultSelector(), manualSelector: false, template: { metadata: { labels: { a: 'b', ...batchLabels() } }, spec: podSpec({ restartPolicy: 'OnFailure' }) }, completions: 2, suspend: true, ttlSecondsAfterFinished: 0, completionMode: 'Indexed' }, []);
sCreate('FailIndex action; not used - validation error', { selector: { matchLabels: { a: 'b' } }, manualSelector: true, template: abTemplate('Never'), podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] } }, [E('Invalid', 'spec.podFailurePolicy.rules[0].action')]);
sCreate('FailIndex action; used - no error', { completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: 1, selector: { matchLabels: { a: 'b' } }, manualSelector: true, template: abTemplate('Never'), podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] } }, []);

// TestStatusStrategy_PrepareForUpdate: the status strategy resets the spec, so a spec change in a
// status update is ignored, not rejected (upstream checks the reset object; no errors follow).
const sPrep = [];
const pTpl = () => ({ metadata: { labels: { a: 'b' } }, spec: { restartPolicy: 'OnFailure', dnsPolicy: 'ClusterFirst', containers: [{ name: 'abc', image: 'image', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }] } });
const pSpec = (parallelism) => ({ selector: { matchLabels: { a: 'b' } }, template: pTpl(), parallelism });
sPrep.push({ name: 'TestStatusStrategy_PrepareForUpdate/job must allow status updates', oldJob: { metadata: vmeta(), spec: pSpec(4), status: { active: 11 } }, newJob: { metadata: vmeta(), spec: pSpec(4), status: { active: 12 } }, expect: { errors: [] } });
sPrep.push({ name: 'TestStatusStrategy_PrepareForUpdate/parallelism changes not allowed', note: 'the spec change is dropped by the strategy; no error', oldJob: { metadata: vmeta(), spec: pSpec(3) }, newJob: { metadata: vmeta(), spec: pSpec(4) }, expect: { errors: [] } });

const write = (file, family, source, cases) => {
  const names = new Set();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
    names.add(c.name);
  }
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, file), JSON.stringify({ family, source, cases }, null, 1) + '\n');
  console.log(`${file}: ${cases.length} cases`);
};
write('job-validation.json', 'jobValidation', SRC('TestValidateJob'), jobCases);
write('job-validation-update.json', 'jobUpdateValidation', SRC('TestValidateJobUpdate') + '; skipped: the four spec.scheduling cases (alpha WorkloadWithJob, not modelled)', upd);
write('status-validation-strategy.json', 'statusValidation', `pkg/registry/batch/job/strategy_test.go TestStatusStrategy_ValidateUpdate @ ${STRATEGY_COMMIT} (liggitt/kubernetes); times: now = ${NOW}, nowPlusMinute = ${NOWM}`, ss);
write('job-validation-strategy-update.json', 'jobUpdateValidation', `pkg/registry/batch/job/strategy_test.go TestJobStrategy_ValidateUpdate, _MutablePodResources, _MutableSchedulingDirectives @ ${STRATEGY_COMMIT} (liggitt/kubernetes); skipped: the two spec.scheduling gang cases (alpha WorkloadWithJob); now = ${NOW}`, su);
write('job-validation-strategy-create.json', 'jobValidation', `pkg/registry/batch/job/strategy_test.go TestJobStrategy_Validate @ ${STRATEGY_COMMIT} (liggitt/kubernetes); skipped: "fail validation due to invalid volume spec" (pod spec volumes are out of scope)`, sc);
write('status-validation-strategy-prepare.json', 'statusValidation', `pkg/registry/batch/job/strategy_test.go TestStatusStrategy_PrepareForUpdate @ ${STRATEGY_COMMIT} (liggitt/kubernetes)`, sPrep);
write('status-validation-validation-test.json', 'statusValidation', SRC('TestValidateJobUpdateStatus') + ' (startTime offsets kept as absolute times 1 s apart)', st);
