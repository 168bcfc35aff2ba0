# OpenPact. The two set-up commands are `make run` and `make test`; both install missing
# Debian packages first (scripts/install-deps.sh) and build only what changed.
#
#   make run      build, initialise var/openpact.db with demo data, serve on 127.0.0.1:8080
#   make test     unit + PostgreSQL-backed tests, then the same under ASan+UBSan
#   make check    incremental build + the fast unit tests (SQLite only), for day-to-day work
#   make bench    build and run the benchmarks
#   make fmt      clang-format every C++ file
#   make lint     clang-tidy on C++ files changed against HEAD
#   make fuzz     run every libFuzzer target (FUZZ_SECONDS each, default 600)
#   make clock-sweep  the tests again at faked later days and hours (scripts/clock-sweep.sh)
#   make gpu      build/gpu: openpact with `fp identify --gpu` and the GPU scan bench (needs nvcc)

SHELL := /bin/bash
JOBS ?= $(shell nproc)
PORT ?= 8080
DB ?= var/openpact.db
# Each store its own audit signing key: var/audit/signing.key for the default store, DB.audit.key
# for another (scripts/demo.sh names them alike).
AUDIT_KEY ?= $(if $(filter var/openpact.db,$(DB)),var/audit/signing.key,$(DB).audit.key)
FUZZ_SECONDS ?= 600

.PHONY: deps build build-asan run test check bench fmt lint fuzz gpu clock-sweep clean

deps:
	@scripts/install-deps.sh

build/release/build.ninja: CMakeLists.txt CMakePresets.json
	@cmake --preset release >/dev/null

build/asan/build.ninja: CMakeLists.txt CMakePresets.json
	@cmake --preset asan >/dev/null

build: deps build/release/build.ninja
	@cmake --build --preset release -j $(JOBS)

build-asan: deps build/asan/build.ninja
	@cmake --build --preset asan -j $(JOBS)

run: build
	@scripts/demo.sh "$(DB)" "$(AUDIT_KEY)"
	@build/release/src/cli/openpact --db "$(DB)" --audit-key "$(AUDIT_KEY)" serve --port $(PORT)

test: build build-asan
	@scripts/with-postgres.sh bash -c '\
	  set -eo pipefail; \
	  echo "== release build: unit and PostgreSQL-backed tests =="; \
	  ctest --preset release -j $(JOBS) --output-on-failure --progress; \
	  echo "== asan build: the same tests under AddressSanitizer + UBSan =="; \
	  ctest --preset asan -j $(JOBS) --output-on-failure'

check: build/release/build.ninja
	@cmake --build --preset release -j $(JOBS)
	@ctest --preset release -j $(JOBS) -L unit --output-on-failure --progress

bench: build
	@build/release/bench/openpact_bench

# The CUDA GPU scan is optional: nvcc from the CUDA toolkit (Debian's nvidia-cuda-toolkit, or
# NVIDIA's in /usr/local/cuda); CUDA_ARCH is the GPU's compute capability (90: H100, H200).
CUDACXX ?= $(shell command -v nvcc || echo /usr/local/cuda/bin/nvcc)
CUDA_ARCH ?= 90
gpu: deps
	@test -x "$(CUDACXX)" || { echo "make gpu: nvcc not found (set CUDACXX=/path/to/nvcc)"; exit 2; }
	@cmake --preset gpu -DCMAKE_CUDA_COMPILER="$(CUDACXX)" -DCMAKE_CUDA_ARCHITECTURES=$(CUDA_ARCH) >/dev/null
	@cmake --build --preset gpu -j $(JOBS) --target openpact openpact_gpu_scan_bench

fmt:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

# The fuzz targets are compiled only in build/fuzz: linted with its compile commands when it exists.
lint: build/release/build.ninja
	@files=$$(git diff --name-only HEAD -- '*.cc' | grep -v -e '^tests/' -e '^fuzz/' || true); \
	if [ -n "$$files" ]; then clang-tidy -p build/release --quiet $$files || exit 1; else echo "lint: no changed .cc files"; fi; \
	fuzz=$$(git diff --name-only HEAD -- 'fuzz/*.cc' || true); \
	if [ -n "$$fuzz" ] && [ -f build/fuzz/compile_commands.json ]; then clang-tidy -p build/fuzz --quiet $$fuzz || exit 1; fi

build/fuzz/build.ninja: CMakeLists.txt CMakePresets.json
	@cmake --preset fuzz >/dev/null

# Each target runs FUZZ_SECONDS (default 600) from its seed corpus in fuzz/corpus/<target>/.
fuzz: deps build/fuzz/build.ninja
	@cmake --build --preset fuzz -j $(JOBS)
	@for t in $$(ls build/fuzz/fuzz/ | grep '_fuzz$$'); do \
	  mkdir -p build/fuzz/corpus/$$t; \
	  echo "== $$t for $(FUZZ_SECONDS) s =="; \
	  build/fuzz/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    build/fuzz/corpus/$$t $$( [ -d fuzz/corpus/$$t ] && echo fuzz/corpus/$$t ) || exit 1; \
	done

# The unit tests (PostgreSQL-backed cases included) and the dashboard's tests under libfaketime, at
# later days and at the hours where a day's end in UTC and in Member States' time differ.
clock-sweep: build
	@scripts/install-deps.sh libfaketime
	@scripts/with-postgres.sh scripts/clock-sweep.sh

clean:
	rm -rf build
