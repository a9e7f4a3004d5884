package zh

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// indexTerms returns the terms the words analyzer indexes for texts, with
// counts, as bleve's FieldDict would list them.
func indexTerms(t testing.TB, texts []string) map[string]int {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(WordAnalyzer)
	if err != nil {
		t.Fatal(err)
	}
	terms := map[string]int{}
	for _, text := range texts {
		for _, tok := range a.Analyze([]byte(text)) {
			terms[string(tok.Term)]++
		}
	}
	return terms
}

// allIndexed reports whether every term of ts is in terms.
func allIndexed(ts analysis.TokenStream, terms map[string]int) bool {
	for _, tok := range ts {
		if terms[string(tok.Term)] == 0 {
			return false
		}
	}
	return true
}

// withFull restores the full segmenter after a test that switches.
func withFull(t *testing.T) *segmenter {
	t.Helper()
	s, err := full()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { active.Store(s) })
	return s
}

// TestVocabulary_SameTokens: the compact dictionary built from the indexed
// terms of a corpus segments every sentence of that corpus (words and
// sub-words, offsets and positions) exactly as the full dictionary does.
func TestVocabulary_SameTokens(t *testing.T) {
	fullSeg := withFull(t)
	texts := corpusTexts(t, 200)
	terms := indexTerms(t, texts)
	var buf bytes.Buffer
	if err := WriteVocabulary(&buf, terms); err != nil {
		t.Fatal(err)
	}
	size := buf.Len()
	start := time.Now()
	compact, err := parseVocabulary(buf.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("vocabulary: %d words, %d bytes, compact load %v (full dictionary: %d words)",
		compact.seg.Dict.NumTokens(), size, time.Since(start), fullSeg.flat.numTokens())
	sents := sentences(texts)
	if len(sents) < 1000 {
		t.Fatalf("only %d sentences in the corpus", len(sents))
	}
	analyzer, err := registry.NewCache().AnalyzerNamed(WordAnalyzer)
	if err != nil {
		t.Fatal(err)
	}
	diff, skipped := 0, 0
	for _, s := range sents {
		if !allIndexed(analyzer.Analyze([]byte(s)), terms) {
			// gse breaks exact float ties by context, so a sentence
			// alone can split unlike the same words inside a document
			// (报告中所列: 中所|列 alone, 中|所列 in its report).
			skipped++
			continue
		}
		for _, sub := range []bool{true, false} {
			want := render(tokenize(fullSeg, []byte(s), sub))
			if got := render(tokenize(compact, []byte(s), sub)); got != want {
				diff++
				if diff <= 5 {
					t.Errorf("sub-words %v, %q\ncompact: %s\n   full: %s", sub, s, got, want)
				}
			}
		}
	}
	t.Logf("%d sentences, %d made of indexed words compared, %d differ", len(sents), len(sents)-skipped, diff)
	if skipped > len(sents)/100 {
		t.Errorf("%d of %d sentences hold words that were not indexed", skipped, len(sents))
	}
}

// TestVocabulary_HeldOut measures (and logs) how often text that was NOT
// indexed segments differently with the compact dictionary: words that are
// not in the index cannot match anyway, but their neighbours may split
// differently.
func TestVocabulary_HeldOut(t *testing.T) {
	fullSeg := withFull(t)
	texts := corpusTexts(t, 100)
	var buf bytes.Buffer
	if err := WriteVocabulary(&buf, indexTerms(t, texts[:50])); err != nil {
		t.Fatal(err)
	}
	compact, err := parseVocabulary(buf.String())
	if err != nil {
		t.Fatal(err)
	}
	sents, diff := sentences(texts[50:]), 0
	for _, s := range sents {
		if render(tokenize(fullSeg, []byte(s), false)) != render(tokenize(compact, []byte(s), false)) {
			diff++
		}
	}
	t.Logf("held-out sentences: %d, segmented differently: %d", len(sents), diff)
}

// TestUseVocabulary switches the process to compact mode and back.
func TestUseVocabulary(t *testing.T) {
	withFull(t)
	var buf bytes.Buffer
	if err := WriteVocabulary(&buf, map[string]int{"政府信息公开": 3, "条例": 1, "年度报告": 2, "bad word": 1, "": 1}); err != nil {
		t.Fatal(err)
	}
	if Compact() {
		t.Fatal("compact before UseVocabulary")
	}
	if err := UseVocabulary(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if !Compact() {
		t.Fatal("not compact after UseVocabulary")
	}
	got := Segment("政府信息公开条例年度报告")
	if len(got) == 0 || got[0].Term != "政府信息公开条例" {
		t.Errorf("compact segmentation: %v", got)
	}
}

// TestUseVocabulary_Errors: damaged or foreign files are refused and leave
// the segmenter as it was.
func TestUseVocabulary_Errors(t *testing.T) {
	s := withFull(t)
	var buf bytes.Buffer
	if err := WriteVocabulary(&buf, map[string]int{"条例": 1}); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	tests := []struct {
		name, file string
		is         error
	}{
		{"empty", "", nil},
		{"not a vocabulary", "hello\nworld\nfoo\n", nil},
		{"other version", strings.Replace(good, "analysis v1", "analysis v0", 1), ErrVocabularyVersion},
		{"bad total", strings.Replace(good, "total ", "total x", 1), nil},
		{"truncated", good[:len(good)/2], nil},
		{"invalid UTF-8", good + "\xff\xfe 5 n\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			active.Store(s)
			err := UseVocabulary(strings.NewReader(tc.file))
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Fatalf("error %v, want %v", err, tc.is)
			}
			if Compact() {
				t.Fatal("switched to compact on error")
			}
		})
	}
}

// TestLoadTimes logs the load time of the full dictionaries (zh_s, which
// the package uses, and zh) and compares their segmentation of the corpus.
// It loads both dictionaries again, so it is skipped with -short.
func TestLoadTimes(t *testing.T) {
	if testing.Short() {
		t.Skip("loads two full dictionaries")
	}
	segs := map[string]*segmenter{}
	for _, name := range []string{"zh_s", "zh"} {
		start := time.Now()
		s, err := loadFull(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("full dictionary %s: %d words, load %v", name, s.flat.numTokens(), time.Since(start))
		segs[name] = s
	}
	sents, diff := sentences(corpusTexts(t, 100)), 0
	for _, s := range sents {
		a := render(tokenize(segs["zh_s"], []byte(s), false))
		if b := render(tokenize(segs["zh"], []byte(s), false)); a != b {
			diff++
			if diff <= 3 {
				t.Logf("zh_s: %s\n  zh: %s", a, b)
			}
		}
	}
	t.Logf("zh_s vs zh: %d of %d sentences segmented differently", diff, len(sents))
}
