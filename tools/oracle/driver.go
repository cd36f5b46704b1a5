// Drives ONE sync pass of upstream's Job controller (k8s.io/kubernetes/pkg/controller/job) for
// one vector case and records what it did. See README.md ("How the controller is driven").
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unsafe"

	batch "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/record"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/controller"
	jobcontroller "k8s.io/kubernetes/pkg/controller/job"
	clocktesting "k8s.io/utils/clock/testing"
)

const completionIndexAnnotation = "batch.kubernetes.io/job-completion-index"

// field returns an addressable, settable view of an unexported field of the controller.
// The Job controller keeps its clock, recorder, pod control, expectations and sync method in
// unexported fields; reflect+unsafe reaches them without copying any upstream code.
func field(jm *jobcontroller.Controller, name string) reflect.Value {
	f := reflect.ValueOf(jm).Elem().FieldByName(name)
	if !f.IsValid() {
		panic(fmt.Sprintf("upstream Controller has no field %q (upstream changed: update tools/oracle/driver.go)", name))
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// passResult is what one sync pass did, as read back from the fake clientset and recorder.
type passResult struct {
	created      []*v1.Pod
	deleted      []string
	unfinalized  []string
	adopted      []string // ClaimPods' adoption patches (an owner reference set)
	released     []string // ClaimPods' release patches (an owner reference deleted)
	finalStatus  batch.JobStatus
	statusWrites int
	events       []string
	err          error
}

// harness is a controller wired to a fake clientset, ready for one sync call.
type harness struct {
	jm     *jobcontroller.Controller
	client *fake.Clientset
	rec    *record.FakeRecorder
	key    string
	job    *batch.Job
	cancel context.CancelFunc
}

// orderedIndexer serves the pod informer's index lookups in a chosen order. Upstream lists a
// job's pods from a map-backed index (random order) and breaks several ties by list order; the
// oracle instead fixes the order per run (input order, reversed, seeded shuffles) so that every
// answer is reproducible and order-dependence is detected reliably (see merge.go).
type orderedIndexer struct {
	cache.Indexer
	rank map[string]int
}

func (o orderedIndexer) ByIndex(indexName, indexedValue string) ([]interface{}, error) {
	items, err := o.Indexer.ByIndex(indexName, indexedValue)
	if err != nil {
		return items, err
	}
	sort.SliceStable(items, func(i, j int) bool { return o.rankOf(items[i]) < o.rankOf(items[j]) })
	return items, nil
}

func (o orderedIndexer) rankOf(obj interface{}) int {
	if p, ok := obj.(*v1.Pod); ok {
		if r, ok := o.rank[p.Namespace+"/"+p.Name]; ok {
			return r
		}
	}
	return len(o.rank)
}

// podOrder returns the listing rank of each pod for run number `run`: input order, reversed,
// then seeded shuffles (three pods: all six orders over runs 0..5).
func podOrder(pods []*v1.Pod, run int) map[string]int {
	n := len(pods)
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	switch {
	case n == 3:
		// all six orders of three pods (runs 0..5)
		perm = [][]int{{0, 1, 2}, {2, 1, 0}, {1, 0, 2}, {0, 2, 1}, {1, 2, 0}, {2, 0, 1}}[run%6]
	case run == 0:
	case run == 1:
		for i := range perm {
			perm[i] = n - 1 - i
		}
	default:
		r := rand.New(rand.NewPCG(uint64(run), 0x6f7261636c65))
		r.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
	}
	rank := map[string]int{}
	for i, p := range pods {
		rank[p.Namespace+"/"+p.Name] = perm[i]
	}
	return rank
}

func newHarness(job *batch.Job, pods []*v1.Pod, now time.Time, opts caseOptions, inj injection, run int) (*harness, error) {
	ctx, cancel := context.WithCancel(context.Background())
	ctx = klog.NewContext(ctx, klog.Background())
	client := fake.NewSimpleClientset()
	var seq atomic.Int64
	// Pod writes are answered by reactors and never reach the object tracker: the informer
	// caches (filled directly below) stay exactly the case's input during the pass.
	var creates atomic.Int64
	injected := func(what string) error { return apierrors.NewInternalError(fmt.Errorf("injected %s failure", what)) }
	client.PrependReactor("create", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		if n := creates.Add(1); inj.FailCreatesAfter != nil && n > int64(*inj.FailCreatesAfter) {
			return true, nil, injected("create")
		}
		pod := a.(k8stesting.CreateAction).GetObject().(*v1.Pod).DeepCopy()
		if pod.Name == "" {
			pod.Name = fmt.Sprintf("%s%05d", pod.GenerateName, seq.Add(1))
		}
		return true, pod, nil
	})
	client.PrependReactor("delete", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		if slices.Contains(inj.FailDeletes, a.(k8stesting.DeleteAction).GetName()) {
			return true, nil, injected("delete")
		}
		return true, nil, nil
	})
	client.PrependReactor("patch", "pods", func(a k8stesting.Action) (bool, runtime.Object, error) {
		pa := a.(k8stesting.PatchAction)
		if slices.Contains(inj.FailPatches, pa.GetName()) && !strings.Contains(string(pa.GetPatch()), `"ownerReferences"`) {
			return true, nil, injected("patch")
		}
		return true, &v1.Pod{}, nil
	})
	client.PrependReactor("update", "jobs", func(a k8stesting.Action) (bool, runtime.Object, error) {
		return true, a.(k8stesting.UpdateAction).GetObject().DeepCopyObject(), nil
	})
	client.PrependReactor("get", "jobs", func(a k8stesting.Action) (bool, runtime.Object, error) {
		return true, job.DeepCopy(), nil
	})

	factory := informers.NewSharedInformerFactory(client, 0)
	podInformer := factory.Core().V1().Pods()
	jobInformer := factory.Batch().V1().Jobs()
	jm, err := jobcontroller.NewController(ctx, client, podInformer, jobInformer, nil, nil)
	if err != nil {
		cancel()
		return nil, err
	}
	if err := jobInformer.Informer().GetIndexer().Add(job); err != nil {
		cancel()
		return nil, err
	}
	for _, p := range pods {
		if err := podInformer.Informer().GetIndexer().Add(p); err != nil {
			cancel()
			return nil, err
		}
	}
	if run >= 0 { // run < 0 (bench): upstream's own map-ordered index, no wrapper overhead
		field(jm, "podIndexer").Set(reflect.ValueOf(cache.Indexer(orderedIndexer{Indexer: podInformer.Informer().GetIndexer(), rank: podOrder(pods, run)})))
	}
	rec := record.NewFakeRecorder(4*len(pods) + 1100)
	field(jm, "clock").Set(reflect.ValueOf(clocktesting.NewFakeClock(now)))
	field(jm, "recorder").Set(reflect.ValueOf(record.EventRecorder(rec)))
	field(jm, "podControl").Set(reflect.ValueOf(controller.PodControlInterface(controller.RealPodControl{KubeClient: client, Recorder: rec})))
	key, err := controller.KeyFunc(job)
	if err != nil {
		cancel()
		return nil, err
	}
	if opts.ExpectationsSatisfied != nil && !*opts.ExpectationsSatisfied {
		exp := field(jm, "expectations").Interface().(controller.ControllerExpectationsInterface)
		if err := exp.ExpectCreations(klog.Background(), key, 1); err != nil {
			cancel()
			return nil, err
		}
	}
	return &harness{jm: jm, client: client, rec: rec, key: key, job: job, cancel: cancel}, nil
}

