#!/usr/bin/env bash
# Known vulnerabilities in what ships, for `make lint`:
#   scripts/audit.sh go GOVULNCHECK      govulncheck on each module: api/ and backend/
#   scripts/audit.sh npm DIR...          npm audit --omit=dev --audit-level=high in each DIR
# A finding fails. A vulnerability database that cannot be reached is said
# plainly and skipped, rather than failing a machine that has no way to it.
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
# The Go vulnerability database as published on the module proxy, pinned.
# Bump it with tools/go.mod's linters, and tools/govulncheck-accepted.txt
# with it.
VULNDB_MODULE=golang.org/x/vulndb@v0.0.0-20261105234957-e22db6528018

skip() { printf 'IGNORÉ : %s\n' "$*" >&2; }

go_audit() {
  # The pinned snapshot by default, so that the same commit gives the same
  # answer on every machine and day; VULNDB_URL=https://vuln.go.dev asks the
  # live database instead (make audit).
  local govulncheck=$1 db=${VULNDB_URL:-}
  if [ -z "$db" ]; then
    # The module's data/osv holds one OSV file per entry, a layout govulncheck
    # reads from a file:// URL.
    local dir
    if dir=$(cd tools && GOWORK=off GOFLAGS=-mod=mod "$GO" mod download -json "$VULNDB_MODULE" 2>/dev/null |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') && [ -d "$dir/data/osv" ]; then
      echo "govulncheck : base $VULNDB_MODULE du proxy de modules"
      db="file://$dir/data/osv"
    else
      skip "govulncheck : $VULNDB_MODULE n'est pas joignable"
      return 0
    fi
  fi
  # govulncheck wants a module directory: each module of go.work in turn. It
  # exits 3 when the code calls a vulnerable function; a vulnerability listed
  # in tools/govulncheck-accepted.txt, with its reason, is shown, not failed.
  local mod out status ids id fail=0
  for mod in api backend; do
    echo "govulncheck ($mod)"
    status=0
    out=$("$govulncheck" -db "$db" -C "$mod" ./... 2>&1) || status=$?
    if [ "$status" = 0 ]; then
      echo "$out" | tail -n 1
      continue
    fi
    ids=$(echo "$out" | sed -n 's/^Vulnerability #[0-9]*: \(GO-[0-9]*-[0-9]*\)$/\1/p')
    if [ "$status" != 3 ] || [ -z "$ids" ]; then
      echo "$out" >&2
      return 1
    fi
    for id in $ids; do
      if grep -q "^$id " tools/govulncheck-accepted.txt; then
        echo "  accepté : $(grep "^$id " tools/govulncheck-accepted.txt)"
      else
        echo "$out" | sed -n "/^Vulnerability #[0-9]*: $id\$/,/Fixed in/p" >&2
        fail=1
      fi
    done
  done
  return $fail
}

npm_audit() {
  local dir out
  for dir in "$@"; do
    # npm audit exits 1 both on a finding and on an unreachable endpoint: the
    # JSON report tells them apart.
    out=$(cd "$dir" && npm audit --omit=dev --audit-level=high --json 2>/dev/null || true)
    if ! node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); process.exit(r.auditReportVersion ? 0 : 1)' <<<"$out" 2>/dev/null; then
      skip "npm audit ($dir) : le registre ne répond pas à l'audit ($(node -e 'try { const r = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(r.message || r.error?.summary || "réponse illisible") } catch { console.log("réponse illisible") }' <<<"$out"))"
      continue
    fi
    echo "npm audit ($dir)"
    (cd "$dir" && npm audit --omit=dev --audit-level=high)
  done
}

case ${1:-} in
  go) go_audit "$2" ;;
  npm) shift; npm_audit "$@" ;;
  *) echo "usage: $0 go GOVULNCHECK | npm DIR..." >&2; exit 2 ;;
esac
