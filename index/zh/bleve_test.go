package zh

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// newTestMapping indexes body twice: gse words and bigrams.
func newTestMapping(t *testing.T) *mapping.IndexMappingImpl {
	t.Helper()
	m := bleve.NewIndexMapping()
	if err := AddAnalyzers(m); err != nil {
		t.Fatal(err)
	}
	words := bleve.NewTextFieldMapping()
	words.Analyzer = WordAnalyzer
	bigrams := bleve.NewTextFieldMapping()
	bigrams.Analyzer = BigramAnalyzer
	bigrams.Store = false
	bigrams.Name = "body_bi"
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("body", words, bigrams)
	m.DefaultMapping = doc
	return m
}

// TestBleve_OnDisk creates an index with both analyzers, closes it, reopens
// it with bleve.Open (the analyzers come back from the registry this
// package filled) and runs word, sub-word and phrase queries.
func TestBleve_OnDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := bleve.New(dir, newTestMapping(t))
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{
		"d1": "根据《中华人民共和国政府信息公开条例》规定",
		"d2": "信息公开的及时性有待提高",
		"d3": "本条例自公布之日起施行",
		"d4": "本年度依申请公开政府信息37件",
		"d5": "主动公开信息情况",
	}
	for id, body := range docs {
		if err := idx.Index(id, map[string]string{"body": body}); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	idx, err = bleve.Open(dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer idx.Close()

	match := func(field, text string) query.Query {
		q := bleve.NewMatchQuery(text)
		q.SetField(field)
		q.SetOperator(query.MatchQueryOperatorAnd)
		return q
	}
	phrase := func(field, analyzer, text string) query.Query {
		q := bleve.NewMatchPhraseQuery(text)
		q.SetField(field)
		q.Analyzer = analyzer
		return q
	}
	tests := []struct {
		name string
		q    query.Query
		want string
	}{
		{"word", match("body", "行政复议"), ""},
		{"sub-word 条例 finds the compound", match("body", "条例"), "d1 d3"},
		{"sub-word 信息公开", match("body", "信息公开"), "d1 d2"},
		{"number", match("body", "37"), "d4"},
		{"phrase of consecutive parent words", phrase("body", QueryAnalyzer, "依申请公开政府信息"), "d4"},
		{"phrase with the index analyzer over-matches on sub-words", phrase("body", "", "依申请公开政府信息"), "d4 d5"},
		{"phrase starting with a sub-word that ends where its parent ends", phrase("body", QueryAnalyzer, "人民共和国政府信息公开条例"), "d1"},
		{"phrase ending with a sub-word that starts its parent", phrase("body", QueryAnalyzer, "中华人民共和国政府信息公开"), "d1"},
		{"phrase of two sub-words of one compound: words miss it", phrase("body", QueryAnalyzer, "信息公开条例"), ""},
		{"phrase of two sub-words of one compound: bigrams find it", phrase("body_bi", BigramAnalyzer, "信息公开条例"), "d1"},
		{"phrase of whole words", phrase("body", QueryAnalyzer, "中华人民共和国政府信息公开条例"), "d1"},
		// A field renamed by FieldMapping.Name ("body_bi" under property
		// "body") is not found by AnalyzerNameForPath in the default
		// mapping: the query must name its analyzer.
		{"bigram substring", phrase("body_bi", BigramAnalyzer, "公开条例"), "d1"},
		{"bigram phrase across words", phrase("body_bi", BigramAnalyzer, "中华人民共和国政府信息公开"), "d1"},
		{"bigram field with the default analyzer finds nothing", phrase("body_bi", "", "公开条例"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := idx.Search(bleve.NewSearchRequest(tc.q))
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			slices.Sort(ids)
			if got := strings.Join(ids, " "); got != tc.want {
				t.Errorf("hits %q, want %q", got, tc.want)
			}
		})
	}
}

// TestVersion checks the format of Version and that the pinned gse
// version is the one in the build.
func TestVersion(t *testing.T) {
	v := Version()
	if !strings.HasPrefix(v, "gse "+gseVersion+" / dict ") || !strings.HasSuffix(v, " / "+analysisVersion) {
		t.Fatalf("Version() = %q", v)
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		if len(f) >= 2 && f[0] == "github.com/go-ego/gse" {
			if f[1] != gseVersion {
				t.Fatalf("go.mod requires gse %s, Version() says %s", f[1], gseVersion)
			}
			return
		}
	}
	t.Fatal("gse not required in go.mod")
}

// TestAddAnalyzers_Twice: a mapping refuses a second definition, with an
// error naming the analyzer.
func TestAddAnalyzers_Twice(t *testing.T) {
	m := bleve.NewIndexMapping()
	if err := AddAnalyzers(m); err != nil {
		t.Fatal(err)
	}
	if err := AddAnalyzers(m); err == nil || !strings.Contains(err.Error(), WordAnalyzer) {
		t.Fatalf("second AddAnalyzers: %v", err)
	}
}
