package main

import (
	"errors"
	"strings"

	"espace/backend/internal/apperr"
)

// describe spells out a domain error for the command line.
func describe(err error) error {
	ae, ok := apperr.As(err)
	if !ok {
		return err
	}
	parts := []string{ae.Title}
	for _, f := range ae.Fields {
		parts = append(parts, strings.TrimPrefix(f.Pointer, "/")+" : "+f.Detail)
	}
	return errors.New(strings.Join(parts, "\n  "))
}
