// Prints the lifecycle of every deprecated kind in client-go's scheme, one
// tab-separated line each: group/version, kind, deprecated in, removed in
// (0.0: never), replacement. scripts/gen_k8s_deprecations.ts runs it in a
// module that requires what helm requires and writes src/lint/deprecations.ts.
package main

import (
	"fmt"
	"sort"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	kscheme "k8s.io/client-go/kubernetes/scheme"
)

type deprecated interface{ APILifecycleDeprecated() (int, int) }
type removed interface{ APILifecycleRemoved() (int, int) }
type replaced interface {
	APILifecycleReplacement() schema.GroupVersionKind
}

func main() {
	s := runtime.NewScheme()
	if err := kscheme.AddToScheme(s); err != nil {
		panic(err)
	}
	var lines []string
	for gvk := range s.AllKnownTypes() {
		obj, err := s.New(gvk)
		if err != nil {
			continue
		}
		d, ok := obj.(deprecated)
		if !ok {
			continue
		}
		dMajor, dMinor := d.APILifecycleDeprecated()
		if dMajor == 0 && dMinor == 0 {
			continue
		}
		rMajor, rMinor := 0, 0
		if r, ok := obj.(removed); ok {
			rMajor, rMinor = r.APILifecycleRemoved()
		}
		replacement := ""
		if r, ok := obj.(replaced); ok {
			if g := r.APILifecycleReplacement(); !g.Empty() {
				replacement = g.GroupVersion().String() + " " + g.Kind
			}
		}
		lines = append(lines, fmt.Sprintf("%s\t%s\t%d.%d\t%d.%d\t%s",
			gvk.GroupVersion().String(), gvk.Kind, dMajor, dMinor, rMajor, rMinor, replacement))
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
}
