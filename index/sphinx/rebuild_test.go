package sphinx_test

import (
	"context"
	"slices"
	"testing"

	"gongkai/corpus"
	"gongkai/index"
	"gongkai/index/indextest"
	"gongkai/index/sphinx"
	"gongkai/index/sphinx/sphinxtest"
)

// TestRebuildAtomic: while a rebuild feeds a three-node cluster, searches
// from another connection see the old index, complete (the same hits,
// totals and facet counts as before the rebuild started); once the rebuild
// returns they see the new one. A report indexed during the rebuild is in
// the new index too.
func TestRebuildAtomic(t *testing.T) {
	cl := sphinxtest.Start(t, 3)
	ctx := context.Background()
	oldReports := indextest.Reports(40)
	newReports := indextest.Reports(460) // three batches of the build: progress is called before the switch
	oldStore := indextest.Store(t, oldReports)
	newStore := indextest.Store(t, newReports)

	builder, err := sphinx.Open(ctx, cl.URL, sphinx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer builder.Close()
	if _, err := builder.Build(ctx, oldStore, nil); err != nil {
		t.Fatal(err)
	}
	reader, err := sphinx.Open(ctx, cl.URL, sphinx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()

	queries := []index.Request{
		{Limit: index.MaxLimit, Sort: "id", Facets: []string{"year", "level"}},
		{Query: `"政府信息公开"`, Limit: index.MaxLimit, Sort: "id"},
		{Query: "行政复议", Level: "county", Limit: index.MaxLimit, Sort: "id"},
	}
	type answer struct {
		total  uint64
		ids    []string
		facets map[string]map[string]int
	}
	ask := func() []answer {
		t.Helper()
		var out []answer
		for _, q := range queries {
			res, err := reader.Search(ctx, q)
			if err != nil {
				t.Fatalf("search %+v: %v", q, err)
			}
			a := answer{total: res.Total, facets: res.Facets}
			for _, h := range res.Hits {
				a.ids = append(a.ids, h.ID)
			}
			out = append(out, a)
		}
		return out
	}
	same := func(when string, got, want []answer) {
		t.Helper()
		for i := range want {
			g, w := got[i], want[i]
			if g.total != w.total || !slices.Equal(g.ids, w.ids) || !sameFacets(g.facets, w.facets) {
				t.Errorf("%s: query %+v: total %d, %d hits, facets %v; want total %d, %d hits, facets %v",
					when, queries[i], g.total, len(g.ids), g.facets, w.total, len(w.ids), w.facets)
			}
		}
	}
	before := ask()
	if before[0].total != uint64(len(oldReports)-3) { // the suite's three second renditions are not hits
		t.Fatalf("old index: %d reports, want %d", before[0].total, len(oldReports)-3)
	}

	// A report indexed during the rebuild (another office, so a group of
	// its own).
	extra := *newReports[0]
	sha := corpus.Hash([]byte("indexed during the rebuild"))
	extra.ID, extra.Source.SHA256, extra.Source.Path = sha[:12], sha, "during-rebuild.txt"
	extra.Office, extra.OfficeFull = "重建期间局", "测试市重建期间局"

	calls := 0
	progress := func(done, total int) {
		calls++
		same("during the rebuild", ask(), before)
		if done == total {
			// The last batch is in, the switch has not happened.
			if err := reader.Index(ctx, []*corpus.Report{&extra}); err != nil {
				t.Fatalf("index during the rebuild: %v", err)
			}
			before[0].total++
			before[0].ids = append(before[0].ids, extra.ID)
			slices.Sort(before[0].ids)
			got := ask()
			if got[0].total != before[0].total || !slices.Equal(got[0].ids, before[0].ids) {
				t.Errorf("a report indexed during the rebuild is not in the old index: total %d", got[0].total)
			}
		}
	}
	n, err := builder.Build(ctx, newStore, progress)
	if err != nil {
		t.Fatal(err)
	}
	if n.Reports != len(newReports) || calls < 3 {
		t.Fatalf("built %d reports with %d progress calls, want %d and at least 3", n.Reports, calls, len(newReports))
	}
	after := ask()
	primaries := 0
	if err := newStore.EachReport(ctx, func(_ *corpus.Report, primary bool) error {
		if primary {
			primaries++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := uint64(primaries + 1) // and the report indexed during the rebuild
	if after[0].total != want || !slices.Contains(after[0].ids, extra.ID) {
		t.Fatalf("after the rebuild: %d reports (the one indexed meanwhile: %v), want %d with it",
			after[0].total, slices.Contains(after[0].ids, extra.ID), want)
	}
	if c, err := reader.CountContext(ctx); err != nil || c != uint64(len(newReports)+1) {
		t.Errorf("count after the rebuild: %d (%v), want %d", c, err, len(newReports)+1)
	}
	// A rebuild again (into the other generation) gives the same answers.
	again, err := builder.Build(ctx, newStore, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := builder.Index(ctx, []*corpus.Report{&extra}); err != nil {
		t.Fatal(err)
	}
	if again.Reports != len(newReports) {
		t.Fatalf("second rebuild: %d reports", again.Reports)
	}
	same("after a second rebuild", ask(), after)
}

func sameFacets(a, b map[string]map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, m := range a {
		n, ok := b[k]
		if !ok || len(m) != len(n) {
			return false
		}
		for v, c := range m {
			if n[v] != c {
				return false
			}
		}
	}
	return true
}
