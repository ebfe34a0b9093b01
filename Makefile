# Two commands matter: `make run` and `make test` (see README.md).
SHELL := /bin/bash
GO ?= go

.PHONY: run test gen gen-check lint lint-go lint-web lint-vuln lint-audit audit lint-api build web backend e2e test-go test-go-pg test-go-sqlite test-web test-example fuzz bench bench-http clean

## run: build the SPA and serve SPA + API on http://localhost:8080 with the demo cast (embedded SQLite unless DATABASE_URL is set)
run: web
	ESPACE_DEMO=1 $(GO) run ./backend/cmd/espace serve

## test: linters, then every test: Go on PostgreSQL and on SQLite (with -race), fuzzing, SPA unit tests, integrator example, e2e in Chromium
test:
	./scripts/test.sh

## gen: regenerate the Go server and the TypeScript types (SPA and integrator's example) from openapi.yaml
gen: frontend/node_modules examples/office-sync/node_modules
	cd api && $(GO) generate ./...
	cd frontend && npm run --silent gen
	cd examples/office-sync && npm run --silent gen

## gen-check: fail when the generated code is not current
gen-check: gen
	git diff --exit-code -- api frontend/src/lib/api examples/office-sync/src || (echo "Le code généré n'est pas à jour : lancez make gen" && exit 1)

## lint: golangci-lint and eslint (no finding allowed), govulncheck on the pinned vulnerability snapshot, npm audit --omit=dev (no high) of the SPA and the example
lint: lint-go lint-web lint-vuln lint-audit

# The linters are Go modules pinned in tools/go.mod, a module outside go.work so that
# their dependencies never move the service's. Built once into bin/tools (Go's build
# cache makes a rebuild cheap), again when tools/go.mod changes.
TOOLS := $(CURDIR)/bin/tools
$(TOOLS)/%: tools/go.mod tools/go.sum
	cd tools && GOWORK=off $(GO) build -o $@ $$(GOWORK=off $(GO) list -f '{{.ImportPath}}' tool | grep '/$*$$')

lint-go: $(TOOLS)/golangci-lint
	$(TOOLS)/golangci-lint run ./api/... ./backend/...

lint-web: frontend/node_modules
	cd frontend && npm run --silent lint

lint-vuln: $(TOOLS)/govulncheck
	GO=$(GO) ./scripts/audit.sh go $(TOOLS)/govulncheck

lint-audit:
	./scripts/audit.sh npm frontend examples/office-sync

## audit: govulncheck against the live vuln.go.dev (not the pinned snapshot), and npm audit
audit: $(TOOLS)/govulncheck
	VULNDB_URL=https://vuln.go.dev GO=$(GO) ./scripts/audit.sh go $(TOOLS)/govulncheck
	./scripts/audit.sh npm frontend examples/office-sync

## lint-api: lint openapi.yaml with Redocly and Spectral (no error allowed)
lint-api: frontend/node_modules
	cd frontend && npm run --silent lint:api

frontend/node_modules: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch frontend/node_modules

examples/office-sync/node_modules: examples/office-sync/package-lock.json
	cd examples/office-sync && npm ci --no-audit --no-fund
	touch examples/office-sync/node_modules

web: frontend/node_modules
	cd frontend && npm run build

backend:
	$(GO) build -o bin/espace ./backend/cmd/espace

build: web backend

test-go-pg:
	ESPACE_TEST_DB=postgres $(GO) test -race -count=1 ./api/... ./backend/...

test-go-sqlite:
	ESPACE_TEST_DB=sqlite $(GO) test -race -count=1 ./backend/...

## fuzz: run each fuzz target of the request validation for FUZZTIME (seeds in testdata/fuzz run with every go test)
FUZZTIME ?= 20s
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzRequestValidation$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=3s ./backend/internal/httpapi/
	$(GO) test -run='^$$' -fuzz='^FuzzAPI$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=3s ./backend/internal/httpapi/
	$(GO) test -run='^$$' -fuzz='^FuzzReadClaims$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=3s ./backend/internal/auth/

test-web: frontend/node_modules
	cd frontend && npm test

## test-example: the integrator's example (examples/office-sync) against the real binary with the demo cast
test-example: backend examples/office-sync/node_modules
	cd examples/office-sync && ESPACE_BIN=$(CURDIR)/bin/espace npm test

e2e: build
	cd frontend && ESPACE_BIN=$(CURDIR)/bin/espace npm run e2e

## bench: activity log measurements at 10 M entries, as ratios against bare baselines (see bench/README.md)
bench:
	$(GO) run ./backend/cmd/bench-activities $(BENCH_FLAGS)

## bench-http: the request path (delegated dossier list, lot reservation, login) against bare Echo + pgx, on a scratch PostgreSQL database (see bench/README.md)
bench-http:
	$(GO) run ./backend/cmd/bench-http $(BENCH_FLAGS)

clean:
	rm -rf bin data frontend/dist
