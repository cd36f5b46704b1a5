// Vector file shapes of testdata/conformance/shared/FORMAT.md, family "sync".
package main

import "encoding/json"

type vectorFile struct {
	Family string        `json:"family"`
	Source string        `json:"source"`
	Cases  []*vectorCase `json:"cases"`
}

// vectorCase keeps job/pods/options as raw JSON so that `run` writes them back untouched.
type vectorCase struct {
	Name    string          `json:"name"`
	Now     string          `json:"now"`
	Job     json.RawMessage `json:"job"`
	Pods    json.RawMessage `json:"pods"`
	Options json.RawMessage `json:"options,omitempty"`
	// Calls of the pass that fail (the fake clientset's reactors answer them with an internal
	// error): upstream's pass goes on with corrected numbers.
	Inject json.RawMessage `json:"inject,omitempty"`
	Expect json.RawMessage `json:"expect,omitempty"`
}

// injection: which pod calls fail. Creates fail from the (FailCreatesAfter+1)-th call on, in
// arrival order (slow start then skips the batches after the failed one); deletes and
// finalizer patches of the named pods fail (ClaimPods' adoption and release patches do not).
type injection struct {
	FailCreatesAfter *int     `json:"failCreatesAfter,omitempty"`
	FailDeletes      []string `json:"failDeletes,omitempty"`
	FailPatches      []string `json:"failPatches,omitempty"`
}

type caseOptions struct {
	ExpectationsSatisfied     *bool `json:"expectationsSatisfied,omitempty"`
	MaxUncountedPods          *int  `json:"maxUncountedPods,omitempty"`
	MaxPodCreateDeletePerSync *int  `json:"maxPodCreateDeletePerSync,omitempty"`
}

type expectation struct {
	Creations         int             `json:"creations"`
	CreatedIndexes    *[]int          `json:"createdIndexes,omitempty"`
	Deletions         int             `json:"deletions"`
	DeletedPods       []string        `json:"deletedPods"`
	FinalizersRemoved []string        `json:"finalizersRemoved"`
	AdoptedPods       []string        `json:"adoptedPods"`
	ReleasedPods      []string        `json:"releasedPods"`
	Status            expectStatus    `json:"status"`
	Events            []expectedEvent `json:"events"`
	Error             bool            `json:"error,omitempty"`
}

type expectStatus struct {
	Active                  int32             `json:"active"`
	Ready                   int32             `json:"ready"`
	Succeeded               int32             `json:"succeeded"`
	Failed                  int32             `json:"failed"`
	Terminating             int32             `json:"terminating"`
	CompletedIndexes        string            `json:"completedIndexes"`
	FailedIndexes           *string           `json:"failedIndexes"`
	Conditions              []expectCond      `json:"conditions"`
	StartTime               string            `json:"startTime"`
	CompletionTime          string            `json:"completionTime"`
	UncountedTerminatedPods expectedUncounted `json:"uncountedTerminatedPods"`
}

// Reason and message are omitted when empty: a condition copied from the input may carry none.
type expectCond struct {
	Type    string `json:"type"`
	Status  string `json:"status"`
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
}

type expectedUncounted struct {
	Succeeded []string `json:"succeeded"`
	Failed    []string `json:"failed"`
}

type expectedEvent struct {
	Type   string `json:"type"`
	Reason string `json:"reason"`
}
