// Package chartutil gives the oracle a named map type that prints as Helm's
// `chartutil.Values` under %T.
package chartutil

// Values mirrors helm.sh/helm/v3/pkg/chartutil.Values.
type Values map[string]interface{}
