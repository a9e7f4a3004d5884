#!/bin/bash
# bench-growth.sh: import generated reports into one archive in chunks
# (index on, the default) and print, at each checkpoint, the time and CPU
# per report of the imports since the last one, their largest peak RSS,
# the catalog/blobs/index sizes and the query latency p50/p99
# (TestArchiveLatency in index/bleve). Chunks are generated as they are
# imported and removed afterwards (BenchmarkGrowth in ingest/growth_test.go).
#
#   scripts/bench-growth.sh [CHECKPOINTS] [CHUNK]
#
# CHECKPOINTS defaults to 10000,50000,100000, CHUNK (reports per import) to
# 5000. GONGKAI_BENCH_DIR=DIR keeps the archive in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
GONGKAI_BENCH_GROWTH=${1:-10000,50000,100000} GONGKAI_BENCH_CHUNK=${2:-5000} \
  exec go test ./ingest -run '^$' -bench '^BenchmarkGrowth$' -benchtime 1x -timeout 48h
