// Command helm_engine_oracle renders template cases with Helm's own engine
// (the module helm.sh/helm/v4, built from the Go module proxy) so that
// charta's engine can be compared with it byte for byte.
//
// It reads a JSON array of cases on stdin and writes a JSON array of results
// on stdout, in the same order. Each case is rendered as a chart named "c"
// with the given templates, default values (a values.yaml text), user values
// (--set and --set-string entries) and extra files, released as "x" in
// namespace "default", revision 1, install.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/common/util"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/engine"
	"helm.sh/helm/v4/pkg/strvals"
)

type testCase struct {
	Name      string            `json:"name"`
	Templates map[string]string `json:"templates"`
	Values    string            `json:"values"`
	Set       []string          `json:"set"`
	SetString []string          `json:"setString"`
	Files     map[string]string `json:"files"`
}

type result struct {
	Name    string            `json:"name"`
	Outputs map[string]string `json:"outputs,omitempty"`
	Error   string            `json:"error,omitempty"`
}

func render(tc testCase) (out map[string]string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	defaults, err := common.ReadValues([]byte(tc.Values))
	if err != nil {
		return nil, err
	}
	c := &chart.Chart{
		Metadata: &chart.Metadata{APIVersion: "v2", Name: "c", Version: "0.1.0", AppVersion: "1.0.0"},
		Values:   defaults,
	}
	for name, text := range tc.Templates {
		c.Templates = append(c.Templates, &common.File{Name: name, Data: []byte(text)})
	}
	for name, text := range tc.Files {
		c.Files = append(c.Files, &common.File{Name: name, Data: []byte(text)})
	}
	user := map[string]any{}
	for _, s := range tc.Set {
		if err := strvals.ParseInto(s, user); err != nil {
			return nil, err
		}
	}
	for _, s := range tc.SetString {
		if err := strvals.ParseIntoString(s, user); err != nil {
			return nil, err
		}
	}
	coalesced, err := util.CoalesceValues(c, user)
	if err != nil {
		return nil, err
	}
	opts := common.ReleaseOptions{Name: "x", Namespace: "default", Revision: 1, IsInstall: true}
	vals, err := util.ToRenderValues(c, coalesced, opts, common.DefaultCapabilities)
	if err != nil {
		return nil, err
	}
	return engine.Render(c, vals)
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--capabilities" {
		// The offline capabilities helm assumes, for charta's embedded copy.
		caps := common.DefaultCapabilities
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", " ")
		_ = enc.Encode(map[string]any{
			"kubeVersion": caps.KubeVersion.Version,
			"kubeMajor":   caps.KubeVersion.Major,
			"kubeMinor":   caps.KubeVersion.Minor,
			"apiVersions": caps.APIVersions,
			"helmVersion": caps.HelmVersion,
		})
		return
	}
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "reading cases:", err)
		os.Exit(1)
	}
	results := make([]result, 0, len(cases))
	for _, tc := range cases {
		out, err := render(tc)
		r := result{Name: tc.Name, Outputs: out}
		if err != nil {
			r = result{Name: tc.Name, Error: err.Error()}
		}
		results = append(results, r)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, "writing results:", err)
		os.Exit(1)
	}
}
