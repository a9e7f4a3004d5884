package zh

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Term is one token of an analyzed text: its form after the analyzer's
// filters (width folding, lower case, bigrams) and its 1-based position.
type Term struct {
	Text     string
	Position int
}

// Analyzer runs one of this package's analyzers (WordAnalyzer,
// QueryAnalyzer, BigramAnalyzer) for code that is not a bleve index — a
// backend that sends pre-segmented text to another engine (index/sphinx),
// so that it tokenizes exactly as the bleve backend does without
// depending on bleve's types. It is safe for concurrent use.
type Analyzer struct{ an analysis.Analyzer }

// NewAnalyzer returns the analyzer registered under name.
func NewAnalyzer(name string) (*Analyzer, error) {
	an, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		return nil, fmt.Errorf("zh: analyzer %s: %w", name, err)
	}
	return &Analyzer{an}, nil
}

// Analyze returns the terms of text in order.
func (a *Analyzer) Analyze(text string) []Term {
	ts := a.an.Analyze([]byte(text))
	out := make([]Term, len(ts))
	for i, t := range ts {
		out[i] = Term{Text: string(t.Term), Position: t.Position}
	}
	return out
}
