// `oracle bench`: how long upstream's sync pass takes on a large steady-state Job.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"runtime/pprof"
	"sort"
	"time"

	batch "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/cache"
	"k8s.io/utils/ptr"
)

// steadyJob is a NonIndexed Job with n Running, Ready pods that all carry the tracking
// finalizer and a status that already says so: the pass lists, classifies and counts every pod
// but has nothing to write.
func steadyJob(n int) (*batch.Job, []*v1.Pod) {
	uid := types.UID("bench-job-uid")
	labels := map[string]string{batch.ControllerUidLabel: string(uid), batch.JobNameLabel: "bench"}
	start := metav1.NewTime(genNow.Add(-time.Hour))
	job := &batch.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "bench", Namespace: "default", UID: uid},
		Spec: batch.JobSpec{
			Parallelism:    ptr.To(int32(n)),
			Completions:    ptr.To(int32(n)),
			BackoffLimit:   ptr.To[int32](6),
			CompletionMode: ptr.To(batch.NonIndexedCompletion),
			Suspend:        ptr.To(false),
			Selector:       &metav1.LabelSelector{MatchLabels: map[string]string{batch.ControllerUidLabel: string(uid)}},
			Template: v1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       v1.PodSpec{RestartPolicy: v1.RestartPolicyNever, Containers: []v1.Container{{Name: "main", Image: "busybox"}}},
			},
			PodReplacementPolicy: ptr.To(batch.TerminatingOrFailed),
		},
		Status: batch.JobStatus{
			Active: int32(n), Ready: ptr.To(int32(n)), Terminating: ptr.To[int32](0),
			StartTime: &start, UncountedTerminatedPods: &batch.UncountedTerminatedPods{},
		},
	}
	pods := make([]*v1.Pod, n)
	for i := range pods {
		pods[i] = &v1.Pod{
			ObjectMeta: metav1.ObjectMeta{
				Name: fmt.Sprintf("bench-%d", i), Namespace: "default", UID: types.UID(fmt.Sprintf("bench-pod-%d", i)),
				Labels:     labels,
				Finalizers: []string{batch.JobTrackingFinalizer},
				OwnerReferences: []metav1.OwnerReference{{
					APIVersion: "batch/v1", Kind: "Job", Name: "bench", UID: uid, Controller: ptr.To(true), BlockOwnerDeletion: ptr.To(true),
				}},
				CreationTimestamp: start,
			},
			Spec: v1.PodSpec{NodeName: "node-a", Containers: []v1.Container{{Name: "main", Image: "busybox"}}},
			Status: v1.PodStatus{
				Phase:      v1.PodRunning,
				Conditions: []v1.PodCondition{{Type: v1.PodReady, Status: v1.ConditionTrue, LastTransitionTime: start}},
			},
		}
	}
	return job, pods
}

func cmdBench(args []string) error {
	fs := flag.NewFlagSet("bench", flag.ExitOnError)
	n := fs.Int("pods", 10000, "pods in the job")
	runs := fs.Int("runs", 0, "timed passes (default: 15 up to 10^4 pods, 7 above)")
	prelisted := fs.Bool("prelisted", false, "hand the pass its pods pre-listed in input order (listing excluded, as jobkit gets them)")
	_ = fs.Parse(args)
	if *n < 1 {
		return fmt.Errorf("--pods: a positive integer")
	}
	if *runs <= 0 {
		*runs = 15
		if *n > 10000 {
			*runs = 7
		}
	}
	job, pods := steadyJob(*n)
	h, err := newHarness(job, pods, genNow, caseOptions{}, injection{}, -1)
	if err != nil {
		return err
	}
	defer h.close()
	if *prelisted {
		if err := prelist(h, pods); err != nil {
			return err
		}
	}
	if err := h.sync(); err != nil { // warm-up
		return err
	}
	if p := os.Getenv("ORACLE_CPUPROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		_ = pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	var ms []float64
	for r := 0; r < *runs; r++ {
		t0 := time.Now()
		if err := h.sync(); err != nil {
			return err
		}
		ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
	}
	res := h.collect(nil)
	if len(res.created)+len(res.deleted)+len(res.unfinalized)+res.statusWrites > 0 {
		return fmt.Errorf("bench job is not steady: %d creates, %d deletes, %d finalizer patches, %d status writes",
			len(res.created), len(res.deleted), len(res.unfinalized), res.statusWrites)
	}
	sort.Float64s(ms)
	out := map[string]any{"pods": *n, "medianMs": ms[len(ms)/2], "minMs": ms[0], "maxMs": ms[len(ms)-1], "runs": *runs, "prelisted": *prelisted, "upstream": upstreamVersion()}
	return json.NewEncoder(os.Stdout).Encode(out)
}

// prelistedIndexer answers the pod index lookups the pass makes (getPodsForJob's
// FilterPodsByOwner) from lists made once, in input order: the like-for-like variant of the bench,
// where upstream, as jobkit, is handed its pods already listed.
type prelistedIndexer struct {
	cache.Indexer
	lists map[string][]interface{}
}

func (p prelistedIndexer) ByIndex(indexName, indexedValue string) ([]interface{}, error) {
	if l, ok := p.lists[indexName+"\x00"+indexedValue]; ok {
		return l, nil
	}
	return p.Indexer.ByIndex(indexName, indexedValue)
}

// prelist wraps the harness's pod indexer so that each index key the pass reads is listed once,
// here, in input order.
func prelist(h *harness, pods []*v1.Pod) error {
	inner := field(h.jm, "podIndexer").Interface().(cache.Indexer)
	rank := podOrder(pods, 0)
	lists := map[string][]interface{}{}
	for name := range inner.GetIndexers() {
		for _, key := range inner.ListIndexFuncValues(name) {
			items, err := inner.ByIndex(name, key)
			if err != nil {
				return err
			}
			ordered := orderedIndexer{rank: rank}
			sort.SliceStable(items, func(i, j int) bool { return ordered.rankOf(items[i]) < ordered.rankOf(items[j]) })
			lists[name+"\x00"+key] = items
		}
	}
	field(h.jm, "podIndexer").Set(reflect.ValueOf(cache.Indexer(prelistedIndexer{Indexer: inner, lists: lists})))
	return nil
}
