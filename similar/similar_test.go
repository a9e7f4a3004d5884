package similar

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestSentencesAndNormalize(t *testing.T) {
	got := Sentences("一、总体情况\n本年度，共收到申请12件。其中予以公开3件；不予公开1件！\r\n\n")
	want := []string{"一、总体情况", "本年度，共收到申请12件。", "其中予以公开3件；", "不予公开1件！"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Sentences = %q, want %q", got, want)
	}
	if n := string(Normalize("本年度，共收到申请１２件（ABC）。")); n != "本年度共收到申请0件abc" {
		t.Fatalf("Normalize = %q", n)
	}
}

// evaluate measures a result against the generated archive's truth.
//
// A found passage is right when most of its sentences (template lines
// aside) truly came from, or are the origin of, a sentence of its source.
// An injected copy is found when passages between its report and its
// source cover at least half of its sentences (and at least 2).
func evaluate(t testing.TB, g *genArchive, res *Result) (precision, recall float64, missed, wrong []string) {
	return evaluateModes(t, g, res, nil)
}

// evaluateModes is evaluate, also counting found/injected per kind and mode
// ("self exact", "other edited", "other county" …) into modes when non-nil.
func evaluateModes(t testing.TB, g *genArchive, res *Result, modes map[string][2]int) (precision, recall float64, missed, wrong []string) {
	origins := map[string][]uint64{}
	var truth []copyRec
	g.source() // for symmetry with Find: the truth comes from the same generator
	for c := range g.o.Counties {
		for o := range g.o.Offices {
			for y := range g.o.Years {
				d, or, cps := g.doc(c, o, y)
				origins[d.ID] = or
				truth = append(truth, cps...)
			}
		}
	}
	has := map[string]map[uint64]bool{}
	for id, or := range origins {
		m := map[uint64]bool{}
		for _, x := range or {
			if x != 0 {
				m[x] = true
			}
		}
		has[id] = m
	}
	right := 0
	covered := map[string]map[int]bool{} // report|source → sentences in passages
	for _, p := range res.Passages {
		k := p.Report + "|" + p.Source
		if covered[k] == nil {
			covered[k] = map[int]bool{}
		}
		good, all := 0, 0
		for i := p.From; i < p.To; i++ {
			covered[k][i] = true
			x := origins[p.Report][i]
			if x == 0 {
				continue
			}
			all++
			if has[p.Source][x] {
				good++
			}
		}
		if all > 0 && 2*good > all {
			right++
		} else if len(wrong) < 5 {
			wrong = append(wrong, fmt.Sprintf("%s ← %s %s [%d,%d): %s ≈ %s", p.Report, p.Source, p.Kind, p.From, p.To, p.Text, p.SourceText))
		}
	}
	found := 0
	for _, cp := range truth {
		n := 0
		for _, i := range cp.Sents {
			if covered[cp.Report+"|"+cp.Source][i] {
				n++
			}
		}
		ok := n >= 2 && 2*n >= len(cp.Sents)
		if modes != nil {
			m := modes[cp.Kind+" "+cp.Mode]
			m[1]++
			if ok {
				m[0]++
			}
			modes[cp.Kind+" "+cp.Mode] = m
		}
		if ok {
			found++
		} else if len(missed) < 5 {
			missed = append(missed, fmt.Sprintf("%s ← %s %s %s %v (covered %d)", cp.Report, cp.Source, cp.Kind, cp.Mode, cp.Sents, n))
		}
	}
	// Other-office copies run both ways: the source also holds the copied
	// passage, so each injected other-office copy is expected in both
	// directions.
	for _, cp := range truth {
		if cp.Kind != KindOther || cp.Mode == "county" {
			continue
		}
		n := 0
		for i := range origins[cp.Source] {
			if x := origins[cp.Source][i]; x != 0 && has[cp.Report][x] && covered[cp.Source+"|"+cp.Report][i] {
				n++
			}
		}
		if n >= 2 {
			found++
		} else if len(missed) < 5 {
			missed = append(missed, fmt.Sprintf("%s ← %s (reverse of an other-office copy, covered %d)", cp.Source, cp.Report, n))
		}
	}
	want := len(truth)
	for _, cp := range truth {
		if cp.Kind == KindOther && cp.Mode != "county" {
			want++
		}
	}
	if len(res.Passages) == 0 || want == 0 {
		t.Fatalf("nothing to measure: %d passages found, %d injected", len(res.Passages), want)
	}
	return float64(right) / float64(len(res.Passages)), float64(found) / float64(want), missed, wrong
}

