// Command release_oracle runs helm's own release storage code (helm 4 and
// helm 3) against a fake Kubernetes clientset, so that charta's record codec
// and drivers can be compared with helm's byte for byte without a cluster.
//
// Usage: release_oracle MODE < request.json > response.json
//
// MODE is encode4, encode3, decode4, decode3 or history4. Requests and responses:
//
//	encode*: {"namespace": NS, "release": RELEASE_JSON, "labels": {..}}
//	         → {"secret": SECRET, "configmap": CONFIGMAP, "json": JSON}
//	         (the objects helm's secrets and configmaps drivers create for
//	         the release decoded from RELEASE_JSON; JSON is json.Marshal of
//	         that release)
//	decode*: {"namespace": NS, "record": STRING, "labels": {..}, "driver": "secret"|"configmap"}
//	         → {"json": JSON, "labels": {..}} or {"error": MESSAGE}
//	         (an object holding the record is put into the fake cluster and
//	         read back through the driver's Get)
//	history4: {"namespace": NS, "max_history": N, "existing": [RELEASE_JSON…], "create": RELEASE_JSON}
//	         → {"versions": [REV…], "error": MESSAGE}
//	         (helm 4's storage over the secrets driver: the existing
//	         releases are stored, then "create" is stored with MaxHistory N;
//	         versions are the revisions of its name left afterwards)
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	v3release "helm.sh/helm/v3/pkg/release"
	v3driver "helm.sh/helm/v3/pkg/storage/driver"
	v4release "helm.sh/helm/v4/pkg/release/v1"
	v4storage "helm.sh/helm/v4/pkg/storage"
	v4driver "helm.sh/helm/v4/pkg/storage/driver"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"
)

type request struct {
	Namespace string            `json:"namespace"`
	Release   json.RawMessage   `json:"release"`
	Record    string            `json:"record"`
	Labels    map[string]string `json:"labels"`
	Driver    string            `json:"driver"`
	// history4
	MaxHistory int               `json:"max_history"`
	Existing   []json.RawMessage `json:"existing"`
	Create     json.RawMessage   `json:"create"`
}

type historyResponse struct {
	Versions []int  `json:"versions"`
	Error    string `json:"error,omitempty"`
}

type encodeResponse struct {
	Secret    *corev1.Secret    `json:"secret"`
	ConfigMap *corev1.ConfigMap `json:"configmap"`
	JSON      string            `json:"json"`
}

