// `oracle run` for the families jobValidation (create) and jobUpdateValidation (update) of
// testdata/conformance/FORMAT-extra.md: upstream's Job strategy / validation answers.
package main

import (
	"encoding/json"
	"fmt"

	batchv1 "k8s.io/api/batch/v1"
	v1 "k8s.io/api/core/v1"
	fieldpath "k8s.io/apimachinery/pkg/util/validation/field"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/component-base/featuregate"
	batchinternal "k8s.io/kubernetes/pkg/apis/batch"
	batchvalidation "k8s.io/kubernetes/pkg/apis/batch/validation"
	corev1api "k8s.io/kubernetes/pkg/apis/core/v1"
	jobregistry "k8s.io/kubernetes/pkg/registry/batch/job"
)

type jobValidationCase struct {
	Name         string          `json:"name"`
	Job          json.RawMessage `json:"job,omitempty"`
	OldJob       json.RawMessage `json:"oldJob,omitempty"`
	NewJob       json.RawMessage `json:"newJob,omitempty"`
	Options      map[string]bool `json:"options,omitempty"`
	FeatureGates map[string]bool `json:"featureGates,omitempty"`
	Note         string          `json:"note,omitempty"`
	Expect       json.RawMessage `json:"expect,omitempty"`
}

// toInternalWithTemplateDefaults converts a v1 Job after giving its pod template the API
// server's pod defaults (imagePullPolicy, terminationMessagePolicy, dnsPolicy, ...): the
// vectors leave out pod-spec fields that Job validation does not judge (FORMAT-extra.md), and
// upstream would otherwise report them as missing. Job-level fields are not defaulted.
func toInternalWithTemplateDefaults(raw json.RawMessage) (*batchinternal.Job, error) {
	return toInternalWith(raw, func(job *batchv1.Job) {
		pt := &v1.PodTemplate{Template: job.Spec.Template}
		corev1api.SetObjectDefaults_PodTemplate(pt)
		job.Spec.Template = pt.Template
	})
}

func jobOptions(in map[string]bool) (batchvalidation.JobValidationOptions, error) {
	var o batchvalidation.JobValidationOptions
	for k, b := range in {
		switch k {
		case "requirePrefixedLabels":
			o.RequirePrefixedLabels = b
		case "allowMutableSchedulingDirectives":
			o.AllowMutableSchedulingDirectives = b
		case "allowMutablePodResources":
			o.AllowMutablePodResources = b
		case "allowInvalidLabelValueInSelector":
			o.AllowInvalidLabelValueInSelector = b
		default:
			return o, fmt.Errorf("options.%s: not a JobValidationOptions switch", k)
		}
	}
	return o, nil
}

// withGates runs f with the given feature gates set, restoring them afterwards.
func withGates(gates map[string]bool, f func() error) error {
	old := map[string]bool{}
	for k := range gates {
		old[k] = utilfeature.DefaultFeatureGate.Enabled(featuregate.Feature(k))
	}
	if err := utilfeature.DefaultMutableFeatureGate.SetFromMap(gates); err != nil {
		return fmt.Errorf("featureGates: %w", err)
	}
	defer func() { _ = utilfeature.DefaultMutableFeatureGate.SetFromMap(old) }()
	return f()
}

func validateJobCase(family string, c *jobValidationCase) (out []fieldErr, rerr error) {
	defer func() {
		if r := recover(); r != nil {
			// e.g. v1.37.2 dereferences spec.completions of an Indexed job with a successPolicy
			// even when completions is missing (the API server answers 500 there).
			out, rerr = nil, fmt.Errorf("upstream panicked: %v", r)
		}
	}()
	ctx := genericapirequest.NewDefaultContext()
	var errs fieldpath.ErrorList
	run := func() error {
		switch family {
		case "jobValidation":
			job, err := toInternalWithTemplateDefaults(c.Job)
			if err != nil {
				return fmt.Errorf("job: %w", err)
			}
			if c.Options == nil {
				errs = jobregistry.Strategy.Validate(ctx, job)
				return nil
			}
			opts, err := jobOptions(c.Options)
			if err != nil {
				return err
			}
			errs = batchvalidation.ValidateJobCreate(job, opts)
		default:
			oldJob, err := toInternalWithTemplateDefaults(c.OldJob)
			if err != nil {
				return fmt.Errorf("oldJob: %w", err)
			}
			newJob, err := toInternalWithTemplateDefaults(c.NewJob)
			if err != nil {
				return fmt.Errorf("newJob: %w", err)
			}
			if c.Options == nil {
				errs = jobregistry.Strategy.ValidateUpdate(ctx, newJob, oldJob)
				return nil
			}
			opts, err := jobOptions(c.Options)
			if err != nil {
				return err
			}
			errs = batchvalidation.ValidateJobUpdate(newJob, oldJob, opts)
		}
		return nil
	}
	if err := withGates(c.FeatureGates, run); err != nil {
		return nil, err
	}
	return uniqueFieldErrs(errs), nil
}

func runJobValidation(family string, in []byte, keepGoing bool) (any, error) {
	var doc struct {
		Family string               `json:"family"`
		Source string               `json:"source"`
		Cases  []*jobValidationCase `json:"cases"`
	}
	if err := json.Unmarshal(in, &doc); err != nil {
		return nil, err
	}
	for _, c := range doc.Cases {
		errs, err := validateJobCase(family, c)
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
	return &doc, nil
}
