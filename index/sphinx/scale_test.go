package sphinx_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
//	GONGKAI_SCALE=20000 go test ./index/sphinx -run TestScale -v -timeout 60m
//
// All searchd processes run on this machine, so the figures show the
// overheads of the engine and of distribution, not a cluster's speed-up.
func TestScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("GONGKAI_SCALE"))
	if n <= 0 {
		t.Skip("set GONGKAI_SCALE=N (reports) to measure")
	}
	sphinxtest.Searchd(t)
	ctx := context.Background()
	start := time.Now()
	reports := indextest.Reports(n)
	texts := map[string]string{}
	for _, r := range reports {
		texts[r.ID] = index.Text(r).Body
	}
	t.Logf("%d reports generated in %s (%.1f MB of text)", len(reports), time.Since(start).Round(time.Second), mb(texts))
	textOf := func(_ context.Context, ids []string) (map[string]string, error) {
		out := map[string]string{}
		for _, id := range ids {
			out[id] = texts[id]
		}
		return out, nil
	}

	type row struct {
		name          string
		rate          float64
		p50, p99, max time.Duration
		load          string
	}
	var rows []row
	measure := func(name string, open func() (index.Backend, func(context.Context) error)) {
		load0 := loadavg()
		x, finish := open()
		defer x.Close()
		t0 := time.Now()
		for i := 0; i < len(reports); i += 500 {
			if err := x.Index(ctx, reports[i:min(i+500, len(reports))]); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		if err := finish(ctx); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rate := float64(len(reports)) / time.Since(t0).Seconds()
		p50, p99, max := latencies(t, x)
		rows = append(rows, row{name, rate, p50, p99, max, load0 + " → " + loadavg()})
		t.Logf("%s: %.0f reports/s, p50 %s, p99 %s", name, rate, p50, p99)
	}
	measure("bleve", func() (index.Backend, func(context.Context) error) {
		x, err := bleveindex.Open(filepath.Join(t.TempDir(), "index"), bleveindex.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return x, x.Finish
	})
	for _, nodes := range []int{1, 3} {
		measure(fmt.Sprintf("sphinx %d node(s)", nodes), func() (index.Backend, func(context.Context) error) {
			cl := sphinxtest.Start(t, nodes)
			x, err := sphinx.Open(ctx, cl.URL, sphinx.Options{Text: textOf, Timeout: 5 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			return x, x.Finish
		})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%d reports, %d queries × %d rounds per backend\n", len(reports), len(scaleQueries), scaleRounds)
	fmt.Fprintf(&b, "| backend | indexing (reports/s) | × bleve | query p50 | query p99 | max | load average (start → end) |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %.0f | %.2f | %s | %s | %s | %s |\n", r.name, r.rate, r.rate/rows[0].rate,
			r.p50.Round(100*time.Microsecond), r.p99.Round(100*time.Microsecond), r.max.Round(time.Millisecond), r.load)
	}
	t.Log(b.String())
}

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
	for round := -1; round < scaleRounds; round++ {
		for _, q := range scaleQueries {
			t0 := time.Now()
			if _, err := x.Search(ctx, q); err != nil {
				t.Fatalf("search %+v: %v", q, err)
			}
			if round >= 0 {
				ds = append(ds, time.Since(t0))
			}
		}
	}
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

func mb(m map[string]string) float64 {
	n := 0
	for _, s := range m {
		n += len(s)
	}
	return float64(n) / 1e6
}
