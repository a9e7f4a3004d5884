// Package zh is gongkai's Chinese text analysis for bleve.
//
// Importing the package registers, in bleve's global registry:
//
//   - the tokenizer "gse" (WordTokenizer): gse shortest-path words with
//     byte offsets taken from gse's own Segment offsets, 1-based positions
//     consecutive over kept tokens, whitespace and punctuation dropped, and
//     the dictionary sub-words of a long word (条例 and 信息公开 inside
//     政府信息公开条例) emitted at the SAME position as their parent word;
//   - the tokenizer "gse_query" (QueryTokenizer): the same words without
//     sub-words, for building phrase queries;
//   - the analyzers "zh_words" (WordAnalyzer), "zh_words_query"
//     (QueryAnalyzer) and "zh_bigram" (BigramAnalyzer, the equivalent of
//     bleve's cjk analyzer: unicode tokenizer, cjk_width, to_lower,
//     cjk_bigram).
//
// Fused returns, for WordAnalyzer and BigramAnalyzer, a function that
// gives exactly the analyzer's tokens (terms, positions, offsets, types)
// for less: the bigram chain in one pass, and cjk_width/to_lower skipped
// for the terms they leave unchanged. The bleve backend indexes with them;
// the registered analyzers and the mappings are unchanged, so existing
// indexes stay valid and queries are analysed by bleve's chains.
//
// Every program that opens an index whose mapping names these analyzers
// must import this package (bleve rebuilds analyzers from the registry when
// it opens an index). AddAnalyzers also defines them in a mapping.
//
// # Dictionary
//
// The segmenter is gse's embedded simplified-Chinese dictionary (zh_s) plus
// the government terms in userdict.txt, loaded before the embedded words
// so that their frequencies win. It is built once per process, on first
// use, and shared read-only by all goroutines: a process that indexes
// holds it as a pointer-free flat dictionary (flat.go) segmented by this
// package's own code, token for token as gse segments (gse stays the
// reference of the tests and the source of the precompiled form).
// Version identifies the
// segmentation; store it with an index and rebuild the index when it
// changes.
//
// # Compact query dictionary
//
// Loading the full dictionary takes about a second. A search-only process
// can instead call UseVocabulary with a file written by WriteVocabulary
// after indexing (the indexed words with their dictionary frequencies).
// That segmenter loads in milliseconds and segments any text made of
// indexed words exactly as the full one does. The switch is process-wide:
// a process in compact mode (Compact reports it) must not index, because
// words outside the vocabulary would be split differently. The index
// backend refuses writes when Compact is true.
package zh
