// Job create validation: ValidateJob / ValidateJobSpec / validateJobSpec and the pod failure and
// success policy rules of pkg/apis/batch/validation/validation.go, with the options that
// pkg/registry/batch/job/strategy.go passes on create.

import type { Job } from '@jobkit/api';
import { parseIndexesStrict } from '@jobkit/indexes';
import { type FieldError, child, duplicate, index, invalid, key, notSupported, required, sortedMap, tooLong, tooMany, mergeFieldErrors } from './fieldError.js';
import { asSelector, selectorMatches, selectorValue, validateLabelSelectorInto } from './labelSelector.js';
import { domainPrefixedPathErrors, isDNS1123Label, isQualifiedName } from '@jobkit/api';
import { validateObjectMetaInto } from './objectMeta.js';
import { containerNames, validatePodTemplateSpecInto } from './podTemplate.js';
import { isNil, isObj, list, obj, optBool, optInt, optInt64, optString, prop, stringMap } from './internal/untrusted.js';

const maxParallelismForIndexedJob = 100_000;
const maxFailedIndexesForIndexedJob = 100_000;
const completionsSoftLimit = 100_000;
const parallelismLimitForHighCompletions = 10_000;
const maxFailedIndexesLimitForHighCompletions = 10_000;
const maxPodFailurePolicyRules = 20;
const maxPodFailurePolicyOnExitCodesValues = 255;
const maxPodFailurePolicyOnPodConditionsPatterns = 20;
const maxManagedByLength = 63;
const maxJobSuccessPolicySucceededIndexesLimit = 64 * 1024;
const maxSuccessPolicyRule = 20;
/** Rules examined one by one in a hostile over-long list (upstream examines all of them). */
const maxRulesExamined = 1000;

const pfpActions = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const pfpOperators = ['In', 'NotIn'];
const pfpConditionStatuses = ['False', 'True', 'Unknown'];
const podReplacementPolicies = ['Failed', 'TerminatingOrFailed'];

export const JobNameLabel = 'batch.kubernetes.io/job-name';
export const ControllerUidLabel = 'batch.kubernetes.io/controller-uid';
const LegacyJobNameLabel = 'job-name';
const LegacyControllerUidLabel = 'controller-uid';

/**
 * Switches of upstream's `JobValidationOptions` (validation.go), camel-cased. On create the
 * strategy requires the prefixed labels; on update it derives all three from the old Job.
 * @category Validation
 */
export interface JobValidationOptions {
  /** Require `batch.kubernetes.io/job-name` and `batch.kubernetes.io/controller-uid` template labels. */
  readonly requirePrefixedLabels: boolean;
  /** Allow node affinity, node selector, tolerations, scheduling gates, labels, annotations to change. */
  readonly allowMutableSchedulingDirectives: boolean;
  /** Skip label-value syntax checks in `spec.selector.matchExpressions[*].values`. */
  readonly allowInvalidLabelValueInSelector: boolean;
  /** Updates only: allow container resources to change while the old Job is suspended (gate MutablePodResourcesForSuspendedJobs, on by default). */
  readonly allowMutablePodResources: boolean;
}

const createOptions: JobValidationOptions = {
  requirePrefixedLabels: true,
  allowMutableSchedulingDirectives: false,
  allowInvalidLabelValueInSelector: false,
  allowMutablePodResources: false,
};

/** The spec fields that the rules compare with each other. */
interface SpecNumbers {
  readonly parallelism: number | undefined;
  readonly completions: number | undefined;
  readonly backoffLimitPerIndex: number | undefined;
  readonly maxFailedIndexes: number | undefined;
  readonly indexed: boolean;
}

function nonNegative(v: number | undefined, path: string, errs: FieldError[]): void {
  // ValidateNonnegativeField: the value shown as Go's int64.
  if (v !== undefined && v < 0) errs.push(invalid(path, v, 'must be greater than or equal to 0'));
}

