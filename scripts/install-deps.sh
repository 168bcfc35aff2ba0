#!/usr/bin/env bash
# Installs the Debian 12 packages OpenPact needs to build, test and run.
# Idempotent: packages already present are left alone (no upgrades); only missing
# ones are installed. Needs root (or sudo) the first time; a no-op afterwards.
# Usage: scripts/install-deps.sh [PACKAGE...]   (packages a make target needs besides these, such
# as `make clock-sweep`'s libfaketime)
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config make
  clang-14 libclang-rt-14-dev          # asan/ubsan preset and libFuzzer targets
  # libraries
  libsqlite3-dev                       # embedded store
  libpq-dev postgresql                 # production store + throwaway test cluster
  nlohmann-json3-dev                   # JSON documents
  libsimdjson-dev                      # fast parsing of case documents (batch decisions)
  libcli11-dev                         # command line
  libspdlog-dev libfmt-dev             # logging (g++ 12 has no <format>)
  libcpp-httplib-dev                   # HTTP server/client
  libssl-dev                           # required by cpp-httplib's pkg-config flags
  libsodium-dev                        # BLAKE2b token hashes, Ed25519 audit checkpoints
  libgtest-dev libgmock-dev            # unit tests
  libbenchmark-dev                     # bench/
  "$@"
)
# Wanted by one test only (the dashboard in a real browser, tests/web/dashboard_e2e.py; libfaketime
# from 1 September 2031, when it runs the demo at a faked instant): installed when the archive
# offers them; if not, that test reports itself skipped and nothing else depends on them.
OPTIONAL=(chromium python3-websocket libfaketime)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for p in "${PACKAGES[@]}"; do
  installed "$p" || missing+=("$p")
done
optional_missing=()
for p in "${OPTIONAL[@]}"; do
  installed "$p" || optional_missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ] && [ ${#optional_missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  $SUDO apt-get install -y -qq --no-install-recommends --no-upgrade \
    -o DPkg::Lock::Timeout=300 "${missing[@]}"
fi
if [ ${#optional_missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${optional_missing[*]} (for the browser test only)" >&2
  $SUDO apt-get install -y -qq --no-install-recommends --no-upgrade \
    -o DPkg::Lock::Timeout=300 "${optional_missing[@]}" ||
    echo "install-deps: warning: ${optional_missing[*]} not installed; the browser test will be skipped" >&2
fi
