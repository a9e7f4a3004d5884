package bleveindex

import (
	"context"
	"encoding/json"
	"errors"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"

	"gongkai/corpus"
	"gongkai/index"
	"gongkai/ingest"
)

// checkMarks fails unless every snippet is valid UTF-8 and every marked
// text is one of the words (ASCII case ignored).
func checkMarks(t *testing.T, q string, snippets []string, words []string) {
	t.Helper()
	allowed := map[string]bool{}
	for _, w := range words {
		allowed[strings.ToLower(w)] = true
	}
	for _, s := range snippets {
		if !utf8.ValidString(s) {
			t.Errorf("%q: invalid UTF-8 snippet %q", q, s)
		}
		rest := s
		for {
			i := strings.Index(rest, "<mark>")
			if i < 0 {
				break
			}
			j := strings.Index(rest[i:], "</mark>")
			if j < 0 {
				t.Fatalf("%q: unclosed mark in %q", q, s)
			}
			m := html.UnescapeString(rest[i+len("<mark>") : i+j])
			if !allowed[strings.ToLower(m)] {
				t.Errorf("%q: marked %q, not a query word", q, m)
			}
			rest = rest[i+j:]
		}
	}
}

func TestSearch_SnippetMarks(t *testing.T) {
	x, _ := buildFixture(t, Options{})
	for _, tc := range []struct {
		q     string
		words []string
	}{
		{"行政复议", []string{"行政复议"}},
		{`"依申请公开" 条例`, []string{"依申请公开", "条例"}},
		{"csv 平台", []string{"csv", "平台"}},
		{"+year:>=2020 政务新媒体 -营商环境", []string{"政务新媒体"}},
	} {
		res, err := x.Search(context.Background(), index.Request{Query: tc.q, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			t.Errorf("%q: no hits", tc.q)
		}
		for _, h := range res.Hits {
			checkMarks(t, tc.q, h.Snippets, tc.words)
		}
	}
}

func TestSearch_BadQueries(t *testing.T) {
	x, _ := buildFixture(t, Options{})
	for name, req := range map[string]index.Request{
		"syntax":        {Query: `"unclosed`},
		"unknown field": {Query: "nosuchfield:3"},
		"not numeric":   {Query: "province:>3"},
		"sort":          {Sort: "body"},
		"facet":         {Facets: []string{"body"}},
		"window":        {Offset: index.MaxWindow},
		"years":         {YearFrom: 2023, YearTo: 2020},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := x.Search(context.Background(), req); !errors.Is(err, index.ErrBadQuery) {
				t.Errorf("got %v, want ErrBadQuery", err)
			}
		})
	}
}

func TestSearch_FiltersFacetsLimit(t *testing.T) {
	x, reports := buildFixture(t, Options{})
	want := 0
	for _, r := range reports {
		if r.Year >= 2019 && r.Year <= 2021 && r.Level == "county" {
			want++
		}
	}
	res, err := x.Search(context.Background(), index.Request{YearFrom: 2019, YearTo: 2021, Level: "county",
		Facets: []string{"year", "level", "template", "failed"}, Limit: 5, Sort: "-year"})
	if err != nil {
		t.Fatal(err)
	}
	if int(res.Total) != want || len(res.Hits) != min(5, want) {
		t.Fatalf("total %d hits %d, want %d", res.Total, len(res.Hits), want)
	}
	sum := 0
	for y, n := range res.Facets["year"] {
		if y < "2019" || y > "2021" {
			t.Errorf("facet year %s outside the filter", y)
		}
		sum += n
	}
	if sum != want || res.Facets["level"]["county"] != want {
		t.Errorf("facets %v, want %d in all", res.Facets, want)
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Year > res.Hits[i-1].Year {
			t.Errorf("not sorted by -year: %d after %d", res.Hits[i].Year, res.Hits[i-1].Year)
		}
	}
}

