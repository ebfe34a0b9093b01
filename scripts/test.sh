#!/usr/bin/env bash
# Runs every test of the project. Needs PostgreSQL on 127.0.0.1:5432 (or
# TEST_DATABASE_URL), Redis on 127.0.0.1:6379 (or TEST_REDIS_URL), Node 20 and
# Chromium at /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "Linters (golangci-lint, eslint, govulncheck, npm audit)"
make --no-print-directory lint

step "Contract lint (Redocly, Spectral)"
make --no-print-directory lint-api

step "Go (PostgreSQL, -race)"
make --no-print-directory test-go-pg

step "Go (SQLite, -race)"
make --no-print-directory test-go-sqlite

step "Fuzzing the request validation and the token claims (PostgreSQL, 20 s a target)"
make --no-print-directory fuzz

step "SPA unit tests"
make --no-print-directory test-web

step "Integrator example (examples/office-sync)"
make --no-print-directory test-example

step "End-to-end (Chromium)"
make --no-print-directory e2e

step "All tests passed"
