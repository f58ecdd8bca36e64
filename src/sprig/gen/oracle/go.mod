module oracle

go 1.26

require (
	github.com/Masterminds/sprig/v3 v3.3.0
	dario.cat/mergo v1.0.1
	github.com/Masterminds/goutils v1.1.1
	github.com/Masterminds/semver/v3 v3.5.0
	github.com/google/uuid v1.6.0
	github.com/huandu/xstrings v1.5.0
	github.com/mitchellh/copystructure v1.2.0
	github.com/mitchellh/reflectwalk v1.0.2
	github.com/shopspring/decimal v1.4.0
	github.com/spf13/cast v1.7.0
	golang.org/x/crypto v0.54.0
	golang.org/x/sys v0.47.0
)
