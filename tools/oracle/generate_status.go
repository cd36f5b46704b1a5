// `oracle generate --family statusValidation`: random status updates (oldJob -> newJob) for
// upstream's status strategy. The old job is a generated sync scenario's job (spec and status
// valid); the new one is the same job with its status mutated the ways a controller, an
// external controller (managedBy) or a buggy client could.
package main

import (
	"fmt"
	"math/rand/v2"
	"time"

	batch "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/utils/ptr"
)

func generateStatusCase(seed uint64, i int) (*statusValidationCase, error) {
	g := &gen{r: rand.New(rand.NewPCG(seed, uint64(i)^0x5354415455535f56)), seed: seed, i: i}
	var old *batch.Job
	for attempt := 0; ; attempt++ {
		job, _, _ := g.scenario()
		if len(validateJob(job)) == 0 {
			old = job
			break
		}
		if attempt > 200 {
			return nil, fmt.Errorf("gen-%d-%d: no valid job", seed, i)
		}
	}
	old.ResourceVersion = "10"
	newJob := old.DeepCopy()
	for m := 1 + g.n(3); m > 0; m-- {
		g.mutateStatus(newJob)
	}
	c := &statusValidationCase{Name: fmt.Sprintf("gen-status-%d-%d", seed, i)}
	var err error
	if c.OldJob, err = compactJSON(old); err != nil {
		return nil, err
	}
	if c.NewJob, err = compactJSON(newJob); err != nil {
		return nil, err
	}
	return c, nil
}

func (g *gen) mutateStatus(job *batch.Job) {
	st := &job.Status
	completions := int(ptr.Deref(job.Spec.Completions, 0))
	setCond := func(t batch.JobConditionType, s v1.ConditionStatus, reason string) {
		ts := metav1.NewTime(genNow)
		for k := range st.Conditions {
			if st.Conditions[k].Type == t {
				st.Conditions[k].Status, st.Conditions[k].Reason = s, reason
				return
			}
		}
		st.Conditions = append(st.Conditions, batch.JobCondition{Type: t, Status: s, Reason: reason, Message: "m", LastProbeTime: ts, LastTransitionTime: ts})
	}
	switch g.n(16) {
	case 0:
		st.Active = int32(max(0, int(st.Active)+pick(g, -2, -1, 1, 3)))
	case 1:
		st.Ready = ptr.To(int32(max(0, int(ptr.Deref(st.Ready, 0))+pick(g, -1, 1, 2))))
		if g.p(0.1) {
			st.Ready = nil
		}
	case 2:
		st.Succeeded = int32(max(0, int(st.Succeeded)+pick(g, -1, 1, 2)))
	case 3:
		st.Failed = int32(max(0, int(st.Failed)+pick(g, -1, 1, 2)))
	case 4:
		st.Terminating = ptr.To(int32(pick(g, 0, 1, 2)))
		if g.p(0.2) {
			st.Terminating = nil
		}
	case 5:
		st.CompletedIndexes = pick(g, "", "0", "0-1", "1,3", fmt.Sprint(completions), "1-0", "a", "0,0", "2,1", intervalString(g.subset(max(1, completions), 0.5)))
	case 6:
		st.FailedIndexes = ptr.To(pick(g, "", "0", "1-2", fmt.Sprint(completions+1), "x", intervalString(g.subset(max(1, completions), 0.3))))
		if g.p(0.2) {
			st.FailedIndexes = nil
		}
	case 7:
		if st.StartTime == nil || g.p(0.3) {
			st.StartTime = ptr.To(g.agoMeta())
		} else {
			st.StartTime = nil
		}
	case 8:
		if st.CompletionTime == nil {
			st.CompletionTime = ptr.To(metav1.NewTime(genNow.Add(time.Duration(pick(g, -100000, -5, 0)) * time.Second)))
		} else {
			st.CompletionTime = nil
		}
	case 9:
		setCond(batch.JobComplete, pick(g, v1.ConditionTrue, v1.ConditionFalse), batch.JobReasonCompletionsReached)
	case 10:
		setCond(batch.JobFailed, pick(g, v1.ConditionTrue, v1.ConditionFalse), batch.JobReasonBackoffLimitExceeded)
	case 11:
		setCond(batch.JobFailureTarget, pick(g, v1.ConditionTrue, v1.ConditionFalse), batch.JobReasonBackoffLimitExceeded)
	case 12:
		setCond(batch.JobSuccessCriteriaMet, pick(g, v1.ConditionTrue, v1.ConditionFalse), batch.JobReasonSuccessPolicy)
	case 13:
		setCond(batch.JobSuspended, pick(g, v1.ConditionTrue, v1.ConditionFalse), pick(g, "JobSuspended", "JobResumed"))
	case 14:
		if len(st.Conditions) > 0 {
			k := g.n(len(st.Conditions))
			st.Conditions = append(st.Conditions[:k], st.Conditions[k+1:]...)
		}
	default:
		u := &batch.UncountedTerminatedPods{}
		for m := g.n(3); m > 0; m-- {
			u.Succeeded = append(u.Succeeded, types.UID(pick(g, "a", "b", "")))
		}
		for m := g.n(3); m > 0; m-- {
			u.Failed = append(u.Failed, types.UID(pick(g, "b", "c", "")))
		}
		st.UncountedTerminatedPods = u
		if g.p(0.2) {
			st.UncountedTerminatedPods = nil
		}
	}
	// A finished status usually comes with the rest of what finishing means.
	if g.p(0.3) {
		for _, c := range st.Conditions {
			if (c.Type == batch.JobComplete || c.Type == batch.JobFailed) && c.Status == v1.ConditionTrue {
				st.Active, st.Ready, st.Terminating = 0, ptr.To[int32](0), ptr.To[int32](0)
				st.UncountedTerminatedPods = &batch.UncountedTerminatedPods{}
			}
		}
	}
}
