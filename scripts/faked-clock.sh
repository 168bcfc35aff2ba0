#!/bin/sh
# Runs a command with the clock starting at a given instant and ticking from there, under
# libfaketime: `make clock-sweep` runs the tests so at later days and hours, and the dashboard's
# browser test runs the demo so once the demo's case files are past their retention.
#
# Usage: scripts/faked-clock.sh "YYYY-MM-DD HH:MM:SS" COMMAND [ARG...]   (the instant in UTC)
#        scripts/faked-clock.sh --available   exit 0 when libfaketime is installed, else 1
#
# The clock is faked as a fixed offset from the real one, computed as the command starts, which
# its children inherit, so that they agree with it. The offset is measured against the real clock
# even when this runs under a faked one (the browser test, itself run at a faked later day, runs
# the demo at its own instant).
# The monotonic clock is left alone: timeouts and a server's waits keep real time. libfaketime is
# preloaded directly, not through its `faketime` wrapper: a wrapper killed with the server it ran
# left its shared memory in /dev/shm, and a later process given the same pid could not start
# ("sem_open: File exists"); an entry a killed process of this pid left is removed first.
# Environment: LIBFAKETIME (default: Debian's libfaketimeMT.so.1, package libfaketime).
set -eu
lib=${LIBFAKETIME:-$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -n 1)}
if [ "${1:-}" = --available ]; then
  [ -n "$lib" ] && [ -f "$lib" ]
  exit
fi
if [ $# -lt 2 ]; then
  echo "usage: faked-clock.sh \"YYYY-MM-DD HH:MM:SS\" COMMAND [ARG...]" >&2
  exit 2
fi
if [ -z "$lib" ] || [ ! -f "$lib" ]; then
  echo "faked-clock: libfaketime not found (${lib:-no /usr/lib/*/faketime/libfaketimeMT.so.1}; Debian package libfaketime)" >&2
  exit 2
fi
at=$(env -u LD_PRELOAD -u FAKETIME date -u -d "$1" +%s 2>/dev/null) || {
  echo "faked-clock: '$1' is not an instant (YYYY-MM-DD HH:MM:SS in UTC)" >&2
  exit 2
}
shift
offset=$((at - $(env -u LD_PRELOAD -u FAKETIME date -u +%s)))
rm -f "/dev/shm/faketime_shm_$$" "/dev/shm/sem.faketime_sem_$$"
exec env TZ=UTC LD_PRELOAD="$lib" FAKETIME="$(printf %+d "$offset")" FAKETIME_DONT_FAKE_MONOTONIC=1 "$@"
