package bleveindex

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"

	banalysis "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"gongkai/corpus"
	"gongkai/index/zh"
)

// archiveReports reads the reports of the archive GONGKAI_BENCH_ARCHIVE
// (at most GONGKAI_BENCH_N, or n when that is unset); it skips when the
// variable is unset.
func archiveReports(tb testing.TB, n int) []*corpus.Report {
	tb.Helper()
	arch := os.Getenv("GONGKAI_BENCH_ARCHIVE")
	if arch == "" {
		tb.Skip("set GONGKAI_BENCH_ARCHIVE to an archive directory whose reports to analyse")
	}
	if v, err := strconv.Atoi(os.Getenv("GONGKAI_BENCH_N")); err == nil {
		n = v
	}
	st, err := corpus.Open(arch)
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	var reports []*corpus.Report
	err = st.EachReport(context.Background(), func(r *corpus.Report, _ bool) error {
		if n <= 0 || len(reports) < n {
			reports = append(reports, r)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return reports
}

// analysedTexts returns the texts of the fields zh's analyzers analyse in
// the reports' documents, by analyzer.
func analysedTexts(reports []*corpus.Report) map[string][]string {
	out := map[string][]string{}
	for _, r := range reports {
		d := document(r, true)
		for _, f := range []string{fTitle, fOffice, fBody} {
			if s, _ := d[f].(string); s != "" {
				out[zh.WordAnalyzer] = append(out[zh.WordAnalyzer], s)
			}
		}
		for _, f := range []string{fBodyBi, fHeads} {
			if s, _ := d[f].(string); s != "" {
				out[zh.BigramAnalyzer] = append(out[zh.BigramAnalyzer], s)
			}
		}
	}
	return out
}

// TestFused_Archive compares zh's fused analyses with bleve's chains on
// every analysed field of an archive's reports (the real-size set):
//
//	GONGKAI_BENCH_ARCHIVE=/tmp/q7/noidx go test ./index/bleve -run TestFused_Archive -v
func TestFused_Archive(t *testing.T) {
	texts := analysedTexts(archiveReports(t, 0))
	for _, name := range []string{zh.WordAnalyzer, zh.BigramAnalyzer} {
		an, err := registry.NewCache().AnalyzerNamed(name)
		if err != nil {
			t.Fatal(err)
		}
		tokens := 0
		for i, s := range texts[name] {
			want := an.Analyze([]byte(s))
			got := zh.Fused(name)([]byte(s))
			if err := sameTokens(got, want); err != nil {
				t.Fatalf("%s, text %d: %v", name, i, err)
			}
			tokens += len(got)
		}
		t.Logf("%s: %d texts, %d tokens, the same", name, len(texts[name]), tokens)
	}
}

func sameTokens(got, want banalysis.TokenStream) error {
	if len(got) != len(want) {
		return fmt.Errorf("%d tokens, the chain %d", len(got), len(want))
	}
	for i, g := range got {
		w := want[i]
		if !bytes.Equal(w.Term, g.Term) || w.Start != g.Start || w.End != g.End || w.Position != g.Position || w.Type != g.Type || w.KeyWord != g.KeyWord {
			return fmt.Errorf("token %d is %q@%d[%d:%d] type %d, the chain's %q@%d[%d:%d] type %d",
				i, g.Term, g.Position, g.Start, g.End, g.Type, w.Term, w.Position, w.Start, w.End, w.Type)
		}
	}
	return nil
}

// BenchmarkAnalyzeArchive measures the analysis of an archive's analysed
// fields (200 reports unless GONGKAI_BENCH_N) by bleve's chains and by
// zh's fused analyses, with the token frequencies the index then builds
// (leanField.Analyze); MB/s is of analysed text, cpu-ms/op the process's
// CPU time per op (garbage collection included, which a loaded machine
// distorts less than ns/op):
//
//	GONGKAI_BENCH_ARCHIVE=/tmp/q7/noidx go test ./index/bleve -run '^$' -bench AnalyzeArchive
func BenchmarkAnalyzeArchive(b *testing.B) {
	reports := archiveReports(b, 200)
	x, err := Open(b.TempDir()+"/index", Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	m := x.shards["all"].Mapping()
	var docs []map[string]any
	total := 0
	for _, r := range reports {
		d := document(r, true)
		docs = append(docs, d)
		for _, f := range []string{fTitle, fOffice, fBody, fBodyBi, fHeads} {
			s, _ := d[f].(string)
			total += len(s)
		}
	}
	for _, fused := range []bool{false, true} {
		b.Run(map[bool]string{false: "chain", true: "fused"}[fused], func(b *testing.B) {
			b.SetBytes(int64(total))
			b.ReportAllocs()
			runtime.GC()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				for j, d := range docs {
					doc, err := mapDocument(m, reports[j].ID, d, true)
					if err != nil {
						b.Fatal(err)
					}
					for _, f := range doc.Fields {
						if lf, ok := f.(*leanField); ok {
							if !fused {
								lf.fused = nil
							}
							lf.Analyze()
						}
					}
				}
			}
			runtime.GC() // the garbage of these ops is theirs
			b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
		})
	}
}
