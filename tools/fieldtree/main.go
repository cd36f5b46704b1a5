// fieldtree prints the JSON field names of batch/v1 Job and of every type it contains (the
// whole PodTemplateSpec), read from k8s.io/api's json tags by reflection. jobkit's strict
// decoding (packages/api/src/unknownFields.ts) reports any other key as an unknown field, as
// the API server's strict decoding (sigs.k8s.io/json) does. Output: JSON on stdout,
//
//	{"source": "...", "root": "batch/v1.Job", "types": {"batch/v1.Job": {"apiVersion": "string", ...}, ...}}
//
// A type reference is a struct name (a key of "types"), "[]T" (a list of T), "map[]T" (a map
// of any keys to T), or a leaf: a scalar kind ("string", "int32", ...) or a type that decodes
// itself (json.Unmarshaler: "meta/v1.Time", "api/resource.Quantity", "runtime.RawExtension",
// ...), whose content is not a field tree.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"runtime/debug"
	"strings"

	batchv1 "k8s.io/api/batch/v1"
)

type fieldTree struct {
	Source string                       `json:"source"`
	Root   string                       `json:"root"`
	Types  map[string]map[string]string `json:"types"`
}

var unmarshaler = reflect.TypeFor[json.Unmarshaler]()

// typeName names a named type by its package path after the module ("core/v1.PodSpec").
func typeName(t reflect.Type) string {
	p := t.PkgPath()
	for _, prefix := range []string{"k8s.io/api/", "k8s.io/apimachinery/pkg/apis/", "k8s.io/apimachinery/pkg/"} {
		if strings.HasPrefix(p, prefix) {
			p = strings.TrimPrefix(p, prefix)
			break
		}
	}
	return p + "." + t.Name()
}

// decodesItself: encoding/json hands the raw value to the type's UnmarshalJSON.
func decodesItself(t reflect.Type) bool {
	return t.Implements(unmarshaler) || reflect.PointerTo(t).Implements(unmarshaler)
}

type walker struct{ types map[string]map[string]string }

func (w *walker) ref(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Name() != "" && decodesItself(t) {
		return typeName(t)
	}
	switch t.Kind() {
	case reflect.Struct:
		name := typeName(t)
		if _, seen := w.types[name]; !seen {
			fields := map[string]string{}
			w.types[name] = fields // before the walk: a recursive type refers to itself
			w.fields(t, fields)
		}
		return name
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "bytes" // []byte is a base64 string in JSON
		}
		return "[]" + w.ref(t.Elem())
	case reflect.Map:
		return "map[]" + w.ref(t.Elem())
	case reflect.Interface:
		return "any"
	default:
		return t.Kind().String()
	}
}

// fields adds t's JSON fields as encoding/json names them: the tag's name, else the Go name;
// "-" skipped; an embedded struct without a name (TypeMeta `json:",inline"`) flattened.
func (w *walker) fields(t reflect.Type, out map[string]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && !decodesItself(ft) {
				w.fields(ft, out)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = w.ref(f.Type)
	}
}

func source() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "k8s.io/api"
	}
	versions := []string{}
	for _, d := range info.Deps {
		if d.Path == "k8s.io/api" || d.Path == "k8s.io/apimachinery" {
			versions = append(versions, d.Path+" "+d.Version)
		}
	}
	return strings.Join(versions, ", ")
}

func main() {
	w := &walker{types: map[string]map[string]string{}}
	root := w.ref(reflect.TypeFor[batchv1.Job]())
	out, err := json.MarshalIndent(fieldTree{Source: source(), Root: root, Types: w.types}, "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, "fieldtree:", err)
		os.Exit(1)
	}
	fmt.Println(string(out))
}
