#!/bin/bash
# bench-growth.sh: import a large generated input in steps into one archive
# (index on, the default) and measure, at each checkpoint, the time and CPU
# per report of the step, peak RSS, catalog/blobs/index size and query
# latency (TestArchiveLatency in index/bleve).
#
#   scripts/bench-growth.sh GONGKAI_BIN INPUT_DIR WORK_DIR 10000,50000,100000
#
# INPUT_DIR holds the generated files (e.g. from synth.WriteArchive); the
# steps are hard-linked subsets of it (files in name order). Output: one
# line per checkpoint on stdout, details in WORK_DIR/growth.log.
set -euo pipefail
bin=$1 in=$2 work=$3 points=$4
mkdir -p "$work"
arch=$work/archive
log=$work/growth.log
here=$(cd "$(dirname "$0")/.." && pwd)
(cd "$here" && go test -c -o "$work/bleve.test" ./index/bleve)
prev=0
IFS=, read -ra cps <<< "$points"
printf "%8s %9s %9s %9s %9s %9s %10s %9s %9s %9s %6s\n" reports step_s ms/rep cpu_ms/rep rss_MB catalogMB blobsMB indexMB p50_ms p99_ms load
for cp in "${cps[@]}"; do
  mapfile -t files < <(ls "$in" | sort)
  step=$work/step-$cp
  rm -rf "$step"; mkdir -p "$step"
  for ((i = prev; i < cp && i < ${#files[@]}; i++)); do ln "$in/${files[$i]}" "$step/"; done
  n=$((i - prev))
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S %M" -o "$work/time-$cp" "$bin" import --archive "$arch" --quiet "$step" >>"$log" 2>&1 || true
  end=$(date +%s.%N)
  read -r u s m < <(tail -1 "$work/time-$cp")
  lat=$(GONGKAI_BENCH_ARCHIVE=$arch "$work/bleve.test" -test.run TestArchiveLatency 2>&1 | grep LATENCY || echo "LATENCY p50_ms=? p99_ms=?")
  p50=$(sed -n 's/.*p50_ms=\([^ ]*\).*/\1/p' <<< "$lat")
  p99=$(sed -n 's/.*p99_ms=\([^ ]*\).*/\1/p' <<< "$lat")
  mb() { du -sm "$1" 2>/dev/null | cut -f1; }
  printf "%8d %9.0f %9.1f %9.1f %9.0f %9s %10s %9s %9s %9s %6s\n" "$cp" "$(echo "$end - $start" | bc)" \
    "$(echo "($end - $start) * 1000 / $n" | bc -l)" "$(echo "($u + $s) * 1000 / $n" | bc -l)" "$(echo "$m / 1024" | bc -l)" \
    "$(mb "$arch/catalog.db")" "$(mb "$arch/blobs")" "$(mb "$arch/index")" "$p50" "$p99" "$(cut -d' ' -f1 /proc/loadavg)"
  echo "$cp: $lat" >>"$log"
  rm -rf "$step"
  prev=$cp
done
