package bleveindex

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/mapping"
)

// analysis is the indirection to the Chinese analysis package: the names of
// the word and bigram analyzers, how to register them in a mapping, and the
// version of the segmentation (dictionary included) that is stored with the
// index. fallbackAnalysis uses bleve's built-in cjk analyzer for both.
type analysis struct {
	word, bigram string
	phraseQuery  string // analyzer of phrase queries on the word field ("" = word)
	version      func() string
	add          func(*mapping.IndexMappingImpl) error
	compact      func() bool // true: this process may search but not index
}

// fallbackAnalysis is bleve's own CJK analyzer (unicode tokenizer + bigrams).
var fallbackAnalysis = analysis{
	word:    cjk.AnalyzerName,
	bigram:  cjk.AnalyzerName,
	version: func() string { return "bleve-cjk" },
	add:     func(*mapping.IndexMappingImpl) error { return nil },
	compact: func() bool { return false },
}

// Analysis modes (Options.Analysis).
const (
	// ModeHybrid indexes the body with words and with bigrams (the default).
	ModeHybrid = "hybrid"
	// ModeWords indexes the body with the word analyzer only (comparison).
	ModeWords = "words"
	// ModeCJK indexes the body with bleve's built-in cjk analyzer only
	// (the baseline of the comparisons and benchmarks).
	ModeCJK = "cjk"
)

// analysisFor returns the analyzers of a mode and whether body_bi exists.
func analysisFor(mode string) (analysis, bool, error) {
	switch mode {
	case "", ModeHybrid:
		return chinese, true, nil
	case ModeWords:
		return chinese, false, nil
	case ModeCJK:
		return fallbackAnalysis, false, nil
	}
	return analysis{}, false, fmt.Errorf("unknown analysis mode %q (want %s, %s or %s)", mode, ModeHybrid, ModeWords, ModeCJK)
}
