package bleveindex

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"gongkai/corpus"
	"gongkai/index"
)

// benchQuery is one query of the benchmark mix with its type.
type benchQuery struct {
	kind string // term, phrase, filtered, faceted
	req  index.Request
}

// benchKinds are the query types, in table order.
var benchKinds = []string{"term", "phrase", "filtered", "faceted", "mixed"}

// benchQueries is the query mix: terms, phrases, filtered and faceted.
var benchQueries = []benchQuery{
	{"term", index.Request{Query: "行政复议"}},
	{"term", index.Request{Query: "条例"}},
	{"term", index.Request{Query: "营商环境 政务新媒体"}},
	{"term", index.Request{Query: "政府信息公开条例"}},
	{"term", index.Request{Query: "息公"}},
	{"phrase", index.Request{Query: `"依申请公开"`}},
	{"phrase", index.Request{Query: `"政府信息公开工作"`}},
	{"phrase", index.Request{Query: `"公开条例"`}},
	{"phrase", index.Request{Query: `"行政复议案件"`}},
	{"filtered", index.Request{Query: "信息公开", YearFrom: 2019, YearTo: 2023, Level: "county"}},
	{"filtered", index.Request{Query: "+year:>=2020 apply_denied_total:>5", Sort: "-apply_denied_total"}},
	{"filtered", index.Request{Query: `"政府信息公开工作"`, Region: "福建省", Sort: "-year"}},
	{"faceted", index.Request{Query: "行政复议", Facets: []string{"year", "province", "level"}}},
	{"faceted", index.Request{Query: `"依申请公开"`, Region: "福建省", Facets: []string{"year", "county", "template", "failed"}}},
	{"faceted", index.Request{Query: "", FailedChecks: true, Facets: []string{"year", "level"}, Sort: "-year"}},
	{"faceted", index.Request{Query: "", Facets: []string{"year", "province", "level", "template", "office"}}},
	// Strings with a lone Han character at an edge (the bigram phrase is
	// widened there): not in the first round's mix, so outside "all".
	{"mixed", index.Request{Query: "2020年"}},
	{"mixed", index.Request{Query: "12号"}},
	{"mixed", index.Request{Query: "岚综管办〔2018〕12号"}},
	{"mixed", index.Request{Query: "LED 12345", Facets: []string{"year"}}},
}

// TestBenchmarkTable indexes GONGKAI_BENCH_N synthetic reports (default
// 2000) with the hybrid analysis and with bleve's cjk analyzer, and prints
// indexing speed, size after force-merge and query latency, for the whole
// mix and per query type (cold: the first run of each query after Open):
//
//	GONGKAI_BENCH=1 GONGKAI_BENCH_N=20000 go test -run TestBenchmarkTable -v -timeout 2h ./index/bleve
//
// With GONGKAI_BENCH_DIR the indexes are kept in that directory and
// reused by later runs with the same N (their indexing rate is then not
// measured); GONGKAI_BENCH_MODES (comma-separated) limits the modes.
func TestBenchmarkTable(t *testing.T) {
	if os.Getenv("GONGKAI_BENCH") == "" {
		t.Skip("set GONGKAI_BENCH=1 (and GONGKAI_BENCH_N) to run the indexing benchmark")
	}
	n, _ := strconv.Atoi(os.Getenv("GONGKAI_BENCH_N"))
	if n <= 0 {
		n = 2000
	}
	modes := []string{ModeHybrid, ModeCJK}
	if m := os.Getenv("GONGKAI_BENCH_MODES"); m != "" {
		modes = strings.Split(m, ",")
	}
	var reports []*corpus.Report
	var b, kinds strings.Builder
	fmt.Fprintf(&b, "%-7s %7s %9s %10s %9s %9s %9s\n", "mode", "reports", "index/s", "size MB", "p50 ms", "p99 ms", "max ms")
	fmt.Fprintf(&kinds, "%-7s %-9s %9s %9s %9s %9s\n", "mode", "type", "p50 ms", "p99 ms", "max ms", "cold ms")
	for _, mode := range modes {
		dir := filepath.Join(t.TempDir(), "index")
		if keep := os.Getenv("GONGKAI_BENCH_DIR"); keep != "" {
			dir = filepath.Join(keep, fmt.Sprintf("%s-%d", mode, n))
		}
		rate := math.NaN()
		if !Exists(dir) {
			if reports == nil {
				reports = synthReports(11, n) // generation is not timed
			}
			var err error
			if rate, err = benchIndex(dir, mode, reports); err != nil {
				t.Fatal(err)
			}
		}
		x, err := Open(dir, Options{Analysis: mode})
		if err != nil {
			t.Fatal(err)
		}
		all, byKind, cold := latencies(t, x, 30)
		x.Close()
		p50, p99, pmax := percentiles(all)
		fmt.Fprintf(&b, "%-7s %7d %9.0f %10.1f %9.1f %9.1f %9.1f\n", mode, n, rate, float64(dirSize(dir))/1e6, p50, p99, pmax)
		for _, k := range benchKinds {
			p50, p99, pmax := percentiles(byKind[k])
			fmt.Fprintf(&kinds, "%-7s %-9s %9.1f %9.1f %9.1f %9.1f\n", mode, k, p50, p99, pmax, cold[k])
		}
	}
	t.Log("\n" + b.String() + "\n" + kinds.String())
}

