// Command patch_oracle computes client-side patches with the Go libraries
// helm v4.2.4 uses, for charta's tests to compare with. It reads a JSON
// array of cases on stdin and writes a JSON array of results.
//
// A case is {"mode", "kind", "original", "modified", "current"}; mode is
// "three-way" (strategicpatch.CreateThreeWayMergePatch, overwrite, patch
// metadata from the Go struct of kind), "merge" (evanphx CreateMergePatch),
// "three-way-json" (jsonmergepatch.CreateThreeWayJSONMergePatch with helm's
// preconditions), "schema" (the OpenAPI-v3-shaped schemas the struct tags
// of kind describe, for the TypeScript patch metadata) or "csa-upgrade"
// (csaupgrade.UpgradeManagedFieldsPatch of original with manager "helm").
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	jsonpatch "github.com/evanphx/json-patch/v5"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apiextv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/jsonmergepatch"
	"k8s.io/apimachinery/pkg/util/mergepatch"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
	"k8s.io/client-go/util/csaupgrade"
)

type testCase struct {
	Mode     string          `json:"mode"`
	Kind     string          `json:"kind"`
	Original json.RawMessage `json:"original"`
	Modified json.RawMessage `json:"modified"`
	Current  json.RawMessage `json:"current"`
}

type result struct {
	Patch  *string     `json:"patch,omitempty"`
	Error  *string     `json:"error,omitempty"`
	Schema interface{} `json:"schema,omitempty"`
}

func object(kind string) interface{} {
	switch kind {
	case "Deployment":
		return &appsv1.Deployment{}
	case "StatefulSet":
		return &appsv1.StatefulSet{}
	case "Service":
		return &corev1.Service{}
	case "ConfigMap":
		return &corev1.ConfigMap{}
	case "Pod":
		return &corev1.Pod{}
	case "CustomResourceDefinition":
		return &apiextv1.CustomResourceDefinition{}
	}
	return nil
}

func raw(m json.RawMessage) []byte {
	if len(m) == 0 {
		return nil
	}
	return m
}

func run(c testCase) (string, error) {
	switch c.Mode {
	case "three-way":
		meta, err := strategicpatch.NewPatchMetaFromStruct(object(c.Kind))
		if err != nil {
			return "", err
		}
		p, err := strategicpatch.CreateThreeWayMergePatch(raw(c.Original), raw(c.Modified), raw(c.Current), meta, true)
		return string(p), err
	case "merge":
		p, err := jsonpatch.CreateMergePatch(raw(c.Original), raw(c.Modified))
		return string(p), err
	case "three-way-json":
		p, err := jsonmergepatch.CreateThreeWayJSONMergePatch(raw(c.Original), raw(c.Modified), raw(c.Current),
			mergepatch.RequireKeyUnchanged("apiVersion"),
			mergepatch.RequireKeyUnchanged("kind"),
			mergepatch.RequireMetadataKeyUnchanged("name"))
		return string(p), err
	case "csa-upgrade":
		u := &unstructured.Unstructured{}
		if err := u.UnmarshalJSON(c.Original); err != nil {
			return "", err
		}
		p, err := csaupgrade.UpgradeManagedFieldsPatch(u, sets.New("helm"), "helm")
		return string(p), err
	}
	return "", fmt.Errorf("unknown mode %q", c.Mode)
}

// schemas describes Go types as OpenAPI v3 components (properties by json
// name, inline structs flattened, patch tags as x-kubernetes extensions).
type schemas map[string]map[string]interface{}

func typeName(t reflect.Type) string {
	return strings.ReplaceAll(t.PkgPath(), "/", ".") + "." + t.Name()
}

func (s schemas) of(t reflect.Type) map[string]interface{} {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if _, ok := reflect.New(t).Interface().(json.Marshaler); ok && t.Kind() == reflect.Struct {
		return map[string]interface{}{"type": "string"}
	}
	switch t.Kind() {
	case reflect.Struct:
		name := typeName(t)
		if _, ok := s[name]; !ok {
			props := map[string]interface{}{}
			s[name] = map[string]interface{}{"type": "object", "properties": props}
			s.fields(t, props)
		}
		return map[string]interface{}{"allOf": []interface{}{map[string]interface{}{"$ref": "#/components/schemas/" + name}}}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]interface{}{"type": "string"}
		}
		return map[string]interface{}{"type": "array", "items": s.of(t.Elem())}
	case reflect.Map:
		return map[string]interface{}{"type": "object", "additionalProperties": s.of(t.Elem())}
	case reflect.String:
		return map[string]interface{}{"type": "string"}
	case reflect.Bool:
		return map[string]interface{}{"type": "boolean"}
	case reflect.Float32, reflect.Float64:
		return map[string]interface{}{"type": "number"}
	case reflect.Interface:
		return map[string]interface{}{}
	}
	return map[string]interface{}{"type": "integer"}
}

func (s schemas) fields(t reflect.Type, props map[string]interface{}) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name := strings.Split(tag, ",")[0]
		if name == "-" || !f.IsExported() {
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			s.fields(ft, props)
			continue
		}
		if name == "" {
			name = f.Name
		}
		sch := s.of(f.Type)
		if v := f.Tag.Get("patchStrategy"); v != "" {
			sch["x-kubernetes-patch-strategy"] = v
		}
		if v := f.Tag.Get("patchMergeKey"); v != "" {
			sch["x-kubernetes-patch-merge-key"] = v
		}
		props[name] = sch
	}
}

func schemaOf(kind string) interface{} {
	s := schemas{}
	t := reflect.TypeOf(object(kind)).Elem()
	s.of(t)
	root := s[typeName(t)]
	root["x-kubernetes-group-version-kind"] = []interface{}{map[string]string{"group": "oracle", "version": "v1", "kind": kind}}
	return map[string]interface{}{"components": map[string]interface{}{"schemas": s}}
}

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	var cases []testCase
	if err := json.Unmarshal(in, &cases); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := make([]result, len(cases))
	for i, c := range cases {
		if c.Mode == "schema" {
			out[i].Schema = schemaOf(c.Kind)
			continue
		}
		p, err := run(c)
		if err != nil {
			e := err.Error()
			out[i].Error = &e
		} else {
			out[i].Patch = &p
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
