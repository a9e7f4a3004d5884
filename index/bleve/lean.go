package bleveindex

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	banalysis "github.com/blevesearch/bleve/v2/analysis"
	bdocument "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/size"
	index "github.com/blevesearch/bleve_index_api"
)

// mapDocument maps the field map d of report id into a bleve document,
// as bleve's Batch.Index does (the same mapping, so the same fields,
// analyzers and options), and then makes its text fields lean
// (leanField): callers add it with Batch.IndexAdvanced.
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
		doc.Fields[i] = &leanField{TextField: tf, hanVectors: !(bigrams && tf.Name() == fBody)}
	}
	return doc, nil
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

	length int
	freqs  index.TokenFrequencies
	locs   int
}

// Analyze is TextField.Analyze with term vectors as described above.
func (f *leanField) Analyze() {
	val := f.Value()
	if f.Options().IsStored() {
		// Filters may change token bytes in place, and tokens share the
		// value's bytes: analyse a copy of a value that is stored (as
		// TextField does).
		val = bytes.Clone(val)
	}
	tokens := f.Analyzer().Analyze(val)
	f.length = len(tokens)
	if f.hanVectors || !f.Options().IncludeTermVectors() {
		f.freqs = banalysis.TokenFrequency(tokens, f.ArrayPositions(), f.Options())
		if f.Options().IncludeTermVectors() {
			f.locs = len(tokens)
		}
		return
	}
	f.freqs, f.locs = frequenciesWithoutHanVectors(tokens, f.ArrayPositions(), f.Options())
}

// frequenciesWithoutHanVectors is analysis.TokenFrequency with term vectors,
// except for tokens that hold a Han character: those are counted without
// a location. It returns the number of locations kept.
func frequenciesWithoutHanVectors(tokens banalysis.TokenStream, arrayPositions []uint64, options index.FieldIndexingOptions) (index.TokenFrequencies, int) {
	rv := make(index.TokenFrequencies, len(tokens)/2+1)
	keep := make([]bool, len(tokens))
	n := 0
	for i, t := range tokens {
		if !holdsHan(t.Term) {
			keep[i] = true
			n++
		}
	}
	tls := make([]index.TokenLocation, n)
	next := 0
	count := !options.SkipFreqNorm()
	for i, t := range tokens {
		curr, ok := rv[string(t.Term)]
		if !ok {
			curr = &index.TokenFreq{Term: t.Term}
			rv[string(t.Term)] = curr
		}
		if keep[i] {
			tls[next] = index.TokenLocation{ArrayPositions: arrayPositions, Start: t.Start, End: t.End, Position: t.Position}
			curr.Locations = append(curr.Locations, &tls[next])
			next++
		}
		if count {
			curr.SetFrequency(curr.Frequency() + 1)
		}
	}
	return rv, n
}

// holdsHan reports whether term holds a Han character.
func holdsHan(term []byte) bool {
	for i := 0; i < len(term); {
		if term[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(term[i:])
		if unicode.Is(unicode.Han, r) {
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
