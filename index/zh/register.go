package zh

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names registered in bleve's registry by this package.
const (
	WordTokenizer  = "gse"            // gse words with sub-words at their parent's position
	QueryTokenizer = "gse_query"      // gse words without sub-words
	WordAnalyzer   = "zh_words"       // gse + cjk_width + to_lower
	QueryAnalyzer  = "zh_words_query" // gse_query + cjk_width + to_lower: for phrase queries on a zh_words field
	BigramAnalyzer = "zh_bigram"      // unicode + cjk_width + to_lower + cjk_bigram (bleve's cjk analyzer)
)

// analyzerConfigs are the custom analyzer definitions, registered globally
// and added to mappings by AddAnalyzers.
func analyzerConfigs() map[string]map[string]interface{} {
	filters := []string{cjk.WidthName, lowercase.Name}
	return map[string]map[string]interface{}{
		WordAnalyzer: {
			"type": custom.Name, "tokenizer": WordTokenizer, "token_filters": filters,
		},
		QueryAnalyzer: {
			"type": custom.Name, "tokenizer": QueryTokenizer, "token_filters": filters,
		},
		BigramAnalyzer: {
			"type": custom.Name, "tokenizer": unicode.Name,
			"token_filters": []string{cjk.WidthName, lowercase.Name, cjk.BigramName},
		},
	}
}

// analyzerNames lists the analyzers in a fixed order.
var analyzerNames = []string{WordAnalyzer, QueryAnalyzer, BigramAnalyzer}

func init() {
	if err := register(); err != nil {
		panic(err)
	}
}

// register adds the tokenizers and analyzers to bleve's global registry.
// The dictionary is not loaded here: constructing a tokenizer is cheap and
// the segmenter loads on first Tokenize.
func register() error {
	tokenizers := map[string]bool{WordTokenizer: true, QueryTokenizer: false}
	for _, name := range []string{WordTokenizer, QueryTokenizer} {
		subwords := tokenizers[name]
		ctor := func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return &Tokenizer{subwords: subwords}, nil
		}
		if err := registry.RegisterTokenizer(name, ctor); err != nil {
			return fmt.Errorf("zh: register tokenizer %s: %w", name, err)
		}
	}
	configs := analyzerConfigs()
	for _, name := range analyzerNames {
		cfg := configs[name]
		ctor := func(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
			return custom.AnalyzerConstructor(cfg, cache)
		}
		if err := registry.RegisterAnalyzer(name, ctor); err != nil {
			return fmt.Errorf("zh: register analyzer %s: %w", name, err)
		}
	}
	return nil
}

// AddAnalyzers defines WordAnalyzer, QueryAnalyzer and BigramAnalyzer in m
// as custom analyzers, so that the mapping stored in an index spells them
// out. Opening such an index still needs this package imported (for the
// gse tokenizers).
func AddAnalyzers(m *mapping.IndexMappingImpl) error {
	configs := analyzerConfigs()
	for _, name := range analyzerNames {
		if err := m.AddCustomAnalyzer(name, configs[name]); err != nil {
			return fmt.Errorf("zh: add analyzer %s to mapping: %w", name, err)
		}
	}
	return nil
}
