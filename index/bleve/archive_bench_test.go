package bleveindex

import (
	"fmt"
	"os"
	"testing"
)

// TestArchiveLatency measures the query mix (benchQueries) on the index of
// an existing archive, as the growth measurement of an import does at each
// size (scripts/bench-growth.sh runs it):
//
//	GONGKAI_BENCH_ARCHIVE=/path/to/archive go test ./index/bleve -run TestArchiveLatency -v
//
// It prints one line: documents, index size, p50, p99 and max of the warm
// latencies (30 rounds after a cold one), and the slowest cold query.
func TestArchiveLatency(t *testing.T) {
	arch := os.Getenv("GONGKAI_BENCH_ARCHIVE")
	if arch == "" {
		t.Skip("set GONGKAI_BENCH_ARCHIVE to an archive directory to measure its index")
	}
	dir := arch + "/index"
	if err := UseVocabulary(dir); err != nil {
		t.Fatal(err)
	}
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	n, err := x.Count()
	if err != nil {
		t.Fatal(err)
	}
	all, _, cold := latencies(t, x, 30)
	p50, p99, pmax := percentiles(all)
	worstCold := 0.0
	for _, c := range cold {
		worstCold = max(worstCold, c)
	}
	fmt.Printf("LATENCY docs=%d index_mb=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f cold_max_ms=%.1f\n",
		n, float64(dirSize(dir))/1e6, p50, p99, pmax, worstCold)
}
