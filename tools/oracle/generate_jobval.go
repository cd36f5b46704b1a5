// `oracle generate --family jobValidation | jobUpdateValidation`: random Job creates and
// updates for upstream's Job strategy. A valid generated job (labels and selector as the API
// server generates them) gets 0-3 mutations of Job-level fields, valid or not; the pod template
// is only touched where Job validation itself judges it (labels, restartPolicy, container names,
// scheduling directives and resources for the update rules).
package main

import (
	"fmt"
	"math/rand/v2"
	"strings"

	batch "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
)

// Legacy template labels (pkg/apis/batch: not exported by k8s.io/api).
const (
	legacyControllerUidLabel = "controller-uid"
	legacyJobNameLabel       = "job-name"
)

// asCreated gives a generated job the selector and template labels PrepareForCreate generates.
func asCreated(job *batch.Job) {
	uid, name := string(job.UID), job.Name
	job.Spec.ManualSelector = ptr.To(false)
	job.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{batch.ControllerUidLabel: uid}}
	job.Spec.Template.Labels = map[string]string{
		batch.ControllerUidLabel: uid, batch.JobNameLabel: name,
		legacyControllerUidLabel: uid, legacyJobNameLabel: name,
	}
	job.Labels = nil
	job.CreationTimestamp = metav1.Time{}
}

func (g *gen) validJobForValidation() *batch.Job {
	for {
		job, _, _ := g.scenario()
		job.DeletionTimestamp = nil
		asCreated(job)
		if len(validateJob(job)) == 0 {
			return job
		}
	}
}

func generateJobValidationCase(family string, seed uint64, i int) (*jobValidationCase, error) {
	g := &gen{r: rand.New(rand.NewPCG(seed, uint64(i)^0x4a4f4256414c4944)), seed: seed, i: i}
	c := &jobValidationCase{Name: fmt.Sprintf("gen-%s-%d-%d", family, seed, i)}
	job := g.validJobForValidation()
	var err error
	if family == "jobValidation" {
		job.Status = batch.JobStatus{}
		for m := g.n(4); m > 0; m-- {
			g.mutateSpec(job, false)
		}
		c.Job, err = compactJSON(job)
		return c, err
	}
	job.ResourceVersion = "10"
	newJob := job.DeepCopy()
	for m := 1 + g.n(3); m > 0; m-- {
		g.mutateSpec(newJob, true)
	}
	if g.p(0.15) {
		c.FeatureGates = map[string]bool{
			"MutablePodResourcesForSuspendedJobs":         g.p(0.5),
			"MutableSchedulingDirectivesForSuspendedJobs": g.p(0.5),
		}
	}
	if c.OldJob, err = compactJSON(job); err != nil {
		return nil, err
	}
	c.NewJob, err = compactJSON(newJob)
	return c, err
}

