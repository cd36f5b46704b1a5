// Keeps generated jobs to what the API server accepts: upstream's defaulting and validation.
package main

import (
	batch "k8s.io/api/batch/v1"
	fieldpath "k8s.io/apimachinery/pkg/util/validation/field"
	batchinternal "k8s.io/kubernetes/pkg/apis/batch"
	batchv1api "k8s.io/kubernetes/pkg/apis/batch/v1"
	batchvalidation "k8s.io/kubernetes/pkg/apis/batch/validation"
	corevalidation "k8s.io/kubernetes/pkg/apis/core/validation"
)

// batchv1Defaults applies the Job-level API defaults (parallelism, completions, backoffLimit,
// completionMode, suspend, podReplacementPolicy, manualSelector) as the API server does.
// Pod-template defaults are left out of the vectors to keep them small; the controller copies
// the template verbatim into created pods.
func batchv1Defaults(job *batch.Job) {
	batchv1api.SetDefaults_Job(job)
}

// validateJob runs upstream's spec validation and status validation (every status rule on)
// over a fully defaulted copy of the job.
func validateJob(job *batch.Job) fieldpath.ErrorList { return validateJobWith(job, false) }

// validateJobWith: scaledDown accepts completed indexes beyond completions, which the status
// strategy only rejects when completedIndexes changes (a job scaled down after they completed).
func validateJobWith(job *batch.Job, scaledDown bool) fieldpath.ErrorList {
	full := job.DeepCopy()
	batchv1api.SetObjectDefaults_Job(full)
	var internal batchinternal.Job
	if err := batchv1api.Convert_v1_Job_To_batch_Job(full, &internal, nil); err != nil {
		return fieldpath.ErrorList{fieldpath.InternalError(fieldpath.NewPath(""), err)}
	}
	errs := batchvalidation.ValidateJobSpec(&internal.Spec, nil, fieldpath.NewPath("spec"), corevalidation.PodValidationOptions{})
	opts := batchvalidation.JobStatusValidationOptions{
		RejectDecreasingSucceededCounter:             true,
		RejectDecreasingFailedCounter:                true,
		RejectDisablingTerminalCondition:             true,
		RejectInvalidCompletedIndexes:                !scaledDown,
		RejectInvalidFailedIndexes:                   true,
		RejectFailedIndexesOverlappingCompleted:      true,
		RejectCompletedIndexesForNonIndexedJob:       true,
		RejectFailedIndexesForNoBackoffLimitPerIndex: true,
		RejectFailedJobWithoutFailureTarget:          true,
		RejectCompleteJobWithoutSuccessCriteriaMet:   true,
		RejectFinishedJobWithActivePods:              true,
		RejectFinishedJobWithoutStartTime:            true,
		RejectFinishedJobWithUncountedTerminatedPods: true,
		RejectStartTimeUpdateForUnsuspendedJob:       true,
		RejectCompletionTimeBeforeStartTime:          true,
		RejectMutatingCompletionTime:                 true,
		RejectCompleteJobWithoutCompletionTime:       true,
		RejectNotCompleteJobWithCompletionTime:       true,
		RejectCompleteJobWithFailedCondition:         true,
		RejectCompleteJobWithFailureTargetCondition:  true,
		RejectMoreReadyThanActivePods:                true,
		RejectFinishedJobWithTerminatingPods:         true,
	}
	errs = append(errs, batchvalidation.ValidateJobStatusUpdate(&internal, &internal, opts)...)
	return errs
}
