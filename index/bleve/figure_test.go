package bleveindex

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search/query"

	"gongkai/corpus"
	"gongkai/index"
)

// figureIndexes builds two indexes of the same reports on disk: one as
// bleve indexes figures (legacyFigures: 16 prefix-coded terms per value)
// and one with figure.go's one term per value.
func figureIndexes(t *testing.T, reports []*corpus.Report) (old, cur *Index) {
	t.Helper()
	st := fixtureStore(t, reports)
	build := func(name string, legacy bool) *Index {
		legacyFigures = legacy
		defer func() { legacyFigures = false }()
		dir := filepath.Join(t.TempDir(), name)
		if _, err := Build(context.Background(), st, dir, Options{}); err != nil {
			t.Fatal(err)
		}
		x, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { x.Close() })
		return x
	}
	return build("legacy", true), build("figures", false)
}

// rawSearch runs q on x's shards and returns the hits' ids in the order
// of sortBy (all of them).
func rawSearch(t *testing.T, x *Index, q query.Query, sortBy ...string) []string {
	t.Helper()
	sr := bleve.NewSearchRequestOptions(q, 1<<20, 0, false)
	sr.SortBy(sortBy)
	out, err := x.alias.SearchInContext(context.Background(), sr)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(out.Hits))
	for i, h := range out.Hits {
		ids[i] = h.ID
	}
	if int(out.Total) != len(ids) {
		t.Fatalf("total %d, %d hits", out.Total, len(ids))
	}
	return ids
}

// figureValues returns, per figure field, the distinct values the reports
// index (as index.Document puts them into the index).
func figureValues(reports []*corpus.Report) map[string][]float64 {
	seen := map[string]map[float64]bool{}
	for _, r := range reports {
		for f, v := range index.Document(r) {
			if x, ok := v.(float64); ok && isFigure(f) {
				if seen[f] == nil {
					seen[f] = map[float64]bool{}
				}
				seen[f][x] = true
			}
		}
	}
	out := map[string][]float64{}
	for f, m := range seen {
		for v := range m {
			out[f] = append(out[f], v)
		}
		sort.Float64s(out[f])
	}
	return out
}

// randomRange draws a range on a field with these values: ends at
// indexed values, next to them (±1, ±0.5, the next float64), at 0,
// negative or far out; each end open, inclusive, exclusive or of
// unstated inclusiveness (bleve's defaults).
//
// near is true when an end is a value's float64 neighbour: bleve's numeric
// range searcher can enumerate terms without end on such a range
// ([4.999999999999999, 5] hung it), so those are only checked against the
// values.
func randomRange(rng *rand.Rand, vals []float64) (min, max *float64, inclMin, inclMax *bool, near bool) {
	end := func() *float64 {
		var v float64
		switch k := rng.IntN(10); {
		case k == 0:
			return nil
		case k <= 4 && len(vals) > 0:
			v = vals[rng.IntN(len(vals))]
		case k <= 6 && len(vals) > 0:
			v = vals[rng.IntN(len(vals))] + []float64{1, -1, 0.5, -0.5}[rng.IntN(4)]
		case k == 7 && len(vals) > 0:
			v = vals[rng.IntN(len(vals))]
			v = math.Nextafter(v, []float64{math.Inf(1), math.Inf(-1)}[rng.IntN(2)])
			near = true
		case k == 8:
			v = []float64{0, -1, -0.25, 1e6}[rng.IntN(4)]
		default:
			v = float64(rng.IntN(200)) - 20
		}
		return &v
	}
	incl := func() *bool {
		switch rng.IntN(3) {
		case 0:
			return nil
		case 1:
			b := true
			return &b
		}
		b := false
		return &b
	}
	min, max = end(), end()
	if min != nil && max != nil && *min > *max && rng.IntN(4) > 0 {
		min, max = max, min // mostly non-empty, sometimes empty
	}
	return min, max, incl(), incl(), near
}

