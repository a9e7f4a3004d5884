package bleveindex

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	banalysis "github.com/blevesearch/bleve/v2/analysis"
	bdocument "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/size"
	index "github.com/blevesearch/bleve_index_api"

	"gongkai/index/zh"
)

// mapDocument maps the field map d of report id into a bleve document,
// as bleve's Batch.Index does (the same mapping, so the same fields,
// analyzers and options), and then makes its text fields lean
// (leanField) and its figure fields one term each (figureField, figure.go):
// callers add it with Batch.IndexAdvanced.
func mapDocument(m mapping.IndexMapping, id string, d map[string]any, bigrams bool) (*bdocument.Document, error) {
	doc := bdocument.NewDocument(id)
	if err := m.MapDocument(doc, d); err != nil {
		return nil, fmt.Errorf("map report %s: %w", id, err)
	}
	for i, f := range doc.Fields {
		tf, ok := f.(*bdocument.TextField)
		if !ok || tf.Analyzer() == nil {
			continue
		}
		doc.Fields[i] = &leanField{TextField: tf, hanVectors: !(bigrams && tf.Name() == fBody), fused: fusedAnalysis(m, tf.Analyzer())}
	}
	leanFigures(doc)
	return doc, nil
}

// fusedAnalysis returns zh's fused analysis for an of m when it is one of
// zh's analyzers (the same tokens for less, zh.Fused), else nil.
func fusedAnalysis(m mapping.IndexMapping, an banalysis.Analyzer) func([]byte) banalysis.TokenStream {
	da, ok := an.(*banalysis.DefaultAnalyzer) // zh's analyzers are custom ones
	if !ok {
		return nil
	}
	for _, name := range []string{zh.WordAnalyzer, zh.BigramAnalyzer} {
		if named, ok := m.AnalyzerNamed(name).(*banalysis.DefaultAnalyzer); ok && named == da {
			return zh.Fused(name)
		}
	}
	return nil
}

// leanField is a bleve text field that costs less to index than
// document.TextField and indexes the same terms, frequencies and field
// length (so the same BM25 scores):
//
//   - In an index with body_bi (hanVectors false: the body of ModeHybrid),
//     a body token that holds a Han character gets no term vector (its
//     positions and offsets). Term vectors are only read by phrases, and a
//     phrase on the body's words is only run for strings without Han
//     characters (bodyPhrase: those with Han are the bigram phrase on
//     body_bi and term queries on the body's tokens): its tokens hold no
//     Han, and they keep their vectors. The body's Han tokens are most of
//     its tokens; their vectors were about a third of all the locations an
//     index stored, which every segment build and merge writes again.
//   - Size does not walk the token frequencies (bleve's TextField.Size
//     visits every term of a document twice per batch, only for its
//     statistics).
//
// Everything else (name, value, options, stored form) is the TextField's.
type leanField struct {
	*bdocument.TextField
	hanVectors bool // false: tokens with a Han character get no term vector
	// fused is the analyzer's fused analysis (zh.Fused), nil for others.
	fused func([]byte) banalysis.TokenStream

	length int
	freqs  index.TokenFrequencies
	locs   int
}

// Analyze is TextField.Analyze with term vectors as described above.
func (f *leanField) Analyze() {
	val := f.Value()
	var tokens banalysis.TokenStream
	switch {
	case f.fused != nil:
		// The fused analyses do not change their input (their terms may
		// share its bytes).
		tokens = f.fused(val)
	case f.Options().IsStored():
		// Filters may change token bytes in place, and tokens share the
		// value's bytes: analyse a copy of a value that is stored (as
		// TextField does).
		tokens = f.Analyzer().Analyze(bytes.Clone(val))
	default:
		tokens = f.Analyzer().Analyze(val)
	}
	f.length = len(tokens)
	f.freqs, f.locs = tokenFrequencies(tokens, f.ArrayPositions(), f.Options(), f.hanVectors)
}

