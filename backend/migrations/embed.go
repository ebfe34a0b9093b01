// Package migrations holds the versioned SQL schema, one folder per dialect
// with the same version numbers, applied by goose.
package migrations

import "embed"

//go:embed postgres/*.sql
var Postgres embed.FS

//go:embed sqlite/*.sql
var SQLite embed.FS
