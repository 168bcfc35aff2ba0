#!/bin/bash
# The GPU scan's check on a machine with a CUDA GPU, as one short script (the device machine is
# lent for minutes): agreement with the CPU matcher on a small gallery with many probes, then the
# exhaustive scan's rate at a million fingers. BIN: the bench binary (default build/gpu/...).
set -o pipefail
BIN=${BIN:-build/gpu/bench/openpact_gpu_scan_bench}
OUT=${OUT:-/tmp}
export OPENPACT_DATA_DIR=${OPENPACT_DATA_DIR:-$PWD/data}
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,memory.used --format=csv 2>&1 | tee "$OUT/gpu.txt"
nproc | tee -a "$OUT/gpu.txt"
"$BIN" --gallery 20000 --probes 50 --check 50 --batch 50 2>&1 | tee "$OUT/small.txt" || exit 1
"$BIN" --gallery 1000000 --probes ${PROBES:-20} --check ${CHECK:-4} --batch ${BATCH:-10} 2>&1 | tee "$OUT/million.txt"
