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
# Port 0: the server takes a free port and names it in its start-up line (no other test's server
# can hold it). Under a loaded machine (make test builds and runs two configurations) starting can
# take seconds: up to 40 s are waited, the log shown on failure.
# Started directly (not through `op`), so that $! is the server itself and the trap stops it.
"$bin" --db "$dir/o.db" --audit-key "$dir/k" serve --port 0 >"$dir/server.log" 2>&1 &
server=$!
port=""
for _ in $(seq 400); do
  port=$(sed -n 's|.*serving on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$dir/server.log")
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || { echo "FAIL: the server stopped"; cat "$dir/server.log"; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "FAIL: the server did not start within 40 s"; cat "$dir/server.log"; exit 1; }
node "$src/tests/web/dashboard_smoke.mjs" "$src/web/app.js" "http://127.0.0.1:$port" "${tokens[@]}"
