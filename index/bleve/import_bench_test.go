package bleveindex

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"gongkai/corpus"
)

// BenchmarkImportIndex measures what an import spends on the index: the
// reports of an archive's catalog (GONGKAI_BENCH_ARCHIVE, e.g. one
// imported with --no-index; GONGKAI_BENCH_N limits their number) are
// indexed into a new index as `gongkai import` feeds it (Index calls of
// 200 reports, the import's catalog batch, then Finish). Beside ns/op it
// reports the process's CPU time per op (cpu-s/op: user+system, the
// analysis workers, merges and garbage collection included), which a
// loaded machine distorts less than wall-clock time, and the index size:
//
//	GONGKAI_BENCH_ARCHIVE=/tmp/a go test ./index/bleve -run '^$' -bench ImportIndex -benchtime 1x -count 5
func BenchmarkImportIndex(b *testing.B) {
	arch := os.Getenv("GONGKAI_BENCH_ARCHIVE")
	if arch == "" {
		b.Skip("set GONGKAI_BENCH_ARCHIVE to an archive directory whose reports to index")
	}
	n, _ := strconv.Atoi(os.Getenv("GONGKAI_BENCH_N"))
	st, err := corpus.Open(arch)
	if err != nil {
		b.Fatal(err)
	}
	var reports []*corpus.Report
	err = st.EachReport(context.Background(), func(r *corpus.Report, _ bool) error {
		if n <= 0 || len(reports) < n {
			reports = append(reports, r)
		}
		return nil
	})
	st.Close()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	var cpu, size, merged, segs float64
	for i := 0; i < b.N; i++ {
		dir := filepath.Join(b.TempDir(), "index")
		cpu0 := cpuTime()
		x, err := Open(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for j := 0; j < len(reports); j += 200 {
			if err := x.Index(ctx, reports[j:min(j+200, len(reports))]); err != nil {
				b.Fatal(err)
			}
		}
		if err := x.Finish(ctx); err != nil {
			b.Fatal(err)
		}
		for _, sh := range x.shards {
			adv, _ := sh.Advanced()
			if sc, ok := adv.(*scorch.Scorch); ok {
				st := sc.StatsMap()
				merged += float64(st["TotFileMergeWrittenBytes"].(uint64)) / 1e6
				segs += float64(st["TotFileMergeSegments"].(uint64))
			}
		}
		if err := x.Close(); err != nil {
			b.Fatal(err)
		}
		cpu += (cpuTime() - cpu0).Seconds()
		size += float64(dirSize(dir)) / 1e6
		os.RemoveAll(dir)
	}
	b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
	b.ReportMetric(size/float64(b.N), "index-MB")
	b.ReportMetric(float64(len(reports)), "reports")
	b.ReportMetric(merged/float64(b.N), "merged-MB")
	b.ReportMetric(segs/float64(b.N), "merged-segs")
}