func TestIndex_ReplaceAndDelete(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir, Options{ShardBy: ShardYear})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	r := handReports()[3] // 营商环境, 2016
	if err := x.Index(ctx, []*corpus.Report{r}); err != nil {
		t.Fatal(err)
	}
	moved := *r
	moved.Year = 2020 // a re-parse found another year: the report moves shard
	if err := x.Index(ctx, []*corpus.Report{&moved}); err != nil {
		t.Fatal(err)
	}
	res, err := x.Search(ctx, index.Request{Query: "营商环境"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].Year != 2020 {
		t.Fatalf("after re-index: %+v", res)
	}
	if err := x.Delete(ctx, []string{r.ID, "unknown"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := x.Count(); n != 0 {
		t.Errorf("%d documents after delete", n)
	}
}

// TestVersionMismatch_Rebuild builds an index, makes it look older, and
// checks that Open refuses it and Build replaces it with a working one.
func TestVersionMismatch_Rebuild(t *testing.T) {
	reports := fixtureReports()
	st := fixtureStore(t, reports)
	dir := filepath.Join(st.Dir(), "index")
	ctx := context.Background()
	if _, err := Build(ctx, st, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	// Fake an older build: meta.json and the shard's internal versions.
	var m meta
	data, _ := os.ReadFile(filepath.Join(dir, metaFile))
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	m.Schema, m.Analysis = 0, "gse v0.0.0 / dict 000000000000 / analysis v0"
	data, _ = json.Marshal(m)
	os.WriteFile(filepath.Join(dir, metaFile), data, 0o644)
	s, err := bleve.Open(filepath.Join(dir, shardsDir, "all"))
	if err != nil {
		t.Fatal(err)
	}
	old, _ := json.Marshal(m.Versions)
	s.SetInternal([]byte(internalKey), old)
	s.Close()

	if _, err := Open(dir, Options{}); !errors.Is(err, ErrVersionMismatch) {
		t.Fatalf("Open of an older index: %v, want ErrVersionMismatch", err)
	}
	if _, err := Build(ctx, st, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("after rebuild: %v", err)
	}
	defer x.Close()
	res, err := x.Search(ctx, index.Request{Query: "条例", Region: "测试市"})
	if err != nil || res.Total != 2 {
		t.Fatalf("after rebuild: %v %+v", err, res)
	}
	if n, _ := x.Count(); int(n) != len(reports) {
		t.Errorf("%d documents, want %d", n, len(reports))
	}
}

// TestShards_SameAsSingle compares a year-sharded index with a single one:
// totals and facets always, the order of hits for field sorts, the set of
// hits for score sorts (shards score with their own statistics).
func TestShards_SameAsSingle(t *testing.T) {
	single, _ := buildFixture(t, Options{ShardBy: ShardNone})
	sharded, _ := buildFixture(t, Options{ShardBy: ShardYear})
	if len(sharded.shards) < 10 {
		t.Fatalf("%d shards", len(sharded.shards))
	}
	ctx := context.Background()
	for _, req := range []index.Request{
		{Query: "行政复议", Limit: 1000, Facets: []string{"year", "province", "level", "template", "failed"}},
		{Query: `"依申请公开" 条例`, Limit: 1000, Facets: []string{"year"}},
		{Query: "政务新媒体 营商环境", Sort: "-year", Limit: 20, Offset: 5},
		{Query: "+year:>=2019 apply_granted_total:>0", Sort: "-apply_granted_total", Limit: 40},
		{Query: "信息公开", Sort: "year", Limit: 100, Facets: []string{"county"}},
	} {
		a, err := single.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := sharded.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if a.Total != b.Total || !reflect.DeepEqual(a.Facets, b.Facets) {
			t.Errorf("%q: totals %d/%d facets\n%v\n%v", req.Query, a.Total, b.Total, a.Facets, b.Facets)
		}
		if len(a.Hits) != len(b.Hits) {
			t.Fatalf("%q: %d vs %d hits", req.Query, len(a.Hits), len(b.Hits))
		}
		ids := func(r *index.Result) []string {
			var out []string
			for _, h := range r.Hits {
				out = append(out, h.ID)
			}
			if req.Sort == "" {
				sort.Strings(out)
			}
			return out
		}
		if !reflect.DeepEqual(ids(a), ids(b)) {
			t.Errorf("%q (sort %q): hits differ", req.Query, req.Sort)
		}
	}
}

// TestIngest_FeedsIndex imports the repository's synthetic examples with
// ingest.Options.Index set and finds them.
func TestIngest_FeedsIndex(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "synth", "*.txt"))
	if len(files) == 0 {
		t.Skip("no testdata/synth/*.txt")
	}
	tmp := t.TempDir()
	st, err := corpus.Open(filepath.Join(tmp, "archive"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	x, err := Open(filepath.Join(tmp, "archive", "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	sum, err := ingest.Import(ctx, st, files, ingest.Options{Index: x, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	stats, _ := st.Stats(ctx)
	n, _ := x.Count()
	if sum.Imported == 0 || int(n) != stats.Reports {
		t.Fatalf("imported %d, catalog %d reports, index %d", sum.Imported, stats.Reports, n)
	}
	res, err := x.Search(ctx, index.Request{Query: "政府信息公开", Limit: 100})
	if err != nil || int(res.Total) != stats.Reports {
		t.Fatalf("search after import: %v, %d of %d", err, res.Total, stats.Reports)
	}
}

func FuzzSearch(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "queries", "*.txt"))
	for _, p := range files {
		data, _ := os.ReadFile(p)
		for _, l := range strings.Split(string(data), "\n") {
			if q, ok := strings.CutPrefix(l, "query:"); ok {
				f.Add(strings.TrimSpace(q))
			}
		}
	}
	f.Add(`+"a b" -c:d~2 e^3 /re.*/ f* year:>"2020"`)
	dir := filepath.Join(f.TempDir(), "index")
	x, err := Open(dir, Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer x.Close()
	if err := x.Index(context.Background(), handReports()); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		res, err := x.Search(context.Background(), index.Request{Query: q, Facets: []string{"year"}})
		if err != nil {
			if !errors.Is(err, index.ErrBadQuery) {
				t.Fatalf("%q: %v", q, err)
			}
			return
		}
		for _, h := range res.Hits {
			for _, s := range h.Snippets {
				if !utf8.ValidString(s) {
					t.Fatalf("%q: invalid snippet", q)
				}
			}
		}
	})
}

// TestSearch_Timely filters on C9 "published on time", which the catalog
// adds to every report it stores.
func TestSearch_Timely(t *testing.T) {
	x, reports := buildFixture(t, Options{})
	seen := 0
	for _, status := range []string{corpus.CheckPass, corpus.CheckFail, corpus.CheckNotAssessable} {
		want := 0
		for _, r := range reports {
			if r.Timely() == status {
				want++
			}
		}
		seen += want
		res, err := x.Search(context.Background(), index.Request{Timely: status, Facets: []string{"c9"}})
		if err != nil {
			t.Fatal(err)
		}
		if int(res.Total) != want || res.Facets["c9"][status] != want {
			t.Errorf("timely %s: %d hits, facets %v; want %d", status, res.Total, res.Facets["c9"], want)
		}
	}
	if seen != len(reports) {
		t.Fatalf("%d of %d reports have C9", seen, len(reports))
	}
}

// TestOpen_InterruptedCreate leaves what a process killed while creating a
// shard leaves (the shard's bleve directory, not yet listed in meta.json)
// and checks that the next process opens the index and indexes into that
// shard: bleve alone refuses to create over the directory
// (ingest's TestCrashSafety met it with a kill 56 ms into an import).
func TestOpen_InterruptedCreate(t *testing.T) {
	ctx := context.Background()
	r := handReports()[3] // 营商环境, 2016
	for _, tc := range []struct {
		shardBy, shard string
	}{{ShardNone, "all"}, {ShardYear, "y2016"}} {
		t.Run(tc.shardBy, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			if tc.shardBy == ShardYear {
				// meta.json lists no shard yet, as after a first Open.
				x, err := Open(dir, Options{ShardBy: ShardYear})
				if err != nil {
					t.Fatal(err)
				}
				x.Close()
			}
			left, err := bleve.New(filepath.Join(dir, shardsDir, tc.shard), bleve.NewIndexMapping())
			if err != nil {
				t.Fatal(err)
			}
			left.Close()
			x, err := Open(dir, Options{ShardBy: tc.shardBy})
			if err != nil {
				t.Fatalf("open after an interrupted creation: %v", err)
			}
			defer x.Close()
			if err := x.Index(ctx, []*corpus.Report{r}); err != nil {
				t.Fatalf("index after an interrupted creation: %v", err)
			}
			res, err := x.Search(ctx, index.Request{Query: "营商环境"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != 1 {
				t.Fatalf("%d hits, want 1", res.Total)
			}
		})
	}
}