// tokenFrequencies is analysis.TokenFrequency (the same terms,
// frequencies and locations, in token order) except that, when
// hanVectors is false, tokens that hold a Han character are counted
// without a location. It returns the number of locations kept.
//
// It allocates less than analysis.TokenFrequency, which allocates a
// TokenFreq and a Locations slice for every term and grows that slice
// token by token: here the TokenFreqs come from blocks, and the
// locations of each term are carved, once its tokens are counted, out of
// one slice of pointers with the exact length it needs (and no spare
// capacity, so that an append by bleve, as MergeAll does, copies them
// rather than writing over the next term's).
func tokenFrequencies(tokens banalysis.TokenStream, arrayPositions []uint64, options index.FieldIndexingOptions, hanVectors bool) (index.TokenFrequencies, int) {
	rv := make(index.TokenFrequencies, len(tokens)/2+8)
	vectors := options.IncludeTermVectors()
	slab := freqSlab{first: min(len(tokens), 256)}
	var per []*index.TokenFreq // each token's term, when there are vectors
	if vectors {
		per = make([]*index.TokenFreq, len(tokens))
	}
	for i, t := range tokens {
		curr, ok := rv[string(t.Term)]
		if !ok {
			curr = slab.next()
			curr.Term = t.Term
			rv[string(t.Term)] = curr
		}
		// Counted here whatever the options: the locations are carved by
		// it; reset below when the options skip frequencies.
		curr.SetFrequency(curr.Frequency() + 1)
		if vectors {
			per[i] = curr
		}
	}
	kept := 0
	if vectors {
		for _, b := range slab.blocks {
			for k := range b {
				if hanVectors || !holdsHan(b[k].Term) {
					kept += b[k].Frequency()
				}
			}
		}
	}
	if kept > 0 {
		ptrs := make([]*index.TokenLocation, kept)
		off := 0
		for _, b := range slab.blocks {
			for k := range b {
				tf := &b[k]
				if hanVectors || !holdsHan(tf.Term) {
					n := tf.Frequency()
					tf.Locations = ptrs[off : off : off+n]
					off += n
				}
			}
		}
		tls := make([]index.TokenLocation, kept)
		next := 0
		for i, t := range tokens {
			// A term's Locations has room exactly for its tokens' when
			// they keep their vectors, none otherwise.
			if tf := per[i]; len(tf.Locations) < cap(tf.Locations) {
				tls[next] = index.TokenLocation{ArrayPositions: arrayPositions, Start: t.Start, End: t.End, Position: t.Position}
				tf.Locations = append(tf.Locations, &tls[next])
				next++
			}
		}
	}
	if options.SkipFreqNorm() {
		for _, b := range slab.blocks {
			for k := range b {
				b[k].SetFrequency(0)
			}
		}
	}
	return rv, kept
}

// freqSlab hands out TokenFreqs from blocks that are never moved: the
// first of first entries (at most the field's tokens: many fields, such
// as every heading suffix, have one), then each twice the last, up to
// 4096.
type freqSlab struct {
	first  int
	blocks [][]index.TokenFreq
}

func (s *freqSlab) next() *index.TokenFreq {
	n := len(s.blocks)
	if n == 0 || len(s.blocks[n-1]) == cap(s.blocks[n-1]) {
		size := max(s.first, 1)
		if n > 0 {
			size = min(2*cap(s.blocks[n-1]), 4096)
		}
		s.blocks = append(s.blocks, make([]index.TokenFreq, 0, size))
		n++
	}
	b := &s.blocks[n-1]
	*b = (*b)[:len(*b)+1]
	return &(*b)[len(*b)-1]
}

// holdsHan reports whether term holds a Han character.
func holdsHan(term []byte) bool {
	for i := 0; i < len(term); {
		if term[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(term[i:])
		if zh.IsHan(r) {
			return true
		}
		i += n
	}
	return false
}

func (f *leanField) AnalyzedLength() int                              { return f.length }
func (f *leanField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// Size estimates the field's memory from its counts (bleve uses it for
// statistics only).
func (f *leanField) Size() int {
	return f.TextField.Size() + size.SizeOfPtr + len(f.freqs)*(size.SizeOfString+size.SizeOfPtr+48) +
		f.locs*(size.SizeOfPtr+48)
}
