#!/usr/bin/env bash
# Runs the tests at other days and hours: the unit tests (and, where Node or Chromium are present,
# the dashboard's two tests) under libfaketime, each run starting at a faked instant and ticking
# from there. A test that passes today and fails on a later day, or late in the evening when the
# day in UTC and in a Member State's legal time differ, or across a change of summer time, fails
# here first. `make clock-sweep` installs libfaketime and runs this under a throwaway PostgreSQL
# (scripts/with-postgres.sh), so that the PostgreSQL-backed cases run too.
#
# Usage: scripts/clock-sweep.sh [--list] [INSTANT...]
#   --list   print the instants (UTC) and run nothing
#   INSTANT  "YYYY-MM-DD HH:MM:SS" in UTC, or +N (N days from now, at the present time of day).
#            Without any: +30, +400, +1200, +1900 and +3700 days, and the next of each of these
#            in UTC: 22:30 and 23:30 tonight, 00:30 tomorrow, 31 December 23:20, 1 January 00:20,
#            the last Sundays of March and October at 00:30 and 01:30 (the changes of summer
#            time) and 29 February 23:30.
#   The browser test runs up to 1 September 2031 only: it checks the demo's case files, dated
#   2026, which the daily expiry erases once their retention ends (screening files 5 years on,
#   from September 2031), as the law says, so from that day it runs the demo and its server at a
#   faked instant of its own (tests/web/dashboard_e2e.py, DEMO_CLOCK), which the instants before
#   cover; the sweep says "not run" for it after that day. The Node dashboard test runs at every
#   instant (a fresh store of its own).
# Environment: BUILD (default build/release), JOBS (instants run at once; default nproc),
#   LIBFAKETIME (default: Debian's libfaketimeMT.so.1).
# Exit status: 0 when every run passed, 1 when one failed (its log is named), 2 for bad usage.
set -uo pipefail

cd "$(dirname "$0")/.."
list_only=0
if [ "${1:-}" = --list ]; then list_only=1; shift; fi
BUILD=${BUILD:-build/release}
JOBS=${JOBS:-$(nproc)}
UNIT="$BUILD/tests/openpact_tests"
OPENPACT="$BUILD/src/cli/openpact"

