package main

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// Reads JSON lines {"src": TEMPLATE, "values": ANY}; prints {out, err} per line.
// Data is {"Values": values}, decoded with encoding/json (numbers are float64, as in Helm).
func main() {
	fm := sprig.TxtFuncMap()
	delete(fm, "env")
	delete(fm, "expandenv")
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	enc := json.NewEncoder(os.Stdout)
	for sc.Scan() {
		var in struct {
			Src    string      `json:"src"`
			Values interface{} `json:"values"`
		}
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			panic(err)
		}
		res := map[string]*string{}
		t, err := template.New("t").Option("missingkey=zero").Funcs(fm).Parse(in.Src)
		if err != nil {
			e := err.Error()
			res["err"] = &e
		} else {
			var b strings.Builder
			if err := t.Execute(&b, map[string]interface{}{"Values": in.Values}); err != nil {
				e := err.Error()
				res["err"] = &e
			}
			out := b.String()
			res["out"] = &out
		}
		enc.Encode(res)
	}
}