func (g *gen) mutateSpec(job *batch.Job, update bool) {
	spec := &job.Spec
	completions := int(ptr.Deref(spec.Completions, 1))
	switch g.n(26) {
	case 0:
		spec.Parallelism = ptr.To(pick[int32](g, -1, 0, 1, 3, 100001))
	case 1:
		spec.Completions = ptr.To(pick[int32](g, -1, 0, 2, 5, 100001))
		if g.p(0.2) {
			spec.Completions = nil
		}
	case 2:
		spec.BackoffLimit = ptr.To(pick[int32](g, -1, 0, 3))
	case 3:
		spec.ActiveDeadlineSeconds = ptr.To(pick[int64](g, -5, 0, 30))
	case 4:
		spec.TTLSecondsAfterFinished = ptr.To(pick[int32](g, -1, 0, 100))
	case 5:
		spec.CompletionMode = ptr.To(pick(g, batch.IndexedCompletion, batch.NonIndexedCompletion, batch.CompletionMode("Striped")))
		if g.p(0.1) {
			spec.CompletionMode = nil
		}
	case 6:
		spec.BackoffLimitPerIndex = ptr.To(pick[int32](g, -1, 0, 2))
		if g.p(0.2) {
			spec.BackoffLimitPerIndex = nil
		}
	case 7:
		spec.MaxFailedIndexes = ptr.To(pick(g, int32(-1), 0, int32(completions), int32(completions+1), 100001))
		if g.p(0.2) {
			spec.MaxFailedIndexes = nil
		}
	case 8:
		spec.PodFailurePolicy = g.podFailurePolicy(spec.BackoffLimitPerIndex != nil || g.p(0.3), spec.Template.Spec.Containers, spec.Template.Spec.InitContainers)
		if len(spec.PodFailurePolicy.Rules) > 0 && g.p(0.5) {
			r := &spec.PodFailurePolicy.Rules[g.n(len(spec.PodFailurePolicy.Rules))]
			switch g.n(7) {
			case 0:
				r.Action = "Retry"
			case 1:
				r.OnExitCodes, r.OnPodConditions = nil, nil
			case 2:
				r.OnExitCodes = &batch.PodFailurePolicyOnExitCodesRequirement{Operator: batch.PodFailurePolicyOnExitCodesOpIn, Values: []int32{0, 3}}
			case 3:
				r.OnExitCodes = &batch.PodFailurePolicyOnExitCodesRequirement{Operator: batch.PodFailurePolicyOnExitCodesOpNotIn, Values: []int32{5, 2, 2}}
			case 4:
				r.OnExitCodes = &batch.PodFailurePolicyOnExitCodesRequirement{Operator: "Between", Values: []int32{1}, ContainerName: ptr.To("nope")}
			case 5:
				r.OnPodConditions = []batch.PodFailurePolicyOnPodConditionsPattern{{Type: "bad type!", Status: "Maybe"}}
			default:
				r.OnExitCodes = &batch.PodFailurePolicyOnExitCodesRequirement{Operator: batch.PodFailurePolicyOnExitCodesOpIn}
			}
		}
		if g.p(0.1) {
			for k := 0; k < 21; k++ {
				spec.PodFailurePolicy.Rules = append(spec.PodFailurePolicy.Rules, batch.PodFailurePolicyRule{Action: batch.PodFailurePolicyActionIgnore,
					OnPodConditions: []batch.PodFailurePolicyOnPodConditionsPattern{{Type: v1.DisruptionTarget, Status: v1.ConditionTrue}}})
			}
		}
		if g.p(0.2) {
			spec.PodFailurePolicy = nil
		}
	case 9:
		spec.SuccessPolicy = g.successPolicy(max(1, completions))
		if g.p(0.4) {
			r := &spec.SuccessPolicy.Rules[0]
			switch g.n(4) {
			case 0:
				r.SucceededIndexes, r.SucceededCount = nil, nil
			case 1:
				r.SucceededIndexes = ptr.To(pick(g, "1-0", "a", "0,0", fmt.Sprint(completions), "3,1"))
			case 2:
				r.SucceededCount = ptr.To(int32(pick(g, -1, completions+1)))
			default:
				r.SucceededCount = ptr.To[int32](0)
			}
		}
		if g.p(0.2) {
			spec.SuccessPolicy = nil
		}
	case 10:
		spec.PodReplacementPolicy = ptr.To(pick(g, batch.Failed, batch.TerminatingOrFailed, batch.PodReplacementPolicy("Never")))
		if g.p(0.1) {
			spec.PodReplacementPolicy = nil
		}
	case 11:
		spec.ManagedBy = ptr.To(pick(g, batch.JobControllerName, "example.com/custom", "no-domain", "Example.com/x", "example.com/"+strings.Repeat("a", 60)))
		if g.p(0.2) {
			spec.ManagedBy = nil
		}
	case 12:
		spec.Suspend = ptr.To(!ptr.Deref(spec.Suspend, false))
	case 13:
		spec.Template.Spec.RestartPolicy = pick(g, v1.RestartPolicyAlways, v1.RestartPolicyNever, v1.RestartPolicyOnFailure)
	case 14: // selector
		switch g.n(4) {
		case 0:
			spec.Selector = nil
		case 1:
			spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"app": "x"}}
		case 2:
			spec.Selector = &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: batch.ControllerUidLabel, Operator: "Maybe"}}}
		default:
			spec.ManualSelector = ptr.To(true)
			spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{"app": "x"}}
			spec.Template.Labels = map[string]string{"app": "x"}
		}
	case 15: // template labels
		keys := []string{batch.ControllerUidLabel, batch.JobNameLabel, legacyControllerUidLabel, legacyJobNameLabel}
		k := pick(g, keys...)
		if g.p(0.5) {
			delete(spec.Template.Labels, k)
		} else {
			spec.Template.Labels[k] = "other"
		}
	case 16:
		job.Name = pick(g, "a-very-long-job-name-that-leaves-little-room-for-an-index-suffix1", "Bad_Name", "ok-name")
	case 17:
		spec.Template.Spec.Containers = append(spec.Template.Spec.Containers, v1.Container{Name: pick(g, "main", "Bad_Name", "extra"), Image: "busybox"})
	case 18: // scheduling directives (mutable only while suspended, never started)
		spec.Template.Spec.NodeSelector = map[string]string{"zone": pick(g, "a", "b")}
	case 19:
		spec.Template.Spec.Tolerations = []v1.Toleration{{Key: "k", Operator: v1.TolerationOpExists}}
	case 20: // pod resources (mutable only while suspended, gate)
		spec.Template.Spec.Containers[0].Resources.Requests = v1.ResourceList{v1.ResourceCPU: resource.MustParse(pick(g, "100m", "1"))}
	case 21:
		spec.Template.Annotations = map[string]string{"note": "x"}
	case 22:
		if update {
			job.Status.StartTime = ptr.To(g.agoMeta())
		} else {
			spec.Parallelism, spec.Completions = ptr.To[int32](4), ptr.To[int32](4)
		}
	case 23:
		if update { // elastic Indexed: completions and parallelism scaled together
			n := pick[int32](g, 1, 2, 6)
			spec.Completions, spec.Parallelism = ptr.To(n), ptr.To(n)
		} else {
			spec.Template.Spec.Containers[0].Name = ""
		}
	case 24:
		spec.Template.Spec.InitContainers = append(spec.Template.Spec.InitContainers, v1.Container{Name: "init2", Image: "busybox", RestartPolicy: ptr.To(v1.ContainerRestartPolicyAlways)})
	default:
		job.Labels = map[string]string{"team": pick(g, "a", "bad value!")}
	}
}
