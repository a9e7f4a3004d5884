package bleveindex

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	banalysis "github.com/blevesearch/bleve/v2/analysis"
	bdocument "github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"gongkai/corpus"
	gindex "gongkai/index"
)

// TestLeanField_SameAsBleve analyses the documents of the fixture reports
// (and the layout fixtures: Latin, numbers, document numbers) both as
// bleve's Batch.Index maps them and as mapDocument does, and compares
// every field: the same terms, frequencies and field length (so the same
// BM25 scores), the same term vectors, except that in the hybrid mode the
// body's tokens with a Han character have none; its other tokens keep
// theirs.
func TestLeanField_SameAsBleve(t *testing.T) {
	for _, mode := range []string{ModeHybrid, ModeWords} {
		t.Run(mode, func(t *testing.T) {
			x, err := Open(filepath.Join(t.TempDir(), "index"), Options{Analysis: mode})
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			m := x.shards["all"].Mapping()
			reports := append(fixtureReports()[:40], layoutReports()...)
			var dropped, kept, fused, figures int
			for _, r := range reports {
				d := document(r, x.bigrams)
				ref := bdocument.NewDocument(r.ID)
				if err := m.MapDocument(ref, d); err != nil {
					t.Fatal(err)
				}
				lean, err := mapDocument(m, r.ID, d, x.bigrams)
				if err != nil {
					t.Fatal(err)
				}
				if len(ref.Fields) != len(lean.Fields) {
					t.Fatalf("%s: %d fields, bleve %d", r.ID, len(lean.Fields), len(ref.Fields))
				}
				// Fields come in map order: match them by name and array
				// position (heads_sfx is a list).
				key := func(f index.Field) string { return fmt.Sprint(f.Name(), f.ArrayPositions()) }
				byKey := map[string]index.Field{}
				for _, f := range lean.Fields {
					byKey[key(f)] = f
					if lf, ok := f.(*leanField); ok {
						switch f.Name() {
						case fTitle, fOffice, fBody, fBodyBi, fHeads:
							// zh's analyzers: their fused analyses are what
							// this test compares with bleve's chains.
							if lf.fused == nil {
								t.Fatalf("%s: field %s is analysed without zh's fused analysis", r.ID, f.Name())
							}
							fused++
						}
					}
				}
				for _, rf := range ref.Fields {
					lf := byKey[key(rf)]
					if lf == nil {
						t.Fatalf("%s: no field %s", r.ID, key(rf))
					}
					rf.Analyze()
					lf.Analyze()
					where := fmt.Sprintf("%s field %s", r.ID, rf.Name())
					if lf.Name() != rf.Name() || lf.Options() != rf.Options() || string(lf.Value()) != string(rf.Value()) ||
						lf.EncodedFieldType() != rf.EncodedFieldType() {
						t.Fatalf("%s: name, options, value or type differ", where)
					}
					lfs, rfs := lf.AnalyzedTokenFrequencies(), rf.AnalyzedTokenFrequencies()
					if _, ok := lf.(*figureField); ok {
						// A figure keeps bleve's first term only, its
						// full-precision value (figure.go).
						full := rfs[string(rf.Value())]
						if lf.AnalyzedLength() != 1 || len(lfs) != 1 || full == nil || lfs[string(rf.Value())] == nil ||
							!reflect.DeepEqual(*lfs[string(rf.Value())], *full) {
							t.Errorf("%s: a figure's terms differ from bleve's full-precision term", where)
						}
						figures++
						continue
					}
					if lf.AnalyzedLength() != rf.AnalyzedLength() {
						t.Errorf("%s: length %d, bleve %d", where, lf.AnalyzedLength(), rf.AnalyzedLength())
					}
					if len(lfs) != len(rfs) {
						t.Errorf("%s: %d terms, bleve %d", where, len(lfs), len(rfs))
					}
					lessVectors := mode == ModeHybrid && rf.Name() == fBody
					for term, rtf := range rfs {
						ltf := lfs[term]
						if ltf == nil || ltf.Frequency() != rtf.Frequency() {
							t.Errorf("%s: term %q missing or another frequency", where, term)
							continue
						}
						want := rtf.Locations
						if lessVectors && holdsHan([]byte(term)) {
							want = nil
							dropped++
						} else if lessVectors {
							kept++
						}
						if !sameLocations(ltf.Locations, want) {
							t.Errorf("%s: term %q: locations %v, want %v", where, term, locs(ltf.Locations), locs(want))
						}
					}
				}
			}
			if figures == 0 {
				t.Error("no figure field: the fixtures exercise none")
			}
			if fused == 0 {
				t.Error("no field was analysed by a fused analysis")
			}
			if mode == ModeHybrid && (dropped == 0 || kept == 0) {
				t.Errorf("the body's term vectors: %d terms without, %d with: the fixtures exercise nothing", dropped, kept)
			}
		})
	}
}

func sameLocations(a, b []*index.TokenLocation) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !reflect.DeepEqual(*a[i], *b[i]) {
			return false
		}
	}
	return true
}