func (h *harness) close() {
	field(h.jm, "queue").Interface().(workqueue.TypedRateLimitingInterface[string]).ShutDown()
	field(h.jm, "broadcaster").Interface().(record.EventBroadcaster).Shutdown()
	h.cancel()
}

func (h *harness) sync() error {
	handler := field(h.jm, "syncHandler").Interface().(func(context.Context, string) error)
	ctx := klog.NewContext(context.Background(), klog.Background())
	return handler(ctx, h.key)
}

func (h *harness) collect(err error) passResult {
	res := passResult{err: err, finalStatus: *h.job.Status.DeepCopy()}
	for _, a := range h.client.Actions() {
		// Switch on the verb: create and update actions satisfy the same Go interfaces.
		res_ := a.GetResource().Resource
		switch a.GetVerb() {
		case "create":
			if res_ == "pods" {
				res.created = append(res.created, a.(k8stesting.CreateAction).GetObject().(*v1.Pod))
			}
		case "delete":
			if res_ == "pods" {
				res.deleted = append(res.deleted, a.(k8stesting.DeleteAction).GetName())
			}
		case "patch":
			act := a.(k8stesting.PatchAction)
			if res_ == "pods" && strings.Contains(string(act.GetPatch()), `"ownerReferences"`) {
				if strings.Contains(string(act.GetPatch()), `"$patch":"delete"`) {
					res.released = append(res.released, act.GetName())
				} else {
					res.adopted = append(res.adopted, act.GetName())
				}
			}
			if res_ == "pods" && strings.Contains(string(act.GetPatch()), batch.JobTrackingFinalizer) &&
				strings.Contains(string(act.GetPatch()), "$deleteFromPrimitiveList/finalizers") {
				res.unfinalized = append(res.unfinalized, act.GetName())
			}
		case "update":
			if res_ == "jobs" && a.GetSubresource() == "status" {
				res.finalStatus = *a.(k8stesting.UpdateAction).GetObject().(*batch.Job).Status.DeepCopy()
				res.statusWrites++
			}
		}
	}
	for {
		select {
		case e := <-h.rec.Events:
			res.events = append(res.events, e)
			continue
		default:
		}
		break
	}
	return res
}

