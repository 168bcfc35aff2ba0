#!/usr/bin/env bash
# Runs the dashboard's views (web/app.js) in Node against a real server: a fresh store, a token
# for each role the views need, `openpact serve` on a free port. The page's DOM is a minimal stand-in
# (dashboard_smoke.mjs), so this checks the script's calls and what it writes, not a browser's
# rendering. Skipped (77) where Node is not installed: it is not one of the build's dependencies.
# Usage: dashboard_smoke.sh OPENPACT_BINARY SOURCE_DIR
set -euo pipefail
bin="$1"; src="$2"
command -v node >/dev/null 2>&1 || { echo "node not installed: skipped"; exit 77; }
dir=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
op() { "$bin" --db "$dir/o.db" --audit-key "$dir/k" "$@"; }
op init >/dev/null
tokens=()
for role in asylum_caseworker analyst registry_operator auditor; do
  t=$(op --json token create --role "$role" --name "dashboard-smoke-$role" | sed -n 's/.*"token": *"\(opk_[0-9a-f]*\)".*/\1/p')
  [ -n "$t" ] || { echo "no token for $role"; exit 1; }
  tokens+=("$role=$t")
done
# A random port may be held by another test's server (ctest runs tests in parallel): the server
# then exits at once, and another port is tried. Under a loaded machine (make test builds and runs
# two configurations) starting can take seconds: up to 40 s are waited, the log shown on failure.
started=""
for attempt in 1 2 3 4 5; do
  port=$(( 20000 + RANDOM % 20000 ))
  # Started directly (not through `op`), so that $! is the server itself and the trap stops it.
  "$bin" --db "$dir/o.db" --audit-key "$dir/k" serve --port "$port" >"$dir/server.log" 2>&1 &
  server=$!
  for _ in $(seq 400); do
    if grep -q "serving on" "$dir/server.log"; then started=1; break; fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$started" ] && break
  if kill -0 "$server" 2>/dev/null; then
    echo "FAIL: the server did not start within 40 s"; cat "$dir/server.log"; exit 1
  fi
  wait "$server" 2>/dev/null || true
  server=""
  grep -q "cannot listen" "$dir/server.log" || { echo "FAIL: the server stopped"; cat "$dir/server.log"; exit 1; }
done
[ -n "$started" ] || { echo "FAIL: no free port in 5 tries"; cat "$dir/server.log"; exit 1; }
node "$src/tests/web/dashboard_smoke.mjs" "$src/web/app.js" "http://127.0.0.1:$port" "${tokens[@]}"
