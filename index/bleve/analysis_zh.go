package bleveindex

import (
	"bufio"
	"fmt"
	"os"

	"github.com/blevesearch/bleve/v2/mapping"

	"gongkai/index/zh"
)

// chinese is the analysis of the index: gse words (sub-words at their
// parent word's position) and CJK bigrams, from index/zh. Phrase queries
// on the word field are analysed without sub-words (zh.QueryAnalyzer).
var chinese = analysis{
	word:        zh.WordAnalyzer,
	bigram:      zh.BigramAnalyzer,
	phraseQuery: zh.QueryAnalyzer,
	version:     zh.Version,
	add:         func(m *mapping.IndexMappingImpl) error { return zh.AddAnalyzers(m) },
	compact:     zh.Compact,
}

// useVocabularyFile loads the compact query-time dictionary (zh.UseVocabulary).
func useVocabularyFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return zh.UseVocabulary(bufio.NewReader(f))
}

// writeVocabularyFile writes the compact query-time dictionary of the
// indexed terms (zh.WriteVocabulary), atomically.
func writeVocabularyFile(path string, terms map[string]int) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	err = zh.WriteVocabulary(w, terms)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