func locs(ls []*index.TokenLocation) []index.TokenLocation {
	out := make([]index.TokenLocation, len(ls))
	for i, l := range ls {
		out[i] = *l
	}
	return out
}

// TestLeanField_LatinPhrase checks on disk that a phrase of words without
// Han characters (the body's word phrase, which reads term vectors) still
// matches by position in the hybrid index, where the body's Han tokens
// have no vectors: "LED display" is in one report in that order and in
// another in the other order.
func TestLeanField_LatinPhrase(t *testing.T) {
	x, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	mk := func(n int, text string) *corpus.Report {
		sha := corpus.Hash([]byte(fmt.Sprint("lean-", n)))
		office := fmt.Sprintf("第%d局", n) // another report, not another rendition
		return &corpus.Report{Schema: corpus.ReportSchema, ID: sha[:12], Title: office + "2023年政府信息公开工作年度报告",
			Office: office, Year: 2023, Source: corpus.Source{SHA256: sha, Format: "text"},
			Sections: []corpus.Section{{No: 1, Title: "一、总体情况", Text: text}}}
	}
	in, reversed := mk(1, "本机关设置LED display屏幕，开通12345热线。"), mk(2, "display屏幕和LED灯，12345热线。")
	ctx := context.Background()
	if err := x.Index(ctx, []*corpus.Report{in, reversed}); err != nil {
		t.Fatal(err)
	}
	ids := func(q string) []string {
		res, err := x.Search(ctx, gindex.Request{Query: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		sort.Strings(out)
		return out
	}
	if got := ids(`"LED display"`); !reflect.DeepEqual(got, []string{in.ID}) {
		t.Errorf(`"LED display": %v, want [%s]`, got, in.ID)
	}
	both := []string{in.ID, reversed.ID}
	sort.Strings(both)
	if got := ids("display"); !reflect.DeepEqual(got, both) {
		t.Errorf("display: %v, want %v", got, both)
	}
	if got := ids("设置LED"); !reflect.DeepEqual(got, []string{in.ID}) {
		t.Errorf("设置LED: %v, want [%s]", got, in.ID)
	}
}

// TestTokenFrequencies_SameAsBleve compares tokenFrequencies with bleve's
// analysis.TokenFrequency on random token streams (repeated, Han and
// Latin terms) under every option that matters: with hanVectors, the
// same map; without, the same except that terms holding a Han character
// have no locations. It also checks that an append to one term's
// locations leaves the other terms' as they were.
func TestTokenFrequencies_SameAsBleve(t *testing.T) {
	r := rand.New(rand.NewSource(13))
	words := []string{"政府", "信息", "公开", "a", "led", "2023", "中", "x中", "ok"}
	for round := 0; round < 300; round++ {
		var ts banalysis.TokenStream
		for i, n := 0, r.Intn(60); i < n; i++ {
			w := words[r.Intn(len(words))]
			ts = append(ts, &banalysis.Token{Term: []byte(w), Start: 3 * i, End: 3*i + len(w), Position: 1 + i - r.Intn(2)})
		}
		arr := []uint64{uint64(round % 3)}
		for _, opts := range []index.FieldIndexingOptions{
			index.IndexField, index.IndexField | index.IncludeTermVectors,
			index.IndexField | index.SkipFreqNorm, index.IndexField | index.IncludeTermVectors | index.SkipFreqNorm,
		} {
			for _, hanVectors := range []bool{true, false} {
				want := banalysis.TokenFrequency(ts, arr, opts)
				wantLocs := 0
				for term, tf := range want {
					if !hanVectors && holdsHan([]byte(term)) {
						tf.Locations = nil
					}
					wantLocs += len(tf.Locations)
				}
				got, nlocs := tokenFrequencies(ts, arr, opts, hanVectors)
				if nlocs != wantLocs {
					t.Fatalf("options %v, hanVectors %v: %d locations, want %d", opts, hanVectors, nlocs, wantLocs)
				}
				if len(got) != len(want) {
					t.Fatalf("options %v: %d terms, want %d", opts, len(got), len(want))
				}
				for term, w := range want {
					g := got[term]
					if g == nil || string(g.Term) != string(w.Term) || g.Frequency() != w.Frequency() || !sameLocations(g.Locations, w.Locations) {
						t.Fatalf("options %v, hanVectors %v: term %q differs: %+v, want %+v", opts, hanVectors, term, g, w)
					}
				}
				// An append to a term's locations must not reach another's.
				for _, g := range got {
					before := map[string][]index.TokenLocation{}
					for term, o := range got {
						before[term] = locs(o.Locations)
					}
					g.Locations = append(g.Locations, &index.TokenLocation{Position: -1})
					for term, o := range got {
						if o != g && !reflect.DeepEqual(locs(o.Locations), before[term]) {
							t.Fatalf("an append to %q changed the locations of %q", g.Term, term)
						}
					}
					break
				}
			}
		}
	}
}
