// Upstream's pass is not a pure function of the case: the informer returns a job's pods in map
// order, and several choices break ties by that order (which equal-ranked active pods a
// scale-down deletes, which pods fill the last uncounted slots, duplicate-index tie breaks).
// `run` therefore performs the pass several times and keeps only what every run agreed on.
package main

import (
	"encoding/json"
	"reflect"
	"sort"
)

// agreedExpectation merges the expectations of several runs of the same case: fields that
// differ are dropped (finalizersRemoved degrades to a count when only the names differ,
// events keep the intersection). Returns the merged `expect` and whether anything varied.
func agreedExpectation(runs []*expectation) (map[string]any, bool) {
	maps := make([]map[string]any, len(runs))
	for i, e := range runs {
		b, _ := json.Marshal(e)
		_ = json.Unmarshal(b, &maps[i])
	}
	out := maps[0]
	varied := false
	same := func(get func(m map[string]any) (any, bool)) bool {
		v0, ok0 := get(maps[0])
		for _, m := range maps[1:] {
			v, ok := get(m)
			if ok != ok0 || !reflect.DeepEqual(v, v0) {
				return false
			}
		}
		return true
	}
	top := func(k string) func(m map[string]any) (any, bool) {
		return func(m map[string]any) (any, bool) { v, ok := m[k]; return v, ok }
	}
	for _, k := range []string{"creations", "createdIndexes", "deletions", "deletedPods", "adoptedPods", "releasedPods", "error"} {
		if !same(top(k)) {
			delete(out, k)
			varied = true
		}
	}
	if !same(top("finalizersRemoved")) {
		varied = true
		if same(func(m map[string]any) (any, bool) { l, _ := m["finalizersRemoved"].([]any); return len(l), true }) {
			out["finalizersRemoved"] = len(out["finalizersRemoved"].([]any))
		} else {
			delete(out, "finalizersRemoved")
		}
	}
	status := out["status"].(map[string]any)
	// Conditions that agree but for a message naming the first matching pod keep all but the message.
	if !same(func(m map[string]any) (any, bool) { v, ok := m["status"].(map[string]any)["conditions"]; return v, ok }) &&
		same(func(m map[string]any) (any, bool) {
			return stripMessages(m["status"].(map[string]any)["conditions"]), true
		}) {
		varied = true
		conds := status["conditions"].([]any)
		for i := range conds {
			c := conds[i].(map[string]any)
			if !same(func(m map[string]any) (any, bool) {
				return m["status"].(map[string]any)["conditions"].([]any)[i].(map[string]any)["message"], true
			}) {
				delete(c, "message")
			}
		}
	}
	for k := range status {
		k := k
		if !same(func(m map[string]any) (any, bool) { v, ok := m["status"].(map[string]any)[k]; return v, ok }) {
			delete(status, k)
			varied = true
		}
	}
	if !same(top("events")) {
		varied = true
		common := []any{}
		for _, ev := range out["events"].([]any) {
			inAll := true
			for _, m := range maps[1:] {
				found := false
				for _, other := range m["events"].([]any) {
					if reflect.DeepEqual(ev, other) {
						found = true
						break
					}
				}
				inAll = inAll && found
			}
			if inAll {
				common = append(common, ev)
			}
		}
		out["events"] = common
	}
	return out, varied
}

func stripMessages(conds any) any {
	list, _ := conds.([]any)
	out := []any{}
	for _, c := range list {
		m := map[string]any{}
		for k, v := range c.(map[string]any) {
			if k != "message" {
				m[k] = v
			}
		}
		out = append(out, m)
	}
	return out
}

var expectKeyOrder = []string{"creations", "createdIndexes", "deletions", "deletedPods", "finalizersRemoved", "adoptedPods", "releasedPods", "status", "events", "error",
	"active", "ready", "succeeded", "failed", "terminating", "completedIndexes", "failedIndexes", "conditions", "startTime", "completionTime", "uncountedTerminatedPods"}

// marshalOrdered writes JSON objects with FORMAT.md's key order (unknown keys last, sorted).
func marshalOrdered(v any) ([]byte, error) {
	switch t := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(t))
		seen := map[string]bool{}
		order := expectKeyOrder
		if _, isCond := t["type"]; isCond {
			order = []string{"type", "status", "reason", "message"}
		}
		for _, k := range order {
			if _, ok := t[k]; ok && !seen[k] {
				keys = append(keys, k)
				seen[k] = true
			}
		}
		var rest []string
		for k := range t {
			if !seen[k] {
				rest = append(rest, k)
			}
		}
		sort.Strings(rest)
		keys = append(keys, rest...)
		buf := []byte{'{'}
		for i, k := range keys {
			if i > 0 {
				buf = append(buf, ',')
			}
			kb, _ := json.Marshal(k)
			buf = append(buf, kb...)
			buf = append(buf, ':')
			vb, err := marshalOrdered(t[k])
			if err != nil {
				return nil, err
			}
			buf = append(buf, vb...)
		}
		return append(buf, '}'), nil
	case []any:
		buf := []byte{'['}
		for i, x := range t {
			if i > 0 {
				buf = append(buf, ',')
			}
			xb, err := marshalOrdered(x)
			if err != nil {
				return nil, err
			}
			buf = append(buf, xb...)
		}
		return append(buf, ']'), nil
	default:
		return json.Marshal(v)
	}
}
