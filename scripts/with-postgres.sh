#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster: created, started (unix socket only, no
# TCP port), exported as OPENPACT_TEST_PG, then stopped and removed whatever the command's outcome.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (install the 'postgresql' package)" >&2
  exit 1
fi

# A short socket directory (unix socket paths are limited to 107 bytes), readable by postgres.
BASE=$(mktemp -d /tmp/openpact-pg.XXXXXX)
chmod 755 "$BASE"
PORT=54329
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$BASE"
  RUN_AS=(runuser -u postgres --)
fi

cleanup() {
  "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$BASE/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$BASE"
}
trap cleanup EXIT INT TERM

"${RUN_AS[@]}" "$PGBIN/initdb" -D "$BASE/data" -A trust -U postgres --no-sync >/dev/null
"${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$BASE/data" -l "$BASE/log" -w \
  -o "-p $PORT -k $BASE -c listen_addresses= -c fsync=off" start >/dev/null

export OPENPACT_TEST_PG="postgresql:///postgres?host=$BASE&port=$PORT&user=postgres"
export OPENPACT_REQUIRE_PG=1
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on $BASE (socket only)" >&2
set +e
"$@"
rc=$?
set -e
exit $rc
