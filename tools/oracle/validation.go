// `oracle run` for family statusValidation: what upstream's API server answers to a
// PUT .../jobs/NAME/status (pkg/registry/batch/job StatusStrategy) replacing oldJob by newJob.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	batchv1 "k8s.io/api/batch/v1"
	fieldpath "k8s.io/apimachinery/pkg/util/validation/field"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	batchinternal "k8s.io/kubernetes/pkg/apis/batch"
	batchv1api "k8s.io/kubernetes/pkg/apis/batch/v1"
	batchvalidation "k8s.io/kubernetes/pkg/apis/batch/validation"
	jobregistry "k8s.io/kubernetes/pkg/registry/batch/job"
)

type statusValidationCase struct {
	Name    string          `json:"name"`
	OldJob  json.RawMessage `json:"oldJob"`
	NewJob  json.RawMessage `json:"newJob"`
	Options map[string]bool `json:"options,omitempty"`
	Expect  json.RawMessage `json:"expect,omitempty"`
}

type fieldErr struct {
	Type  string `json:"type"`
	Field string `json:"field"`
}

func toInternal(raw json.RawMessage) (*batchinternal.Job, error) {
	return toInternalWith(raw, nil)
}

// toInternalWith decodes a v1 Job, lets prepare adjust it (nil: nothing), and converts it to the
// internal type that upstream's validation takes.
func toInternalWith(raw json.RawMessage, prepare func(*batchv1.Job)) (*batchinternal.Job, error) {
	var v1job batchv1.Job
	if err := json.Unmarshal(raw, &v1job); err != nil {
		return nil, err
	}
	if prepare != nil {
		prepare(&v1job)
	}
	var job batchinternal.Job
	if err := batchv1api.Convert_v1_Job_To_batch_Job(&v1job, &job, nil); err != nil {
		return nil, err
	}
	return &job, nil
}

// statusOptions maps the FORMAT-extra camel-cased switches onto JobStatusValidationOptions.
func statusOptions(in map[string]bool) (batchvalidation.JobStatusValidationOptions, error) {
	var opts batchvalidation.JobStatusValidationOptions
	v := reflect.ValueOf(&opts).Elem()
	for k, b := range in {
		f := v.FieldByName(strings.ToUpper(k[:1]) + k[1:])
		if !f.IsValid() || f.Kind() != reflect.Bool {
			return opts, fmt.Errorf("options.%s: not a JobStatusValidationOptions switch of %s", k, upstreamVersion())
		}
		f.SetBool(b)
	}
	return opts, nil
}

// validateStatusUpdate: without options, the status strategy as the API server runs it
// (PrepareForUpdate keeps the old spec, ValidateUpdate derives the options from the pair);
// with options, upstream's ValidateJobUpdateStatus with exactly those switches.
func validateStatusUpdate(c *statusValidationCase) ([]fieldErr, error) {
	oldJob, err := toInternal(c.OldJob)
	if err != nil {
		return nil, fmt.Errorf("oldJob: %w", err)
	}
	newJob, err := toInternal(c.NewJob)
	if err != nil {
		return nil, fmt.Errorf("newJob: %w", err)
	}
	var errs fieldpath.ErrorList
	if c.Options == nil {
		ctx := genericapirequest.NewDefaultContext()
		jobregistry.StatusStrategy.PrepareForUpdate(ctx, newJob, oldJob)
		errs = jobregistry.StatusStrategy.ValidateUpdate(ctx, newJob, oldJob)
	} else {
		opts, err := statusOptions(c.Options)
		if err != nil {
			return nil, err
		}
		errs = batchvalidation.ValidateJobUpdateStatus(newJob, oldJob, opts)
	}
	return uniqueFieldErrs(errs), nil
}

func runStatusValidation(in []byte, keepGoing bool) (any, error) {
	var doc struct {
		Family string                  `json:"family"`
		Source string                  `json:"source"`
		Cases  []*statusValidationCase `json:"cases"`
	}
	if err := json.Unmarshal(in, &doc); err != nil {
		return nil, err
	}
	for _, c := range doc.Cases {
		errs, err := validateStatusUpdate(c)
		var expect any = map[string]any{"errors": errs}
		if err != nil {
			if !keepGoing {
				return nil, fmt.Errorf("case %q: %w", c.Name, err)
			}
			expect = map[string]any{"oracleError": err.Error()}
		}
		if c.Expect, err = json.Marshal(expect); err != nil {
			return nil, err
		}
	}
	_ = context.Background
	return &doc, nil
}

// uniqueFieldErrs: the (type, field) pairs of errs, each once, sorted — errors compare as a set
// of pairs (testdata/conformance FORMAT.md), so that is all a vector records.
func uniqueFieldErrs(errs fieldpath.ErrorList) []fieldErr {
	seen := map[fieldErr]bool{}
	out := []fieldErr{}
	for _, e := range errs {
		fe := fieldErr{Type: string(e.Type), Field: e.Field}
		if !seen[fe] {
			seen[fe] = true
			out = append(out, fe)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Field != out[j].Field {
			return out[i].Field < out[j].Field
		}
		return out[i].Type < out[j].Type
	})
	return out
}