// benchIndex indexes reports into a new index in dir, compacts it and
// returns the rate in reports per second.
func benchIndex(dir, mode string, reports []*corpus.Report) (float64, error) {
	x, err := Open(dir, Options{Analysis: mode})
	if err != nil {
		return 0, err
	}
	defer x.Close()
	ctx := context.Background()
	start := time.Now()
	for i := 0; i < len(reports); i += 500 {
		if err := x.index(ctx, reports[i:min(i+500, len(reports))], false); err != nil {
			return 0, err
		}
	}
	if err := x.ForceMerge(ctx); err != nil {
		return 0, err
	}
	return float64(len(reports)) / time.Since(start).Seconds(), x.Close()
}

// latencies runs the query mix rounds times after one cold round and
// returns the warm latencies in milliseconds, all and per query type, and
// the slowest cold latency per type.
func latencies(t *testing.T, x *Index, rounds int) (all []float64, byKind map[string][]float64, cold map[string]float64) {
	byKind, cold = map[string][]float64{}, map[string]float64{}
	for r := 0; r <= rounds; r++ {
		for _, q := range benchQueries {
			start := time.Now()
			if _, err := x.Search(context.Background(), q.req); err != nil {
				t.Fatal(err)
			}
			d := float64(time.Since(start).Microseconds()) / 1000
			if r == 0 {
				cold[q.kind] = max(cold[q.kind], d)
				continue
			}
			if q.kind != "mixed" {
				all = append(all, d)
			}
			byKind[q.kind] = append(byKind[q.kind], d)
		}
	}
	return all, byKind, cold
}

// percentiles returns p50, p99 and max of ds (sorted in place).
func percentiles(ds []float64) (p50, p99, pmax float64) {
	if len(ds) == 0 {
		return math.NaN(), math.NaN(), math.NaN()
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
		if _, err := x.Search(context.Background(), benchQueries[i%len(benchQueries)].req); err != nil {
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

// BenchmarkSnippets measures the snippets of one hit (a synthetic report's
// body, about the size of a real one) for a common word and a phrase.
func BenchmarkSnippets(b *testing.B) {
	body := index.Text(synthReports(5, 1)[0]).Body
	terms := []string{"行政复议", "政府信息公开工作"}
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		index.Snippets(body, terms, maxSnippets)
	}
}

// openQueryBenchIndex opens the index of the query benchmarks:
// GONGKAI_BENCH_N generated reports (default 2000), built on first use
// and kept in GONGKAI_BENCH_DIR when it is set. It is closed with b.
func openQueryBenchIndex(b *testing.B) *Index {
	n, _ := strconv.Atoi(os.Getenv("GONGKAI_BENCH_N"))
	if n <= 0 {
		n = 2000
	}
	dir := filepath.Join(b.TempDir(), "index")
	if keep := os.Getenv("GONGKAI_BENCH_DIR"); keep != "" {
		dir = filepath.Join(keep, fmt.Sprintf("%s-%d", ModeHybrid, n))
	}
	if !Exists(dir) {
		if _, err := benchIndex(dir, ModeHybrid, synthReports(11, n)); err != nil {
			b.Fatal(err)
		}
	}
	x, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { x.Close() })
	return x
}

// BenchmarkQueryMix runs the benchmark mix on GONGKAI_BENCH_N synthetic
// reports (default 2000), indexed as TestBenchmarkTable does; with
// GONGKAI_BENCH_DIR the index is kept and reused. Sub-benchmark "all"
// runs the queries of TestBenchmarkTable's "all" round-robin and reports,
// beside ns/op, the process's CPU time per query (cpu-ms/op: user+system,
// garbage collection included), which a loaded machine distorts less than
// wall-clock time; the others run one query each (cpu-ms/op too). For CPU profiles of the
// query phase (one warm-up round of the mix runs before):
//
//	GONGKAI_BENCH_DIR=/tmp/gk-bench go test ./index/bleve -run '^$' -bench QueryMix -cpuprofile cpu.out
func BenchmarkQueryMix(b *testing.B) {
	x := openQueryBenchIndex(b)
	ctx := context.Background()
	var mix []index.Request
	for _, q := range benchQueries {
		if _, err := x.Search(ctx, q.req); err != nil { // warm-up: dictionaries, caches
			b.Fatal(err)
		}
		if q.kind != "mixed" {
			mix = append(mix, q.req)
		}
	}
	b.Run("all", func(b *testing.B) {
		cpu0 := cpuTime()
		for j := 0; j < b.N; j++ {
			if _, err := x.Search(ctx, mix[j%len(mix)]); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
	})
	for i, q := range benchQueries {
		b.Run(fmt.Sprintf("%02d-%s", i, q.kind), func(b *testing.B) {
			cpu0 := cpuTime()
			for j := 0; j < b.N; j++ {
				if _, err := x.Search(ctx, q.req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time (user+system) the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