type decodeResponse struct {
	JSON   string            `json:"json,omitempty"`
	Labels map[string]string `json:"labels,omitempty"`
	Error  string            `json:"error,omitempty"`
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 2 {
		fail(fmt.Errorf("usage: release_oracle encode4|encode3|decode4|decode3"))
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	var req request
	if err := json.Unmarshal(in, &req); err != nil {
		fail(err)
	}
	if req.Namespace == "" {
		req.Namespace = "default"
	}
	var out any
	switch os.Args[1] {
	case "encode4":
		out, err = encode4(req)
	case "encode3":
		out, err = encode3(req)
	case "decode4":
		out = decode(req, get4)
	case "decode3":
		out = decode(req, get3)
	case "history4":
		out, err = history4(req)
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fail(err)
	}
}

func key(name string, version int) string {
	return fmt.Sprintf("sh.helm.release.v1.%s.v%d", name, version)
}

// fetch reads back what the drivers created in the fake cluster.
func fetch(cs *fake.Clientset, ns, k string, json string) (*encodeResponse, error) {
	s, err := cs.CoreV1().Secrets(ns).Get(context.Background(), k, metav1.GetOptions{})
	if err != nil {
		return nil, err
	}
	c, err := cs.CoreV1().ConfigMaps(ns).Get(context.Background(), k, metav1.GetOptions{})
	if err != nil {
		return nil, err
	}
	return &encodeResponse{Secret: s, ConfigMap: c, JSON: json}, nil
}

func encode4(req request) (*encodeResponse, error) {
	var rls v4release.Release
	if err := json.Unmarshal(req.Release, &rls); err != nil {
		return nil, err
	}
	rls.Labels = req.Labels
	cs := fake.NewClientset()
	k := key(rls.Name, rls.Version)
	if err := v4driver.NewSecrets(cs.CoreV1().Secrets(req.Namespace)).Create(k, &rls); err != nil {
		return nil, err
	}
	if err := v4driver.NewConfigMaps(cs.CoreV1().ConfigMaps(req.Namespace)).Create(k, &rls); err != nil {
		return nil, err
	}
	b, err := json.Marshal(&rls)
	if err != nil {
		return nil, err
	}
	return fetch(cs, req.Namespace, k, string(b))
}

func encode3(req request) (*encodeResponse, error) {
	var rls v3release.Release
	if err := json.Unmarshal(req.Release, &rls); err != nil {
		return nil, err
	}
	rls.Labels = req.Labels
	cs := fake.NewClientset()
	k := key(rls.Name, rls.Version)
	if err := v3driver.NewSecrets(cs.CoreV1().Secrets(req.Namespace)).Create(k, &rls); err != nil {
		return nil, err
	}
	if err := v3driver.NewConfigMaps(cs.CoreV1().ConfigMaps(req.Namespace)).Create(k, &rls); err != nil {
		return nil, err
	}
	b, err := json.Marshal(&rls)
	if err != nil {
		return nil, err
	}
	return fetch(cs, req.Namespace, k, string(b))
}

const objectKey = "sh.helm.release.v1.oracle.v1"

// store puts an object holding the record into a fake cluster.
func store(req request) (*fake.Clientset, error) {
	cs := fake.NewClientset()
	meta := metav1.ObjectMeta{Name: objectKey, Namespace: req.Namespace, Labels: req.Labels}
	var err error
	if req.Driver == "configmap" {
		_, err = cs.CoreV1().ConfigMaps(req.Namespace).Create(context.Background(),
			&corev1.ConfigMap{ObjectMeta: meta, Data: map[string]string{"release": req.Record}}, metav1.CreateOptions{})
	} else {
		_, err = cs.CoreV1().Secrets(req.Namespace).Create(context.Background(),
			&corev1.Secret{ObjectMeta: meta, Type: "helm.sh/release.v1", Data: map[string][]byte{"release": []byte(req.Record)}},
			metav1.CreateOptions{})
	}
	return cs, err
}

func get4(cs *fake.Clientset, req request) (any, map[string]string, error) {
	var d v4driver.Driver = v4driver.NewSecrets(cs.CoreV1().Secrets(req.Namespace))
	if req.Driver == "configmap" {
		d = v4driver.NewConfigMaps(cs.CoreV1().ConfigMaps(req.Namespace))
	}
	r, err := d.Get(objectKey)
	if err != nil {
		return nil, nil, err
	}
	rls := r.(*v4release.Release)
	return rls, rls.Labels, nil
}

func get3(cs *fake.Clientset, req request) (any, map[string]string, error) {
	var d v3driver.Driver = v3driver.NewSecrets(cs.CoreV1().Secrets(req.Namespace))
	if req.Driver == "configmap" {
		d = v3driver.NewConfigMaps(cs.CoreV1().ConfigMaps(req.Namespace))
	}
	rls, err := d.Get(objectKey)
	if err != nil {
		return nil, nil, err
	}
	return rls, rls.Labels, nil
}

func decode(req request, get func(*fake.Clientset, request) (any, map[string]string, error)) *decodeResponse {
	cs, err := store(req)
	if err != nil {
		return &decodeResponse{Error: err.Error()}
	}
	rls, labels, err := get(cs, req)
	if err != nil {
		return &decodeResponse{Error: err.Error()}
	}
	b, err := json.Marshal(rls)
	if err != nil {
		return &decodeResponse{Error: err.Error()}
	}
	return &decodeResponse{JSON: string(b), Labels: labels}
}

func history4(req request) (*historyResponse, error) {
	cs := fake.NewClientset()
	store := v4storage.Init(v4driver.NewSecrets(cs.CoreV1().Secrets(req.Namespace)))
	for _, raw := range req.Existing {
		var rls v4release.Release
		if err := json.Unmarshal(raw, &rls); err != nil {
			return nil, err
		}
		if err := store.Create(&rls); err != nil {
			return nil, err
		}
	}
	var rls v4release.Release
	if err := json.Unmarshal(req.Create, &rls); err != nil {
		return nil, err
	}
	store.MaxHistory = req.MaxHistory
	resp := &historyResponse{Versions: []int{}}
	if err := store.Create(&rls); err != nil {
		resp.Error = err.Error()
	}
	h, err := store.History(rls.Name)
	if err != nil {
		return nil, err
	}
	for _, r := range h {
		resp.Versions = append(resp.Versions, r.(*v4release.Release).Version)
	}
	sort.Ints(resp.Versions)
	return resp, nil
}
