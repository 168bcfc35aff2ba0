#!/bin/bash
# The GPU scan's checks on a machine with a CUDA GPU, as one short script (such machines are lent
# for minutes): the bench's searches compared with the CPU's, candidate by candidate, on a small
# gallery with many probes, at a million single fingers and at 100,000 ten-print records; then
# `openpact fp identify --gpu` against the CPU on a synthetic folder. Figures go to $OUT.
#   BIN_DIR  where openpact and openpact_gpu_scan_bench are (default: build/gpu/...)
#   LIB_DIR  extra shared libraries for openpact, when the machine lacks them
set -o pipefail
OUT=${OUT:-/tmp}
BENCH=${BIN_DIR:+$BIN_DIR/openpact_gpu_scan_bench}; BENCH=${BENCH:-build/gpu/bench/openpact_gpu_scan_bench}
OPENPACT=${BIN_DIR:+$BIN_DIR/openpact}; OPENPACT=${OPENPACT:-build/gpu/src/cli/openpact}
[ -n "$LIB_DIR" ] && export LD_LIBRARY_PATH=$LIB_DIR
export OPENPACT_DATA_DIR=${OPENPACT_DATA_DIR:-$PWD/data}
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv 2>&1 | tee "$OUT/gpu.txt"
"$BENCH" --gallery 20000 --probes 50 --check 50 --batch 50 2>&1 | tee "$OUT/small.txt" || exit 1
"$BENCH" --gallery 1000000 --probes ${PROBES:-100} --check ${CHECK:-4} --batch 25 2>&1 | tee "$OUT/million.txt" || exit 1
"$BENCH" --gallery 1000000 --fingers 10 --probes 20 --check 2 --batch 10 2>&1 | tee "$OUT/tenprint.txt" || exit 1
syn=$(mktemp -d)
"$OPENPACT" synth fingerprints --fingers 3000 --impressions 2 --out "$syn" --seed 5 >/dev/null || exit 1
for p in 7_1 2500_2; do
  "$OPENPACT" --json fp identify --gallery "$syn" --probe "$syn/$p.iso" --top 5 > "$OUT/cpu_$p.json" || exit 1
  TIMEFORMAT="fp identify --gpu $p: %R s for the whole command (reading and preparing 5,999 templates included)"
  time "$OPENPACT" --json fp identify --gallery "$syn" --probe "$syn/$p.iso" --top 5 --gpu > "$OUT/gpu_$p.json" || exit 1
  grep -v '"scan"' "$OUT/gpu_$p.json" | sed 's/"threshold_applies_to": "search_score",/"threshold_applies_to": "search_score"/' > /tmp/g.json
  sed 's/"threshold_applies_to": "search_score",/"threshold_applies_to": "search_score"/' "$OUT/cpu_$p.json" > /tmp/c.json
  if cmp -s /tmp/g.json /tmp/c.json; then echo "fp identify --gpu $p: the same JSON as the CPU's (scan: $(grep -o '"scan": "[a-z]*"' "$OUT/gpu_$p.json"))"; else echo "fp identify --gpu $p: DIFFERS"; diff /tmp/c.json /tmp/g.json | head; fi
done