func describe(field string, min, max *float64, inclMin, inclMax *bool) string {
	f := func(p *float64) string {
		if p == nil {
			return "open"
		}
		return fmt.Sprint(*p)
	}
	b := func(p *bool) string {
		if p == nil {
			return "default"
		}
		return fmt.Sprint(*p)
	}
	return fmt.Sprintf("%s min %s (incl %s) max %s (incl %s)", field, f(min), b(inclMin), f(max), b(inclMax))
}

// checkFigures compares, on every figure field, the hits of random ranges
// (figureRangeQuery on the new index against bleve's NumericRangeQuery on
// the legacy one), the hits of the query grammar's conditions through
// Search, and the order of a sort by the figure, both ways.
func checkFigures(t *testing.T, reports []*corpus.Report, ranges int) {
	old, cur := figureIndexes(t, reports)
	vals := figureValues(reports)
	rng := rand.New(rand.NewPCG(7, 13))
	fields := index.NumericFields()[1:] // the figures
	nonEmpty, withValues, empty, nearOnly := 0, 0, 0, 0
	for _, field := range fields {
		if !isFigure(field) {
			t.Fatalf("%s: not a figure field", field)
		}
		if len(vals[field]) > 0 {
			withValues++
		}
		for i := 0; i < ranges; i++ {
			min, max, inclMin, inclMax, near := randomRange(rng, vals[field])
			fq := newFigureRange(field, min, max, inclMin, inclMax)
			g := rawSearch(t, cur, fq, "_id")
			lo, hi := fq.bounds()
			// The values' own verdict: a value is in the range when its
			// sortable int64 lies between the ends (bleve's semantics).
			var o []string
			for _, r := range reports {
				if v, ok := index.Document(r)[field].(float64); ok {
					if i := numeric.Float64ToInt64(v); lo <= i && i <= hi {
						o = append(o, r.ID)
					}
				}
			}
			slices.Sort(o)
			if !slices.Equal(o, g) {
				t.Fatalf("%s: %d hits, the values say %d", describe(field, min, max, inclMin, inclMax), len(g), len(o))
			}
			if near {
				nearOnly++
				continue
			}
			if lo > hi {
				// An empty range: bleve's searcher enumerates terms
				// from lo on without end (it is never asked one: the
				// grammar refuses A..B with A > B).
				if len(g) > 0 {
					t.Fatalf("%s: empty, %d hits", describe(field, min, max, inclMin, inclMax), len(g))
				}
				empty++
				continue
			}
			want := query.NewNumericRangeInclusiveQuery(min, max, inclMin, inclMax)
			want.SetField(field)
			w := rawSearch(t, old, want, "_id")
			if !slices.Equal(w, g) {
				t.Fatalf("%s: %d hits, bleve's numeric range on the legacy index %d", describe(field, min, max, inclMin, inclMax), len(g), len(w))
			}
			if len(w) > 0 {
				nonEmpty++
			}
		}
		// The same on the new index with bleve's own range (it finds the
		// full-precision terms): the new mapping indexes every value.
		all := query.NewNumericRangeQuery(nil, nil)
		all.SetField(field)
		if w, g := rawSearch(t, old, all, "_id"), rawSearch(t, cur, newFigureRange(field, nil, nil, nil, nil), "_id"); !slices.Equal(w, g) {
			t.Fatalf("%s: open range: %d hits, legacy %d", field, len(g), len(w))
		}
		for _, by := range [][]string{{field, "_id"}, {"-" + field, "_id"}} {
			w := rawSearch(t, old, query.NewMatchAllQuery(), by...)
			g := rawSearch(t, cur, query.NewMatchAllQuery(), by...)
			if !slices.Equal(w, g) {
				t.Fatalf("sort by %v differs from the legacy index", by)
			}
		}
	}
	// The grammar's conditions and sorts, end to end (the query's hits in
	// the project's order).
	search := func(x *Index, legacy bool, req index.Request) (uint64, []string) {
		legacyFigures = legacy
		defer func() { legacyFigures = false }()
		res, err := x.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		return res.Total, ids
	}
	for i, field := range fields {
		v := vals[field]
		mid := 0.0
		if len(v) > 0 {
			mid = v[len(v)/2]
		}
		qs := []string{fmt.Sprintf("%s:>%g", field, mid), fmt.Sprintf("%s:<=%g", field, mid),
			fmt.Sprintf("%s:%g..%g", field, math.Min(mid/2, mid), math.Max(mid/2, mid)), fmt.Sprintf("-%s:>=%g", field, mid)}
		sorts := []string{"-" + field}
		if i%8 == 0 {
			qs = append(qs, fmt.Sprintf("%s:>=%g", field, mid), fmt.Sprintf("%s:<%g", field, mid),
				fmt.Sprintf("%s:=%g", field, mid), fmt.Sprintf("%s:..%g", field, mid))
			sorts = append(sorts, "id", field)
		}
		for _, q := range qs {
			for _, s := range sorts {
				req := index.Request{Query: q, Limit: 50, Sort: s}
				wn, w := search(old, true, req)
				gn, g := search(cur, false, req)
				if wn != gn || !slices.Equal(w, g) {
					t.Fatalf("%q sorted by %s: %d hits, legacy %d (or another order)", q, s, gn, wn)
				}
			}
		}
	}
	// Relevance order (the default sort): the same hits; the order may
	// differ where the figure condition's score did (bleve scored it by
	// the prefix term that covered each value, figureRangeQuery scores it
	// constant). The differences are logged, not hidden.
	for _, q := range []string{"+行政复议 +apply_granted_total:>=3", "信息公开 apply_denied_total:>0",
		"+year:>=2019 apply_granted_total:>0", "apply_new_received_total:>5", "条例 | review_total:>0"} {
		req := index.Request{Query: q, Limit: index.MaxLimit}
		wn, w := search(old, true, req)
		gn, g := search(cur, false, req)
		ws, gs := slices.Sorted(slices.Values(w)), slices.Sorted(slices.Values(g))
		if wn != gn || !slices.Equal(ws, gs) {
			t.Fatalf("%q: %d hits, legacy %d (or other hits)", q, gn, wn)
		}
		moved := 0
		for i := range w {
			if w[i] != g[i] {
				moved++
			}
		}
		t.Logf("%q by relevance: %d hits, %d at another rank than on the legacy index", q, gn, moved)
	}
	t.Logf("%d reports, %d figure fields (%d with values), %d ranges each: %d with hits, %d empty by their ends, %d with an end at a float64 neighbour (values only)", len(reports), len(fields), withValues, ranges, nonEmpty, empty, nearOnly)
	if withValues < len(fields)/2 {
		t.Errorf("only %d of %d figure fields hold values: the comparison would check little", withValues, len(fields))
	}
}

