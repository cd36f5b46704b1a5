// Job spec update validation: strategy.go ValidateUpdate = ValidateJobUpdate (ValidateObjectMetaUpdate,
// ValidateJobSpecUpdate: ValidateJobSpec, validateCompletions, immutable fields,
// validatePodTemplateUpdate; validateNameAllowsCompletions) of pkg/apis/batch/validation/validation.go,
// with the update options of validationOptionsForJob.

import type { Job } from '@jobkit/api';
import { type FieldError, invalid, mergeFieldErrors } from './fieldError.js';
import { summarizeConditions } from './jobConditions.js';
import { type JobValidationOptions, ControllerUidLabel, JobNameLabel, validateJobSpecInto, validateNameAllowsCompletionsInto } from './jobValidation.js';
import { selectorHasInvalidLabelValue, selectorValue } from './labelSelector.js';
import { validateObjectMetaUpdateInto } from './objectMeta.js';
import { PRESENT, defaultedPodTemplate } from './podTemplateDefaults.js';
import { deepEqual, isNil, isObj, obj, prop } from './internal/untrusted.js';

/**
 * Feature gates of kube-apiserver that change the update options: both beta and on by default
 * since 1.36 (pkg/features/kube_features.go), so an absent gate counts as on.
 * @category Validation
 */
export interface JobFeatureGates {
  /** Container resources of a suspended Job's template may change (KEP-5440). */
  readonly MutablePodResourcesForSuspendedJobs?: boolean;
  /** Scheduling directives may change also for a suspended Job that has run before (KEP-5440). */
  readonly MutableSchedulingDirectivesForSuspendedJobs?: boolean;
}

/**
 * The options the update strategy derives from the old Job (strategy.go validationOptionsForJob):
 * prefixed labels are required only if the old template had both; scheduling directives are
 * mutable only while the old Job is suspended and has never started. With the gates on (the
 * default), a suspended Job with no active pods that never started or carries Suspended=True may change its
 * container resources and/or scheduling directives.
 * @category Validation
 */
export function getUpdateValidationOptions(oldJob: Job | unknown, gates: JobFeatureGates = {}): JobValidationOptions {
  const oldSpec = obj(prop(oldJob, 'spec'));
  const oldStatus = obj(prop(oldJob, 'status'));
  const labels = obj(prop(obj(prop(obj(prop(oldSpec, 'template')), 'metadata')), 'labels'));
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(labels, k);
  const suspended = prop(oldSpec, 'suspend') === true;
  const notStarted = isNil(prop(oldStatus, 'startTime'));
  const sink: FieldError[] = [];
  const suspendedCondition = summarizeConditions(oldStatus, sink).trueTypes.has('Suspended');
  const active = prop(oldStatus, 'active');
  const noActive = isNil(active) || active === 0;
  const mutableTemplate = suspended && (notStarted || suspendedCondition) && noActive;
  return {
    requirePrefixedLabels: has(JobNameLabel) && has(ControllerUidLabel),
    allowMutableSchedulingDirectives: gates.MutableSchedulingDirectivesForSuspendedJobs !== false ? mutableTemplate : suspended && notStarted,
    allowInvalidLabelValueInSelector: selectorHasInvalidLabelValue(prop(oldSpec, 'selector')),
    allowMutablePodResources: gates.MutablePodResourcesForSuspendedJobs !== false ? mutableTemplate : false,
  };
}

/** validateCompletions: immutable, except that an Indexed Job may change it together with parallelism. */
function validateCompletionsInto(spec: unknown, oldSpec: unknown, errs: FieldError[]): void {
  const c = prop(spec, 'completions');
  const oc = prop(oldSpec, 'completions');
  if (prop(spec, 'completionMode') !== 'Indexed') {
    if (!deepEqual(c, oc)) errs.push(invalid('spec.completions', c ?? null, 'field is immutable'));
    return;
  }
  if (deepEqual(c, oc) || isNil(c)) return; // a nil completions is reported by validateJobSpec
  if (c !== prop(spec, 'parallelism')) {
    errs.push(invalid('spec.completions', c, 'can only be modified in tandem with spec.parallelism'));
  }
}

/**
 * The old template with the fields that may change copied from the new one, so that an
 * immutability comparison ignores them (validatePodTemplateUpdate with AllowMutableSchedulingDirectives).
 */