# The first of the days in DAYS (below) whose month-day is $1 (MM-DD), or that is the last Sunday of month $1 (MM).
next_day() {
  local i day md wd
  for ((i = 0; i < ${#DAYS[@]}; ++i)); do
    read -r day md wd <<<"${DAYS[i]}"
    if [ ${#1} -eq 5 ] && [ "$md" = "$1" ]; then echo "$day"; return; fi
    if [ ${#1} -eq 2 ] && [ "${md:0:2}" = "$1" ] && [ "$wd" = 7 ] && [ "${WEEK_LATER[i]}" != "$1" ]; then
      echo "$day"
      return
    fi
  done
}

instants=()
if [ $# -gt 0 ]; then
  instants=("$@")
else
  # The next 4 years' days from today (UTC): date, month-day, weekday (7: Sunday), and the month a
  # week later (another month: the last such weekday of its month). One `date` call for each list.
  mapfile -t DAYS < <(for ((i = 0; i <= 1461; ++i)); do echo "today + $i days"; done | date -u -f - '+%F %m-%d %u')
  mapfile -t WEEK_LATER < <(for ((i = 7; i <= 1468; ++i)); do echo "today + $i days"; done | date -u -f - +%m)
  for n in 30 400 1200 1900 3700; do instants+=("+$n"); done
  tomorrow=$(date -u -d 'today + 1 day' +%F)
  instants+=("$tomorrow 22:30:00" "$tomorrow 23:30:00" "$(date -u -d 'today + 2 days' +%F) 00:30:00")
  dec31=$(next_day 12-31)
  instants+=("$dec31 23:20:00" "$(date -u -d "$dec31 + 1 day" +%F) 00:20:00")
  for month in 03 10; do
    sunday=$(next_day $month)
    instants+=("$sunday 00:30:00" "$sunday 01:30:00")
  done
  instants+=("$(next_day 02-29) 23:30:00")
fi

now=$(date -u +%s)
# Every instant as "YYYY-MM-DD HH:MM:SS" (UTC), checked before anything runs.
resolved=()
for spec in "${instants[@]}"; do
  if [[ $spec =~ ^\+([0-9]{1,5})$ ]]; then
    resolved+=("$(date -u -d "@$((now + 10#${BASH_REMATCH[1]} * 86400))" '+%F %T')")
  elif [[ $spec =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9]{2}:[0-9]{2}:[0-9]{2}$ ]] && date -u -d "$spec" >/dev/null 2>&1; then
    resolved+=("$spec")
  else
    echo "clock-sweep: '$spec' is not an instant (YYYY-MM-DD HH:MM:SS in UTC, or +N days, N below 100000)" >&2
    exit 2
  fi
done
if [ $list_only -eq 1 ]; then printf '%s\n' "${resolved[@]}"; exit 0; fi
for f in "$UNIT" "$OPENPACT"; do
  [ -x "$f" ] || { echo "clock-sweep: $f not built (make build first)" >&2; exit 2; }
done
# libfaketime preloaded directly (scripts/faked-clock.sh says why not through its wrapper).
scripts/faked-clock.sh --available || {
  echo "clock-sweep: libfaketime not found (${LIBFAKETIME:-no /usr/lib/*/faketime/libfaketimeMT.so.1}; Debian package libfaketime, which make clock-sweep installs)" >&2
  exit 2
}
LOGS=$(mktemp -d /tmp/openpact-clock-sweep.XXXXXX)
# One instant: the unit tests, then the dashboard's tests, each against an openpact started at
# the same faked instant (YYYY-MM-DD HH:MM:SS, UTC). Prints one line; exit 1 when a run failed.
sweep_one() {
  local at=$1 tag log wrapper failed=0
  tag=$(echo "$at" | tr ' :' '__')
  log="$LOGS/$tag"
  # "$log.faked COMMAND..." runs COMMAND with the clock at the instant when it starts (scripts/faked-clock.sh).
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$(realpath scripts/faked-clock.sh)" "$at" >"$log.faked"
  chmod +x "$log.faked"
  local unit
  if "$log.faked" "$UNIT" --gtest_brief=1 >"$log.unit" 2>&1; then
    # gtest's summary lines "[  PASSED  ] 1304 tests." and "[  SKIPPED ] 113 tests." as "1304 passed, 113 skipped".
    unit=$(awk '/^\[ +(PASSED|SKIPPED) +\] [0-9]+ tests?\./ { printf "%s%s %s", sep, $4, tolower($2); sep = ", " }' "$log.unit")
  else
    unit="FAILED (${log}.unit: $(grep -c '^\[  FAILED  \] [A-Za-z]' "$log.unit") failed)"
    failed=1
  fi
  wrapper="$log.openpact"
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$log.faked" "$(realpath "$OPENPACT")" >"$wrapper"
  chmod +x "$wrapper"
  local web=""
  for t in smoke e2e; do
    local rc
    if [ $t = smoke ]; then
      bash tests/web/dashboard_smoke.sh "$wrapper" "$PWD" >"$log.$t" 2>&1
    elif [[ ! "$at" < "$WEB_HORIZON" ]]; then
      web+="; dashboard e2e not run (from ${WEB_HORIZON% *} it runs the demo at a faked instant of its own, whatever the clock)"
      continue
    else
      /usr/bin/python3 tests/web/dashboard_e2e.py "$wrapper" >"$log.$t" 2>&1
    fi
    rc=$?
    case $rc in
      0) web+="; dashboard $t passed" ;;
      77) web+="; dashboard $t skipped" ;;
      *) web+="; dashboard $t FAILED ($log.$t)"; failed=1 ;;
    esac
  done
  echo "$at UTC: unit tests $unit$web"
  return $failed
}
export -f sweep_one
export LOGS UNIT OPENPACT
export WEB_HORIZON="2031-09-01 00:00:00"

echo "clock-sweep: ${#resolved[@]} instants, $JOBS at a time; logs in $LOGS" >&2
printf '%s\0' "${resolved[@]}" | xargs -0 -P "$JOBS" -I{} bash -c 'sweep_one "$1"' _ {}
status=$?
if [ $status -eq 0 ]; then
  echo "clock-sweep: every run passed" >&2
  rm -rf "$LOGS"
  exit 0
fi
echo "clock-sweep: a run failed; logs kept in $LOGS" >&2
exit 1