// TestFigureRangeSameHits: one term per figure value (figure.go) gives
// the same hits as bleve's 16 terms and NumericRangeQuery, for random
// ranges on every figure field, and the same order when sorting by one.
func TestFigureRangeSameHits(t *testing.T) {
	t.Run("synthetic", func(t *testing.T) {
		checkFigures(t, fixtureReports(), 25)
	})
	t.Run("samples", func(t *testing.T) {
		checkFigures(t, sampleReports(t), 25)
	})
}

// TestFigureLegacyIndexRefused: an index built with bleve's 16 terms per
// figure is outdated for this code (the mapping part of its version), so
// Open refuses it instead of answering from it.
func TestFigureLegacyIndexRefused(t *testing.T) {
	st := fixtureStore(t, synthReports(fixtureSeed, 20))
	dir := filepath.Join(st.Dir(), "index")
	legacyFigures = true
	_, err := Build(context.Background(), st, dir, Options{})
	legacyFigures = false
	if err != nil {
		t.Fatal(err)
	}
	stored, err := Stored(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Expected(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := stored.Diff(want); !slices.Equal(d, []string{"mapping"}) {
		t.Errorf("legacy index: versions differ in %v, want [mapping]", d)
	}
	x, err := Open(dir, Options{})
	if err == nil {
		x.Close()
		t.Fatal("Open of an index with legacy figure terms: no error")
	}
	if !errors.Is(err, ErrVersionMismatch) {
		t.Fatalf("Open of a legacy index: %v, want ErrVersionMismatch", err)
	}
}