// applyOptions sets upstream's exported per-pass limits and returns a function restoring them.
func applyOptions(opts caseOptions) func() {
	oldUncounted, oldCreateDelete := jobcontroller.MaxUncountedPods, jobcontroller.MaxPodCreateDeletePerSync
	if opts.MaxUncountedPods != nil {
		jobcontroller.MaxUncountedPods = *opts.MaxUncountedPods
	}
	if opts.MaxPodCreateDeletePerSync != nil {
		jobcontroller.MaxPodCreateDeletePerSync = *opts.MaxPodCreateDeletePerSync
	}
	return func() {
		jobcontroller.MaxUncountedPods, jobcontroller.MaxPodCreateDeletePerSync = oldUncounted, oldCreateDelete
	}
}

type parsedCase struct {
	job  *batch.Job
	pods []*v1.Pod
	now  time.Time
	opts caseOptions
	inj  injection
}

func parseCase(c *vectorCase) (*parsedCase, error) {
	pc := &parsedCase{job: &batch.Job{}}
	if err := json.Unmarshal(c.Job, pc.job); err != nil {
		return nil, fmt.Errorf("job: %w", err)
	}
	if len(c.Pods) > 0 && string(c.Pods) != "null" {
		if err := json.Unmarshal(c.Pods, &pc.pods); err != nil {
			return nil, fmt.Errorf("pods: %w", err)
		}
	}
	now, err := time.Parse(time.RFC3339, c.Now)
	if err != nil {
		return nil, fmt.Errorf("now: %w", err)
	}
	pc.now = now
	if len(c.Options) > 0 && string(c.Options) != "null" {
		if err := json.Unmarshal(c.Options, &pc.opts); err != nil {
			return nil, fmt.Errorf("options: %w", err)
		}
	}
	if len(c.Inject) > 0 && string(c.Inject) != "null" {
		if err := json.Unmarshal(c.Inject, &pc.inj); err != nil {
			return nil, fmt.Errorf("inject: %w", err)
		}
	}
	// Objects served by an API server always have a namespace.
	if pc.job.Namespace == "" {
		pc.job.Namespace = "default"
	}
	for _, p := range pc.pods {
		if p.Namespace == "" {
			p.Namespace = pc.job.Namespace
		}
	}
	return pc, nil
}