// TestPrecisionRecall measures the detector on a generated archive with
// known copies: exact, lightly edited and reordered, from the office's
// previous report, from another office the same year, and county templates.
func TestPrecisionRecall(t *testing.T) {
	g := &genArchive{genOpts{Counties: 40, Offices: 8, Years: 4, Seed: 1, PSelf: 0.4, POther: 0.25, PCounty: 0.15}}
	res, err := Find(context.Background(), g.source(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	modes := map[string][2]int{}
	p, r, missed, wrong := evaluateModes(t, g, res, modes)
	t.Logf("%d reports, %d passages; precision %.4f, recall %.4f; stats %+v", g.n(), len(res.Passages), p, r, res.Stats)
	for _, k := range []string{"self exact", "self edited", "self reordered", "other exact", "other edited", "other reordered", "other county"} {
		if m := modes[k]; m[1] > 0 {
			t.Logf("recall %-16s %4d / %4d = %.4f", k, m[0], m[1], float64(m[0])/float64(m[1]))
		}
	}
	for _, m := range missed {
		t.Logf("missed: %s", m)
	}
	for _, w := range wrong {
		t.Logf("wrong: %s", w)
	}
	if p < 0.95 || r < 0.95 {
		t.Errorf("precision %.4f, recall %.4f: want both ≥ 0.95", p, r)
	}
	// Template text was learned: every report has some, and none of it is
	// counted as copied.
	for _, s := range res.Shares[:20] {
		if s.Boilerplate == 0 {
			t.Errorf("report %s: no template text learned (%+v)", s.Report, s)
		}
		if s.Copied > s.Chars-s.Boilerplate {
			t.Errorf("report %s: more copied than its own text (%+v)", s.Report, s)
		}
	}
	// The statutory opening and the table rows are template text, not
	// passages.
	for _, ps := range res.Passages {
		if strings.Contains(ps.Text, "统计期限") || strings.Contains(ps.Text, "本年新收") {
			t.Fatalf("template text in a passage: %+v", ps)
		}
	}
}

// TestNoCopiesNoPassages: an archive without injected copies gives no
// passages (template text alone is not copying).
func TestNoCopiesNoPassages(t *testing.T) {
	g := &genArchive{genOpts{Counties: 20, Offices: 6, Years: 3, Seed: 2}}
	res, err := Find(context.Background(), g.source(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Passages) != 0 {
		t.Fatalf("%d passages in an archive without copies, first %+v", len(res.Passages), res.Passages[0])
	}
	if res.Stats.Boilerplate == 0 {
		t.Fatal("no template text learned")
	}
}

func TestDuplicateDocument(t *testing.T) {
	src := func(yield func(Doc) error) error {
		for range 2 {
			if err := yield(Doc{ID: "a", Text: "x"}); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := Find(context.Background(), src, Options{}); err == nil || !strings.Contains(err.Error(), "document a given twice") {
		t.Fatalf("err = %v", err)
	}
}

// peakHeap samples the live heap while f runs.
func peakHeap(f func()) uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	return peak.Load()
}

// BenchmarkFind measures the detector at archive scale against a baseline:
// one plain pass over the same documents (generate, split, normalise),
// which Find does twice plus its own work. GONGKAI_SIMILAR_N sets the
// number of reports (default 10,000; the closing note's figure is 100,000).
//
//	nice go test ./similar -run - -bench Find -benchtime 1x -timeout 60m
func BenchmarkFind(b *testing.B) {
	n := envInt("GONGKAI_SIMILAR_N", 10000)
	g := &genArchive{genOpts{Counties: max(1, n/40), Offices: 10, Years: 4, Seed: 3, PSelf: 0.3, POther: 0.15, PCounty: 0.1}}
	for range b.N {
		runtime.GC()
		t0 := time.Now()
		var sents int
		basePeak := peakHeap(func() {
			g.source()(func(d Doc) error {
				for _, s := range Sentences(d.Text) {
					Normalize(s)
					sents++
				}
				return nil
			})
		})
		base := time.Since(t0)
		runtime.GC()
		var res *Result
		t1 := time.Now()
		peak := peakHeap(func() {
			var err error
			if res, err = Find(context.Background(), g.source(), Options{}); err != nil {
				b.Fatal(err)
			}
		})
		el := time.Since(t1)
		b.ReportMetric(float64(g.n()), "reports")
		b.ReportMetric(el.Seconds(), "s/find")
		b.ReportMetric(base.Seconds(), "s/baseline-pass")
		b.ReportMetric(el.Seconds()/base.Seconds(), "x-baseline")
		b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
		b.Logf("%d reports, %d sentences: Find %v (%.1f× one plain pass of %v), peak heap %d MiB (baseline pass %d MiB); %+v",
			g.n(), sents, el.Round(time.Millisecond), el.Seconds()/base.Seconds(), base.Round(time.Millisecond), peak>>20, basePeak>>20, res.Stats)
	}
}
