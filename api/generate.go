// Package api holds the code generated from ../openapi.yaml. Do not edit the
// generated files by hand: change the contract and run `make gen`.
package api

import _ "embed"

//go:generate cp ../openapi.yaml openapi.yaml
//go:generate go tool oapi-codegen -config oapi-codegen.yaml openapi.yaml

// SpecYAML is the contract exactly as written, served at /api/v1/openapi.yaml.
//
//go:embed openapi.yaml
var SpecYAML []byte