// runOne performs one sync pass with a fresh controller.
func runOne(pc *parsedCase, run int) (res passResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("upstream panicked: %v", r)
		}
	}()
	restore := applyOptions(pc.opts)
	defer restore()
	h, err := newHarness(pc.job, pc.pods, pc.now, pc.opts, pc.inj, run)
	if err != nil {
		return passResult{}, err
	}
	defer h.close()
	return h.collect(h.sync()), nil
}

// toExpectation renders a pass result in the FORMAT's `expect` shape.
func toExpectation(pc *parsedCase, res passResult, exactTimes bool) *expectation {
	e := &expectation{
		Creations:         len(res.created),
		Deletions:         len(res.deleted),
		DeletedPods:       sortedStrings(res.deleted),
		FinalizersRemoved: sortedStrings(res.unfinalized),
		AdoptedPods:       sortedStrings(res.adopted),
		ReleasedPods:      sortedStrings(res.released),
		Error:             res.err != nil,
	}
	if pc.job.Spec.CompletionMode != nil && *pc.job.Spec.CompletionMode == batch.IndexedCompletion {
		idx := []int{}
		for _, p := range res.created {
			if v, err := strconv.Atoi(p.Annotations[completionIndexAnnotation]); err == nil {
				idx = append(idx, v)
			}
		}
		sort.Ints(idx)
		e.CreatedIndexes = &idx
	}
	st := res.finalStatus
	s := expectStatus{
		Active:           st.Active,
		Succeeded:        st.Succeeded,
		Failed:           st.Failed,
		CompletedIndexes: st.CompletedIndexes,
		FailedIndexes:    st.FailedIndexes,
		Conditions:       []expectCond{},
		StartTime:        "unset",
		CompletionTime:   "unset",
		UncountedTerminatedPods: expectedUncounted{
			Succeeded: []string{},
			Failed:    []string{},
		},
	}
	if st.Ready != nil {
		s.Ready = *st.Ready
	}
	if st.Terminating != nil {
		s.Terminating = *st.Terminating
	}
	if st.StartTime != nil {
		s.StartTime = "set"
		if exactTimes {
			s.StartTime = st.StartTime.UTC().Format(time.RFC3339)
		}
	}
	if st.CompletionTime != nil {
		s.CompletionTime = "set"
		if exactTimes {
			s.CompletionTime = st.CompletionTime.UTC().Format(time.RFC3339)
		}
	}
	for _, c := range st.Conditions {
		s.Conditions = append(s.Conditions, expectCond{Type: string(c.Type), Status: string(c.Status), Reason: c.Reason, Message: c.Message})
	}
	if u := st.UncountedTerminatedPods; u != nil {
		for _, uid := range u.Succeeded {
			s.UncountedTerminatedPods.Succeeded = append(s.UncountedTerminatedPods.Succeeded, string(uid))
		}
		for _, uid := range u.Failed {
			s.UncountedTerminatedPods.Failed = append(s.UncountedTerminatedPods.Failed, string(uid))
		}
		sort.Strings(s.UncountedTerminatedPods.Succeeded)
		sort.Strings(s.UncountedTerminatedPods.Failed)
	}
	e.Status = s
	seen := map[expectedEvent]bool{}
	e.Events = []expectedEvent{}
	for _, ev := range res.events {
		// FakeRecorder formats events as "<type> <reason> <message>".
		parts := strings.SplitN(ev, " ", 3)
		if len(parts) < 2 {
			continue
		}
		k := expectedEvent{Type: parts[0], Reason: parts[1]}
		if !seen[k] {
			seen[k] = true
			e.Events = append(e.Events, k)
		}
	}
	sort.Slice(e.Events, func(i, j int) bool {
		if e.Events[i].Type != e.Events[j].Type {
			return e.Events[i].Type < e.Events[j].Type
		}
		return e.Events[i].Reason < e.Events[j].Reason
	})
	return e
}

func sortedStrings(in []string) []string {
	out := append([]string{}, in...)
	sort.Strings(out)
	return out
}
