package sphinx_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/index"
	bleveindex "gongkai/index/bleve"
	"gongkai/index/indextest"
	"gongkai/index/sphinx"
	"gongkai/index/sphinx/sphinxtest"
)

// TestScale measures indexing rate and query latency of the bleve backend
// and of Sphinx with one and with three nodes, in one run on one machine,
// over GONGKAI_SCALE generated reports (skipped when unset):
//
//	GONGKAI_SCALE=100000 go test ./index/sphinx -run TestScale -v -timeout 300m
//
// The reports are generated in batches of scaleBatch as each backend is
// fed (indextest.Range), never held all at once: the test's memory stays
// that of a batch, the backends' own and an id → number map (the peak RSS
// of the test process is printed). Snippet text is generated again for
// the hits that need it. All searchd processes run on this machine, so the
// figures show the overheads of the engine and of distribution, not a
// cluster's speed-up.
func TestScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("GONGKAI_SCALE"))
	if n <= 0 {
		t.Skip("set GONGKAI_SCALE=N (reports) to measure")
	}
	sphinxtest.Searchd(t)
	ctx := context.Background()
	number := make(map[string]int, n) // report id → its number, for snippet text
	textOf := func(_ context.Context, ids []string) (map[string]string, error) {
		out := map[string]string{}
		for _, id := range ids {
			if i, ok := number[id]; ok {
				out[id] = index.Text(indextest.Range(i, i+1)[0]).Body
			}
		}
		return out, nil
	}

	type row struct {
		name          string
		rate          float64
		p50, p99, max time.Duration
		load, rss     string
		heap          uint64
	}
	var rows []row
	measure := func(name string, open func() (index.Backend, func(context.Context) error, func())) {
		load0 := loadavg()
		x, finish, stop := open()
		defer stop()
		defer x.Close()
		var gen time.Duration
		t0 := time.Now()
		for i := 0; i < n; i += scaleBatch {
			g0 := time.Now()
			batch := indextest.Range(i, min(i+scaleBatch, n))
			gen += time.Since(g0)
			for j, r := range batch {
				number[r.ID] = i + j
			}
			if err := x.Index(ctx, batch); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if i%(20*scaleBatch) == 0 && i > 0 {
				t.Logf("%s: %d reports fed, %.0f reports/s", name, i, float64(i)/(time.Since(t0)-gen).Seconds())
			}
		}
		if err := finish(ctx); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// The rate leaves out the generation of the reports.
		rate := float64(n) / (time.Since(t0) - gen).Seconds()
		heap := heapInUse()
		p50, p99, max := latencies(t, x)
		rows = append(rows, row{name, rate, p50, p99, max, load0 + " → " + loadavg(), peakRSS(), heap})
		t.Logf("%s: %.0f reports/s (generation %s apart), p50 %s, p99 %s", name, rate, gen.Round(time.Second), p50, p99)
	}
	measure("bleve", func() (index.Backend, func(context.Context) error, func()) {
		x, err := bleveindex.Open(filepath.Join(t.TempDir(), "index"), bleveindex.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return x, x.Finish, func() {}
	})
	for _, nodes := range []int{1, 3} {
		measure(fmt.Sprintf("sphinx %d node(s)", nodes), func() (index.Backend, func(context.Context) error, func()) {
			cl := sphinxtest.Start(t, nodes)
			x, err := sphinx.Open(ctx, cl.URL, sphinx.Options{Text: textOf, Timeout: 5 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			return x, x.Finish, func() { // free the nodes' memory before the next set-up
				for i := range cl.Nodes {
					cl.Stop(i)
				}
			}
		})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%d reports, %d queries × %d rounds per backend\n", n, len(scaleQueries), scaleRounds)
	fmt.Fprintf(&b, "| backend | indexing (reports/s) | × bleve | query p50 | query p99 | max | load average (start → end) | test peak RSS | test heap after feeding |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %.0f | %.2f | %s | %s | %s | %s | %s | %d MiB |\n", r.name, r.rate, r.rate/rows[0].rate,
			r.p50.Round(100*time.Microsecond), r.p99.Round(100*time.Microsecond), r.max.Round(time.Millisecond), r.load, r.rss, r.heap>>20)
	}
	t.Log(b.String())
}

// scaleBatch is the number of reports generated and fed at a time.
const scaleBatch = 500

// scaleQueries is the query mix: exact strings, words, filters with
// facets, numeric ranges with a field sort, paging.
var scaleQueries = []index.Request{
	{Query: `"依申请公开"`, Facets: []string{"year", "province", "level"}},
	{Query: "行政复议", YearFrom: 2020},
	{Query: `"政府信息公开工作年度报告"`, Sort: "-year"},
	{Query: "营商环境 政务新媒体", Facets: []string{"level"}},
	{Query: "apply_denied_total:>10", Sort: "-apply_denied_total"},
	{Query: `+"行政诉讼" -"行政复议"`},
	{Level: "county", YearFrom: 2019, YearTo: 2021, Sort: "-year", Facets: []string{"year"}},
	{Query: `"公开条例"`, Offset: 50, Limit: 20},
	{Query: "条例", Facets: []string{"template", "failed"}},
	{Region: "9901", Sort: "year"},
}

const scaleRounds = 20

// latencies runs the query mix (after one warm-up round) and returns the
// 50th and 99th percentiles and the maximum.
func latencies(t *testing.T, x index.Backend) (p50, p99, max time.Duration) {
	ctx := context.Background()
	var ds []time.Duration
	slowest, slowQ := time.Duration(0), 0
	for round := -1; round < scaleRounds; round++ {
		for i, q := range scaleQueries {
			t0 := time.Now()
			if _, err := x.Search(ctx, q); err != nil {
				t.Fatalf("search %+v: %v", q, err)
			}
			if round >= 0 {
				d := time.Since(t0)
				ds = append(ds, d)
				if d > slowest {
					slowest, slowQ = d, i
				}
			}
		}
	}
	t.Logf("slowest: query %d (%+v) in %s", slowQ, scaleQueries[slowQ], slowest.Round(time.Millisecond))
	sort.Slice(ds, func(a, b int) bool { return ds[a] < ds[b] })
	return ds[len(ds)/2], ds[len(ds)*99/100], ds[len(ds)-1]
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:1], "")
}

// heapInUse is the test process's live Go heap after a collection: the
// backend's own structures (bleve's in this process; searchd's are not in
// it) and the test's, which must not grow with the number of reports.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// peakRSS is the test process's peak resident set (VmHWM) so far.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return fmt.Sprintf("%d MiB", kb/1024)
		}
	}
	return "?"
}
