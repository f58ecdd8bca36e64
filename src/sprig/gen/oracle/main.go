// Command oracle evaluates Sprig v3.3.0 functions for charta's tests.
//
// It reads JSON lines {"fn": NAME, "args": [TYPED...]} on stdin and writes one
// JSON line per call: {"ok": TYPED} or {"err": MESSAGE}. TYPED values are
// {"t": GO_TYPE, "v": ...}: strings and []byte carry hex bytes, numbers their
// decimal text, slices and maps their elements, and "nil": true marks a nil
// slice. See ../oracle.ts, which drives it. Build it in a module that requires
// github.com/Masterminds/sprig/v3 v3.3.0 (see ../README.md).
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"

	"github.com/Masterminds/sprig/v3"
	"oracle/chartutil"
)

type typed struct {
	T   string          `json:"t"`
	V   json.RawMessage `json:"v,omitempty"`
	Nil bool            `json:"nil,omitempty"`
}

func decodeHex(raw json.RawMessage) []byte {
	var s string
	must(json.Unmarshal(raw, &s))
	b, err := hex.DecodeString(s)
	must(err)
	return b
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// build turns a typed JSON value into the Go value it describes.
func build(t typed) interface{} {
	switch t.T {
	case "nil":
		return nil
	case "string":
		return string(decodeHex(t.V))
	case "[]uint8":
		return decodeHex(t.V)
	case "bool":
		var b bool
		must(json.Unmarshal(t.V, &b))
		return b
	case "float64":
		var s string
		must(json.Unmarshal(t.V, &s))
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && s != "NaN" {
			must(err)
		}
		return f
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		var s string
		must(json.Unmarshal(t.V, &s))
		switch t.T {
		case "int":
			n, err := strconv.ParseInt(s, 10, 64)
			must(err)
			return int(n)
		case "int64":
			n, err := strconv.ParseInt(s, 10, 64)
			must(err)
			return n
		case "int32":
			n, err := strconv.ParseInt(s, 10, 32)
			must(err)
			return int32(n)
		case "uint8":
			n, err := strconv.ParseUint(s, 10, 8)
			must(err)
			return uint8(n)
		case "uint64":
			n, err := strconv.ParseUint(s, 10, 64)
			must(err)
			return n
		case "uint":
			n, err := strconv.ParseUint(s, 10, 64)
			must(err)
			return uint(n)
		}
		panic("unsupported int kind " + t.T)
	case "[]interface {}", "[]string", "[]int", "[][]interface {}":
		var items []typed
		must(json.Unmarshal(t.V, &items))
		switch t.T {
		case "[]string":
			if t.Nil {
				return []string(nil)
			}
			out := make([]string, len(items))
			for i, it := range items {
				out[i] = build(it).(string)
			}
			return out
		case "[]int":
			out := make([]int, len(items))
			for i, it := range items {
				out[i] = build(it).(int)
			}
			return out
		case "[][]interface {}":
			out := make([][]interface{}, len(items))
			for i, it := range items {
				out[i] = build(it).([]interface{})
			}
			return out
		}
		if t.Nil {
			return []interface{}(nil)
		}
		out := make([]interface{}, len(items))
		for i, it := range items {
			out[i] = build(it)
		}
		return out
	case "map[string]interface {}", "chartutil.Values", "map[string]string":
		var items map[string]typed
		must(json.Unmarshal(t.V, &items))
		if t.T == "map[string]string" {
			out := map[string]string{}
			for k, it := range items {
				out[k] = build(it).(string)
			}
			return out
		}
		out := map[string]interface{}{}
		for k, it := range items {
			out[k] = build(it)
		}
		if t.T == "chartutil.Values" {
			return chartutil.Values(out)
		}
		return out
	}
	panic("unsupported type " + t.T)
}

func hexJSON(b []byte) json.RawMessage {
	out, _ := json.Marshal(hex.EncodeToString(b))
	return out
}

func strJSON(s string) json.RawMessage {
	out, _ := json.Marshal(s)
	return out
}

// dump describes a Go value as typed JSON.
func dump(v reflect.Value) typed {
	if !v.IsValid() {
		return typed{T: "nil"}
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return typed{T: "nil"}
		}
		v = v.Elem()
	}
	t := typed{T: v.Type().String()}
	switch v.Kind() {
	case reflect.String:
		t.V = hexJSON([]byte(v.String()))
	case reflect.Bool:
		t.V, _ = json.Marshal(v.Bool())
	case reflect.Float64, reflect.Float32:
		t.V = strJSON(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		t.V = strJSON(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		t.V = strJSON(strconv.FormatUint(v.Uint(), 10))
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			t.V = hexJSON(v.Bytes())
			return t
		}
		t.Nil = v.IsNil()
		items := make([]typed, v.Len())
		for i := range items {
			items[i] = dump(v.Index(i))
		}
		t.V, _ = json.Marshal(items)
	case reflect.Map:
		items := map[string]typed{}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			items[k.String()] = dump(v.MapIndex(k))
		}
		t.V, _ = json.Marshal(items)
	default:
		t.V = strJSON(fmt.Sprintf("%v", v.Interface()))
	}
	return t
}

type call struct {
	Fn   string  `json:"fn"`
	Args []typed `json:"args"`
}

type result struct {
	Ok  *typed  `json:"ok,omitempty"`
	Err *string `json:"err,omitempty"`
}

func failure(msg string) result {
	return result{Err: &msg}
}

func run(fm map[string]interface{}, c call) (res result) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				res = failure(e.Error())
			} else {
				res = failure(fmt.Sprintf("%v", r))
			}
		}
	}()
	f, ok := fm[c.Fn]
	if !ok {
		return failure("oracle: no function " + c.Fn)
	}
	fv := reflect.ValueOf(f)
	ft := fv.Type()
	args := make([]reflect.Value, len(c.Args))
	for i, a := range c.Args {
		var pt reflect.Type
		if ft.IsVariadic() && i >= ft.NumIn()-1 {
			pt = ft.In(ft.NumIn() - 1).Elem()
		} else {
			pt = ft.In(i)
		}
		v := build(a)
		if v == nil {
			args[i] = reflect.Zero(pt)
		} else {
			args[i] = reflect.ValueOf(v)
		}
	}
	out := fv.Call(args)
	if len(out) == 2 && !out[1].IsNil() {
		return failure(out[1].Interface().(error).Error())
	}
	d := dump(out[0])
	return result{Ok: &d}
}

func main() {
	fm := sprig.GenericFuncMap()
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	enc := json.NewEncoder(os.Stdout)
	for sc.Scan() {
		var c call
		must(json.Unmarshal(sc.Bytes(), &c))
		must(enc.Encode(run(fm, c)))
	}
	must(sc.Err())
}