/** ValidateHasLabel: the template must carry `label` with `expected`. */
function hasLabel(labels: ReadonlyMap<string, string>, label: string, expected: string, errs: FieldError[]): void {
  const path = key('spec.template.metadata.labels', label);
  const actual = labels.get(label);
  if (actual === undefined) errs.push(required(path, `must be '${expected}'`));
  // Upstream shows the whole label map as the bad value.
  else if (actual !== expected) errs.push(invalid(path, sortedMap(labels), `must be '${expected}'`));
}

/** validateGeneratedSelector: unless manualSelector, the generated labels and selector must be intact. */
function validateGeneratedSelectorInto(job: unknown, requirePrefixedLabels: boolean, errs: FieldError[]): void {
  const spec = obj(prop(job, 'spec'));
  if (prop(spec, 'manualSelector') === true) return;
  const sel = prop(spec, 'selector');
  if (isNil(sel)) return; // reported by validateJobSpec
  const meta = obj(prop(job, 'metadata'));
  const uidRaw = prop(meta, 'uid');
  const nameRaw = prop(meta, 'name');
  const uid = typeof uidRaw === 'string' ? uidRaw : '';
  const name = typeof nameRaw === 'string' ? nameRaw : '';
  if (uid === '') errs.push(required('metadata.uid'));
  const sink: FieldError[] = [];
  const labels = stringMap(obj(prop(obj(prop(spec, 'template')), 'metadata')), 'labels', '', sink);
  hasLabel(labels, LegacyControllerUidLabel, uid, errs);
  hasLabel(labels, LegacyJobNameLabel, name, errs);
  const expected = new Map<string, string>();
  if (requirePrefixedLabels) {
    hasLabel(labels, ControllerUidLabel, uid, errs);
    hasLabel(labels, JobNameLabel, name, errs);
    expected.set(ControllerUidLabel, uid);
    expected.set(JobNameLabel, name);
  }
  expected.set(LegacyControllerUidLabel, uid);
  expected.set(LegacyJobNameLabel, name);
  const s = asSelector(sel);
  if (s !== undefined && !selectorMatches(s, expected)) errs.push(invalid('spec.selector', selectorValue(sel), '`selector` not auto-generated'));
}

function validateExitCodesInto(req: unknown, path: string, names: ReadonlySet<string>, errs: FieldError[]): void {
  if (!isObj(req)) {
    errs.push(invalid(path, req, 'must be an object'));
    return;
  }
  const opPath = child(path, 'operator');
  const op = optString(req, 'operator', opPath, errs) ?? '';
  if (op === '') errs.push(required(opPath, `valid values: ${JSON.stringify(pfpOperators)}`));
  else if (!pfpOperators.includes(op)) errs.push(notSupported(opPath, op, pfpOperators));
  const cn = prop(req, 'containerName');
  if (!isNil(cn) && (typeof cn !== 'string' || !names.has(cn))) {
    errs.push(invalid(child(path, 'containerName'), cn, 'must be one of the container or initContainer names in the pod template'));
  }
  const vp = child(path, 'values');
  const values = list(req, 'values', vp, errs);
  if (values.length === 0) errs.push(invalid(vp, values, 'at least one value is required'));
  else if (values.length > maxPodFailurePolicyOnExitCodesValues) errs.push(tooMany(vp, values.length, maxPodFailurePolicyOnExitCodesValues));
  // Bound the per-value work: a hostile list of a million values gets TooMany and one pass.
  let ordered = true;
  const unique = new Set<number>();
  let prev: number | undefined;
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    const p = index(vp, j);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
      errs.push(invalid(p, v, 'must be a 32-bit integer'));
      continue;
    }
    if (op === 'In' && v === 0) errs.push(invalid(p, v, 'must not be 0 for the In operator'));
    if (unique.has(v)) errs.push(duplicate(p, v));
    else unique.add(v);
    if (prev !== undefined && prev > v) ordered = false;
    prev = v;
  }
  if (!ordered) errs.push(invalid(vp, values, 'must be ordered'));
}

