package bleveindex

import (
	"context"
	"fmt"
	"testing"

	"gongkai/index"
)

// figureQueries are figure conditions of several widths, alone, sorted by
// the figure, and with text.
var figureQueries = []index.Request{
	{Query: "apply_new_received_total:>10"},
	{Query: "apply_new_received_total:>=0", Sort: "-apply_new_received_total"},
	{Query: "apply_denied_total:>5", Sort: "-apply_denied_total"},
	{Query: "apply_granted_total:3..20"},
	{Query: "review_total:>0 suit_total:>0"},
	{Query: "+行政复议 +apply_granted_total:>=3"},
	{Query: "+year:>=2020 apply_denied_total:>5", Sort: "-apply_denied_total"},
	{Query: "apply_result_total_total:<=7", Facets: []string{"year"}},
}

// BenchmarkFigureQuery runs figureQueries on the index of
// BenchmarkQueryMix (GONGKAI_BENCH_N generated reports, default 2000; kept
// in GONGKAI_BENCH_DIR) and reports the CPU time per query, each query and
// all of them round-robin:
//
//	GONGKAI_BENCH_N=20000 GONGKAI_BENCH_DIR=/tmp/d go test ./index/bleve -run '^$' -bench FigureQuery
func BenchmarkFigureQuery(b *testing.B) {
	x := openQueryBenchIndex(b)
	ctx := context.Background()
	for _, q := range figureQueries {
		res, err := x.Search(ctx, q) // warm-up
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%q: %d hits", q.Query, res.Total)
	}
	run := func(b *testing.B, next func(j int) index.Request) {
		cpu0 := cpuTime()
		for j := 0; j < b.N; j++ {
			if _, err := x.Search(ctx, next(j)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
	}
	b.Run("all", func(b *testing.B) { run(b, func(j int) index.Request { return figureQueries[j%len(figureQueries)] }) })
	for i, q := range figureQueries {
		b.Run(fmt.Sprintf("%02d", i), func(b *testing.B) { run(b, func(int) index.Request { return q }) })
	}
}