function relaxedOldTemplate(template: unknown, oldTemplate: unknown): unknown {
  const t = obj(template);
  const o = obj(oldTemplate);
  const tSpec = obj(prop(t, 'spec'));
  const oSpec = obj(prop(o, 'spec'));
  const tMeta = obj(prop(t, 'metadata'));
  const oMeta = obj(prop(o, 'metadata'));
  const newAff = prop(tSpec, 'affinity');
  const oldAff = prop(oSpec, 'affinity');
  let affinity: unknown;
  if (isNil(newAff) && !isNil(oldAff)) {
    // The affinity may be cleared if it held nothing but node affinity (Affinity{} after dropping it).
    const rest = { ...obj(oldAff), nodeAffinity: undefined };
    affinity = isNil(prop(rest, 'podAffinity')) && isNil(prop(rest, 'podAntiAffinity')) ? undefined : rest;
  } else if (!isNil(newAff) && isNil(oldAff)) {
    affinity = { [PRESENT]: true, nodeAffinity: prop(newAff, 'nodeAffinity') };
  } else if (!isNil(newAff) && !isNil(oldAff)) {
    affinity = { ...obj(oldAff), nodeAffinity: prop(newAff, 'nodeAffinity') };
  } else affinity = oldAff;
  return {
    ...o,
    metadata: { ...oMeta, labels: prop(tMeta, 'labels'), annotations: prop(tMeta, 'annotations') },
    spec: {
      ...oSpec,
      affinity,
      nodeSelector: prop(tSpec, 'nodeSelector'),
      tolerations: prop(tSpec, 'tolerations'),
      schedulingGates: prop(tSpec, 'schedulingGates'),
    },
  };
}

/**
 * Validates a spec update (PUT .../jobs/NAME) replacing `oldJob` with `newJob` as the API server
 * does: the metadata update, the new spec as on create (but not the generated selector and
 * template labels, nor the create-only metadata rules: upstream's update path skips them),
 * completions (elastic Indexed Jobs: only in tandem with parallelism), the immutable fields
 * (selector, completionMode, podFailurePolicy, backoffLimitPerIndex, managedBy, successPolicy)
 * and the pod template (compared after pod defaults), which may change only in its scheduling
 * directives, labels and annotations (and, with the default-on KEP-5440 gates, container
 * resources) while the old Job is suspended and has not run (see getUpdateValidationOptions).
 * `opts` overrides single switches of the derived options. Never throws.
 * @category Validation
 */
export function validateJobUpdate(oldJob: Job | unknown, newJob: Job | unknown, opts?: Partial<JobValidationOptions>): FieldError[] {
  if (!isObj(newJob)) return [invalid('', newJob, 'the new Job must be an object')];
  const o: JobValidationOptions = { ...getUpdateValidationOptions(oldJob), ...(opts ?? {}) };
  const errs: FieldError[] = [];
  validateObjectMetaUpdateInto(newJob, oldJob, errs);
  validateJobSpecInto(newJob, o, errs);
  const spec = obj(prop(newJob, 'spec'));
  const oldSpec = obj(prop(oldJob, 'spec'));
  validateCompletionsInto(spec, oldSpec, errs);
  if (!deepEqual(prop(spec, 'selector'), prop(oldSpec, 'selector')))
    errs.push(invalid('spec.selector', isNil(prop(spec, 'selector')) ? null : selectorValue(prop(spec, 'selector')), 'field is immutable'));
  // Upstream compares templates as decoded and defaulted: spelled-out defaults and equal quantities match.
  const template = defaultedPodTemplate(prop(spec, 'template'));
  const defaultedOld = defaultedPodTemplate(prop(oldSpec, 'template'));
  const oldTemplate = o.allowMutableSchedulingDirectives ? relaxedOldTemplate(template, defaultedOld) : defaultedOld;
  if (prop(oldSpec, 'suspend') === true && o.allowMutablePodResources) {
    // Only container resources may change: align them with the new ones, then compare the specs.
    const newPodSpec = prop(template, 'spec');
    const oldPodSpec = obj(prop(oldTemplate, 'spec'));
    const aligned = { ...oldPodSpec };
    for (const f of ['containers', 'initContainers']) {
      const nc = prop(newPodSpec, f);
      const oc = prop(oldPodSpec, f);
      if (Array.isArray(nc) && Array.isArray(oc) && nc.length === oc.length) {
        aligned[f] = oc.map((c, i) => (isObj(c) && prop(c, 'name') === prop(nc[i], 'name') ? { ...c, resources: prop(nc[i], 'resources') } : c));
      }
    }
    if (!deepEqual(newPodSpec, aligned)) errs.push(invalid('spec.template.spec', newPodSpec ?? null, 'field is immutable'));
  } else if (!deepEqual(template, oldTemplate)) errs.push(invalid('spec.template', template ?? null, 'field is immutable'));
  for (const f of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    if (!deepEqual(prop(spec, f), prop(oldSpec, f))) errs.push(invalid(`spec.${f}`, prop(spec, f) ?? null, 'field is immutable'));
  }
  validateNameAllowsCompletionsInto(newJob, errs);
  return mergeFieldErrors(errs);
}