function validateOnPodConditionsInto(patterns: readonly unknown[], path: string, errs: FieldError[]): void {
  if (patterns.length > maxPodFailurePolicyOnPodConditionsPatterns) {
    errs.push(tooMany(path, patterns.length, maxPodFailurePolicyOnPodConditionsPatterns));
  }
  for (let j = 0; j < patterns.length; j++) {
    const pp = index(path, j);
    const pat = patterns[j];
    const type = optString(pat, 'type', child(pp, 'type'), errs) ?? '';
    for (const m of isQualifiedName(type)) errs.push(invalid(child(pp, 'type'), type, m));
    const sp = child(pp, 'status');
    const st = optString(pat, 'status', sp, errs) ?? '';
    if (st === '') errs.push(required(sp, `valid values: ${JSON.stringify(pfpConditionStatuses)}`));
    else if (!pfpConditionStatuses.includes(st)) errs.push(notSupported(sp, st, pfpConditionStatuses));
  }
}

function validatePodFailurePolicyInto(pfp: unknown, template: unknown, n: SpecNumbers, errs: FieldError[]): void {
  const base = 'spec.podFailurePolicy';
  if (!isObj(pfp)) {
    errs.push(invalid(base, pfp, 'must be an object'));
    return;
  }
  const rulesPath = child(base, 'rules');
  const rules = list(pfp, 'rules', rulesPath, errs);
  if (rules.length > maxPodFailurePolicyRules) errs.push(tooMany(rulesPath, rules.length, maxPodFailurePolicyRules));
  const names = containerNames(template);
  // Past TooMany, further rules only add work: hostile lists are checked up to maxRulesExamined.
  const limit = Math.min(rules.length, maxRulesExamined);
  for (let i = 0; i < limit; i++) {
    const rp = index(rulesPath, i);
    const rule = rules[i];
    if (!isObj(rule)) {
      errs.push(invalid(rp, rule, 'must be an object'));
      continue;
    }
    const ap = child(rp, 'action');
    const action = optString(rule, 'action', ap, errs) ?? '';
    if (action === '') errs.push(required(ap, `valid values: ${JSON.stringify(pfpActions)}`));
    else if (action === 'FailIndex') {
      if (n.backoffLimitPerIndex === undefined) errs.push(invalid(ap, action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!pfpActions.includes(action)) errs.push(notSupported(ap, action, pfpActions));
    const onExitCodes = prop(rule, 'onExitCodes');
    const onPodConditions = list(rule, 'onPodConditions', child(rp, 'onPodConditions'), errs);
    if (!isNil(onExitCodes)) validateExitCodesInto(onExitCodes, child(rp, 'onExitCodes'), names, errs);
    if (onPodConditions.length > 0) validateOnPodConditionsInto(onPodConditions, child(rp, 'onPodConditions'), errs);
    if (!isNil(onExitCodes) && onPodConditions.length > 0) {
      errs.push(invalid(rp, undefined, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    }
    if (isNil(onExitCodes) && onPodConditions.length === 0) {
      errs.push(invalid(rp, undefined, 'specifying one of OnExitCodes and OnPodConditions is required'));
    }
  }
}

function validateSuccessPolicyInto(sp: unknown, n: SpecNumbers, errs: FieldError[]): void {
  const base = 'spec.successPolicy';
  if (!isObj(sp)) {
    errs.push(invalid(base, sp, 'must be an object'));
    return;
  }
  const rulesPath = child(base, 'rules');
  const rules = list(sp, 'rules', rulesPath, errs);
  if (rules.length === 0) errs.push(required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > maxSuccessPolicyRule) errs.push(tooMany(rulesPath, rules.length, maxSuccessPolicyRule));
  // Upstream dereferences spec.completions here; an Indexed Job without completions already has a
  // Required error, so the comparisons are skipped instead of crashing.
  const completions = n.completions;
  const limit = Math.min(rules.length, maxRulesExamined); // past TooMany, more rules only add work
  for (let i = 0; i < limit; i++) {
    const rp = index(rulesPath, i);
    const rule = rules[i];
    if (!isObj(rule)) {
      errs.push(invalid(rp, rule, 'must be an object'));
      continue;
    }
    const countPath = child(rp, 'succeededCount');
    const idxPath = child(rp, 'succeededIndexes');
    const count = optInt(rule, 'succeededCount', countPath, errs);
    const idx = optString(rule, 'succeededIndexes', idxPath, errs);
    if (count === undefined && idx === undefined && isNil(prop(rule, 'succeededCount')) && isNil(prop(rule, 'succeededIndexes'))) {
      errs.push(required(rp, 'at least one of succeededCount or succeededIndexes must be specified'));
    }
    let total = 0;
    if (idx !== undefined) {
      if (idx.length > maxJobSuccessPolicySucceededIndexesLimit) errs.push(tooLong(idxPath, maxJobSuccessPolicySucceededIndexesLimit));
      if (completions !== undefined) {
        const r = parseIndexesStrict(idx, completions);
        if (r.ok) total = r.total;
        else errs.push(invalid(idxPath, idx, `error parsing succeededIndexes: ${r.detail.length > 300 ? `${r.detail.slice(0, 297)}...` : r.detail}`));
      }
    }
    if (count !== undefined) {
      nonNegative(count, countPath, errs);
      if (completions !== undefined && count > completions) {
        errs.push(invalid(countPath, count, `must be less than or equal to ${completions} (the number of specified completions)`));
      }
      if (idx !== undefined && count > total) {
        errs.push(invalid(countPath, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  }
}

/** validateJobSpec + ValidateJobSpec (selector presence, syntax and match with the template labels). */
export function validateJobSpecInto(job: unknown, opts: JobValidationOptions, errs: FieldError[]): void {
  const p = 'spec';
  const rawSpec = prop(job, 'spec');
  if (!isObj(rawSpec)) {
    errs.push(required(p));
    return;
  }
  const spec = rawSpec;
  const parallelism = optInt(spec, 'parallelism', child(p, 'parallelism'), errs);
  const completions = optInt(spec, 'completions', child(p, 'completions'), errs);
  const activeDeadlineSeconds = optInt64(spec, 'activeDeadlineSeconds', child(p, 'activeDeadlineSeconds'), errs);
  const backoffLimit = optInt(spec, 'backoffLimit', child(p, 'backoffLimit'), errs);
  const ttl = optInt(spec, 'ttlSecondsAfterFinished', child(p, 'ttlSecondsAfterFinished'), errs);
  const blpi = optInt(spec, 'backoffLimitPerIndex', child(p, 'backoffLimitPerIndex'), errs);
  const mfi = optInt(spec, 'maxFailedIndexes', child(p, 'maxFailedIndexes'), errs);
  optBool(spec, 'manualSelector', child(p, 'manualSelector'), errs);
  optBool(spec, 'suspend', child(p, 'suspend'), errs);
  nonNegative(parallelism, child(p, 'parallelism'), errs);
  nonNegative(completions, child(p, 'completions'), errs);
  nonNegative(activeDeadlineSeconds, child(p, 'activeDeadlineSeconds'), errs);
  nonNegative(backoffLimit, child(p, 'backoffLimit'), errs);
  nonNegative(ttl, child(p, 'ttlSecondsAfterFinished'), errs);
  nonNegative(blpi, child(p, 'backoffLimitPerIndex'), errs);
  if (mfi !== undefined) {
    nonNegative(mfi, child(p, 'maxFailedIndexes'), errs);
    if (blpi === undefined && isNil(prop(spec, 'backoffLimitPerIndex'))) {
      errs.push(required(child(p, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
    }
  }
  const managedBy = optString(spec, 'managedBy', child(p, 'managedBy'), errs);
  if (managedBy !== undefined) {
    const mp = child(p, 'managedBy');
    const r = managedByProblems(managedBy);
    if (r.required) errs.push(required(mp));
    for (const { value, message } of r.invalid) errs.push(invalid(mp, value, message));
    if (r.tooLong) errs.push(tooLong(mp, maxManagedByLength));
  }
  const mode = optString(spec, 'completionMode', child(p, 'completionMode'), errs);
  const indexed = mode === 'Indexed';
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') {
      errs.push(notSupported(child(p, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
    }
    if (indexed) {
      if (completions === undefined) errs.push(required(child(p, 'completions'), 'when completion mode is Indexed'));
      if (parallelism !== undefined && parallelism > maxParallelismForIndexedJob) {
        errs.push(
          invalid(child(p, 'parallelism'), parallelism, `must be less than or equal to ${maxParallelismForIndexedJob} when completion mode is Indexed`),
        );
      }
      if (completions !== undefined && mfi !== undefined && mfi > completions) {
        errs.push(invalid(child(p, 'maxFailedIndexes'), mfi, 'must be less than or equal to completions'));
      }
      if (mfi !== undefined && mfi > maxFailedIndexesForIndexedJob) {
        errs.push(invalid(child(p, 'maxFailedIndexes'), mfi, `must be less than or equal to ${maxFailedIndexesForIndexedJob}`));
      }
      if (completions !== undefined && completions > completionsSoftLimit && blpi !== undefined) {
        if (mfi === undefined) {
          errs.push(required(child(p, 'maxFailedIndexes'), `must be specified when completions is above ${completionsSoftLimit}`));
        }
        if (parallelism !== undefined && parallelism > parallelismLimitForHighCompletions) {
          errs.push(
            invalid(
              child(p, 'parallelism'),
              parallelism,
              `must be less than or equal to ${parallelismLimitForHighCompletions} when completions are above ${completionsSoftLimit} and used with backoff limit per index`,
            ),
          );
        }
        if (mfi !== undefined && mfi > maxFailedIndexesLimitForHighCompletions) {
          errs.push(
            invalid(
              child(p, 'maxFailedIndexes'),
              mfi,
              `must be less than or equal to ${maxFailedIndexesLimitForHighCompletions} when completions are above ${completionsSoftLimit} and used with backoff limit per index`,
            ),
          );
        }
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (blpi !== undefined) errs.push(invalid(child(p, 'backoffLimitPerIndex'), blpi, 'requires indexed completion mode'));
    if (mfi !== undefined) errs.push(invalid(child(p, 'maxFailedIndexes'), mfi, 'requires indexed completion mode'));
  }
  const n: SpecNumbers = { parallelism, completions, backoffLimitPerIndex: blpi, maxFailedIndexes: mfi, indexed };
  const template = prop(spec, 'template');
  const pfp = prop(spec, 'podFailurePolicy');
  if (!isNil(pfp)) validatePodFailurePolicyInto(pfp, template, n, errs);
  const sp = prop(spec, 'successPolicy');
  if (!isNil(sp)) {
    if (!indexed) errs.push(invalid(child(p, 'successPolicy'), sp, 'requires indexed completion mode'));
    else validateSuccessPolicyInto(sp, n, errs);
  }
  const prp = optString(spec, 'podReplacementPolicy', child(p, 'podReplacementPolicy'), errs);
  if (prp !== undefined) {
    if (!isNil(pfp)) {
      if (prp !== 'Failed') errs.push(notSupported(child(p, 'podReplacementPolicy'), prp, ['Failed']));
    } else if (!podReplacementPolicies.includes(prp)) {
      errs.push(notSupported(child(p, 'podReplacementPolicy'), prp, podReplacementPolicies));
    }
  }
  const tp = child(p, 'template');
  validatePodTemplateSpecInto(template, tp, errs);
  const restartPolicy = prop(obj(prop(obj(template), 'spec')), 'restartPolicy');
  const rpPath = child(tp, 'spec', 'restartPolicy');
  if (isNil(restartPolicy) || restartPolicy === '' || restartPolicy === 'Always') {
    errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errs.push(notSupported(rpPath, restartPolicy, ['OnFailure', 'Never']));
  } else if (!isNil(pfp) && restartPolicy !== 'Never') {
    errs.push(invalid(rpPath, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  }

  // ValidateJobSpec: the selector is required, well formed, and must select the template's pods.
  const sel = prop(spec, 'selector');
  if (isNil(sel)) errs.push(required(child(p, 'selector')));
  else validateLabelSelectorInto(sel, child(p, 'selector'), errs, opts.allowInvalidLabelValueInSelector);
  const s = asSelector(sel);
  if (s !== undefined) {
    const sink: FieldError[] = [];
    const labels = stringMap(obj(prop(obj(template), 'metadata')), 'labels', '', sink);
    if (!selectorMatches(s, labels)) {
      errs.push(invalid(child(tp, 'metadata', 'labels'), sortedMap(labels), '`selector` does not match template `labels`'));
    }
  }
}

/** ValidateJobCreate as the create strategy calls it, with a given set of options. */
export function validateJobWithOptionsInto(job: unknown, opts: JobValidationOptions, errs: FieldError[]): void {
  validateObjectMetaInto(job, errs);
  validateGeneratedSelectorInto(job, opts.requirePrefixedLabels, errs);
  validateJobSpecInto(job, opts, errs);
  validateNameAllowsCompletionsInto(job, errs);
}

/** validateNameAllowsCompletions (create and update): `<name>-<completions-1>` must be a DNS label. */
export function validateNameAllowsCompletionsInto(job: unknown, errs: FieldError[]): void {
  const spec = obj(prop(job, 'spec'));
  const completions = prop(spec, 'completions');
  if (prop(spec, 'completionMode') === 'Indexed' && typeof completions === 'number' && Number.isInteger(completions) && completions > 0) {
    // The controller names pods `<job>-<index>` and uses that as hostname: it must be a DNS label.
    const nameRaw = prop(obj(prop(job, 'metadata')), 'name');
    const name = typeof nameRaw === 'string' ? nameRaw : '';
    const hostname = `${name.length > 300 ? name.slice(0, 300) : name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
}

/**
 * Validates a Job create as the API server does (pkg/registry/batch/job/strategy.go Validate →
 * ValidateJob). The Job is taken as already defaulted by the API server (selector and template
 * labels generated, restartPolicy and other defaults set); nothing is defaulted here. Of the pod
 * template only the checks listed in podTemplate.ts run (the full PodSpec validation is out of
 * scope). `opts` overrides the create options (prefixed labels required). Never throws.
 *
 * @example
 * validateJob({ metadata: { name: 'pi', namespace: 'default', uid: 'u1' }, spec: { ... } })
 * @category Validation
 */
export function validateJob(job: Job | unknown, opts?: Partial<JobValidationOptions>): FieldError[] {
  if (!isObj(job)) return [invalid('', job, 'the Job must be an object')];
  const errs: FieldError[] = [];
  validateJobWithOptionsInto(job, { ...createOptions, ...(opts ?? {}) }, errs);
  return mergeFieldErrors(errs);
}

/** What the API server finds wrong with a `spec.managedBy` value (a domain-prefixed path of at most 63 characters). */
function managedByProblems(value: string): {
  readonly required: boolean;
  readonly messages: readonly string[];
  readonly invalid: ReadonlyArray<{ readonly value: string; readonly message: string }>;
  readonly tooLong: boolean;
} {
  const r = domainPrefixedPathErrors(value);
  return { required: r.required, messages: r.messages, invalid: r.invalid, tooLong: value.length > maxManagedByLength };
}

/**
 * Why `value` cannot be a Job's `spec.managedBy`, in the API server's words (empty: it can). For
 * tools that take a controller name, such as `jobkit controller --managed-by`.
 *
 * @category Validation
 */
export function managedByErrors(value: string): string[] {
  const r = managedByProblems(value);
  return [...(r.required ? ['Required value'] : []), ...r.messages, ...(r.tooLong ? [`Too long: may not be more than ${maxManagedByLength} bytes`] : [])];
}
