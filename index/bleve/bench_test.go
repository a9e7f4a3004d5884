package bleveindex

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/index"
)

// benchQueries is the query mix: terms, phrases, filtered and faceted.
var benchQueries = []index.Request{
	{Query: "行政复议"},
	{Query: "条例"},
	{Query: "营商环境 政务新媒体"},
	{Query: `"依申请公开"`},
	{Query: `"政府信息公开工作"`},
	{Query: "信息公开", YearFrom: 2019, YearTo: 2023, Level: "county"},
	{Query: "+year:>=2020 apply_denied_total:>5", Sort: "-apply_denied_total"},
	{Query: "行政复议", Facets: []string{"year", "province", "level"}},
	{Query: `"依申请公开"`, Region: "福建省", Facets: []string{"year", "county", "template", "failed"}},
	{Query: "", FailedChecks: true, Facets: []string{"year", "level"}, Sort: "-year"},
}

// TestBenchmarkTable indexes GONGKAI_BENCH_N synthetic reports (default
// 2000) with the hybrid analysis and with bleve's cjk analyzer, and prints
// indexing speed, size after force-merge and query latency:
//
//	GONGKAI_BENCH=1 GONGKAI_BENCH_N=20000 go test -run TestBenchmarkTable -v -timeout 2h ./index/bleve
func TestBenchmarkTable(t *testing.T) {
	if os.Getenv("GONGKAI_BENCH") == "" {
		t.Skip("set GONGKAI_BENCH=1 (and GONGKAI_BENCH_N) to run the indexing benchmark")
	}
	n, _ := strconv.Atoi(os.Getenv("GONGKAI_BENCH_N"))
	if n <= 0 {
		n = 2000
	}
	reports := synthReports(11, n) // generation is not timed
	var b strings.Builder
	fmt.Fprintf(&b, "%-7s %7s %9s %10s %9s %9s %9s\n", "mode", "reports", "index/s", "size MB", "p50 ms", "p99 ms", "max ms")
	for _, mode := range []string{ModeHybrid, ModeCJK} {
		dir := filepath.Join(t.TempDir(), "index")
		x, err := Open(dir, Options{Analysis: mode})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		start := time.Now()
		for i := 0; i < len(reports); i += 500 {
			if err := x.index(ctx, reports[i:min(i+500, len(reports))], false); err != nil {
				t.Fatal(err)
			}
		}
		if err := x.ForceMerge(ctx); err != nil {
			t.Fatal(err)
		}
		rate := float64(len(reports)) / time.Since(start).Seconds()
		size := dirSize(dir)
		p50, p99, pmax := latencies(t, x, 20)
		x.Close()
		fmt.Fprintf(&b, "%-7s %7d %9.0f %10.1f %9.1f %9.1f %9.1f\n", mode, len(reports), rate, float64(size)/1e6, p50, p99, pmax)
	}
	t.Log("\n" + b.String())
}

// latencies runs the query mix rounds times (after one warm-up round) and
// returns p50, p99 and max in milliseconds.
func latencies(t *testing.T, x *Index, rounds int) (p50, p99, pmax float64) {
	var ds []float64
	for r := 0; r <= rounds; r++ {
		for _, q := range benchQueries {
			start := time.Now()
			if _, err := x.Search(context.Background(), q); err != nil {
				t.Fatal(err)
			}
			if r > 0 {
				ds = append(ds, float64(time.Since(start).Microseconds())/1000)
			}
		}
	}
	sort.Float64s(ds)
	return ds[len(ds)/2], ds[len(ds)*99/100], ds[len(ds)-1]
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// BenchmarkSearch measures the query mix on the 206-report fixture.
func BenchmarkSearch(b *testing.B) {
	x, _ := buildFixture(b, Options{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.Search(context.Background(), benchQueries[i%len(benchQueries)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndex measures indexing (100 reports per call).
func BenchmarkIndex(b *testing.B) {
	reports := synthReports(3, 100)
	x, err := Open(filepath.Join(b.TempDir(), "index"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := x.Index(context.Background(), reports); err != nil {
			b.Fatal(err)
		}
	}
}
