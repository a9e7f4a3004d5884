package bleveindex

import (
	"context"
	"math"

	banalysis "github.com/blevesearch/bleve/v2/analysis"
	bdocument "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	"github.com/blevesearch/bleve/v2/size"
	index "github.com/blevesearch/bleve_index_api"

	gindex "gongkai/index"
)

// The figure fields (about 90 numeric fields, index.FigureKeys) are
// indexed with one term per value, its full-precision prefix-coded form
// (shift 0), instead of bleve's 16 (shifts 0, 4, …, 60, which let
// bleve's numeric range searcher cover a range with few terms). The 15
// lower-precision terms were each a posting, a dictionary entry of every
// segment and a doc value that every segment build and merge wrote again:
// the figures were about a sixth of the index's CPU time. A figure range
// is answered by figureRangeQuery instead, which reads the field's
// dictionary between the range's ends (only full-precision terms exist,
// and they sort as their values) and ORs those terms' postings. The hits
// are exactly those of bleve's NumericRangeQuery on the old mapping
// (figure_test.go compares them on every figure field); sorting by a
// figure reads the full-precision term of the doc values, as before.
//
// The year and seq fields keep bleve's numeric field: they are two, and
// the year's range query is the one the goldens rank.

// figureEncoding names how figures are indexed; it is hashed into the
// mapping's version (codeVersions), so an index built with bleve's 16
// terms per figure is refused as outdated (ErrVersionMismatch, part
// "mapping"): on such an index figureRangeQuery would find the values'
// full-precision terms as well, but the encoding must not be left to
// chance.
const figureEncoding = "figures: one full-precision term per value (figure.go)"

// legacyFigures makes the package index and query figures as bleve does
// (16 terms, NumericRangeQuery) and version the index as before this
// encoding: the tests build such an index to compare hits and to check
// that it is refused.
var legacyFigures = false

// figureSet is the set of figure fields.
var figureSet = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range gindex.FigureKeys() {
		m[gindex.FieldName(k)] = true
	}
	return m
}()

// isFigure reports whether field is a figure field.
func isFigure(field string) bool { return figureSet[field] }

// figureField is a bleve numeric field indexed with its full-precision
// term only. Name, value, options (doc values on) and stored form are the
// NumericField's.
type figureField struct {
	*bdocument.NumericField
	freqs index.TokenFrequencies
}

// Analyze makes the field's one token: the full-precision prefix-coded
// value, as NumericField.Analyze makes its first.
func (f *figureField) Analyze() {
	v := f.Value()
	tok := banalysis.Token{Start: 0, End: len(v), Term: v, Position: 1, Type: banalysis.Numeric}
	f.freqs = banalysis.TokenFrequency(banalysis.TokenStream{&tok}, f.ArrayPositions(), f.Options())
}

func (f *figureField) AnalyzedLength() int                              { return 1 }
func (f *figureField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// Size estimates the field's memory (bleve uses it for statistics only).
func (f *figureField) Size() int {
	return f.NumericField.Size() + size.SizeOfPtr + f.freqs.Size()
}

// leanFigures replaces the figure fields of doc by figureFields.
func leanFigures(doc *bdocument.Document) {
	if legacyFigures {
		return
	}
	for i, fl := range doc.Fields {
		if nf, ok := fl.(*bdocument.NumericField); ok && isFigure(nf.Name()) {
			doc.Fields[i] = &figureField{NumericField: nf}
		}
	}
}

// figureRangeQuery matches the documents whose figure field's value lies
// in a range, with bleve's numeric range semantics (NewNumericRangeSearcher):
// the ends are taken as the sortable int64 of their float64
// (numeric.Float64ToInt64), an open end is −∞ or +∞, and an exclusive end
// moves by one in that int64 order; a missing inclusiveness means an
// inclusive minimum and an exclusive maximum.
//
// Its score is the same for every hit (the boost, times the query norm,
// as bleve's ConstantScorer): a figure condition filters. bleve's range
// scored a hit by the idf of whichever prefix-coded term covered its
// value, an accident of the value's binary digits, so hits ranked by
// relevance under a figure condition are now ordered by the rest of the
// query (and ties), not by that accident. An empty range (lo > hi) has no
// hits; bleve's searcher enumerated terms without end on one, and on some
// ranges whose ends are float64 neighbours (figure_test.go).
type figureRangeQuery struct {
	field            string
	min, max         *float64
	inclMin, inclMax *bool
	boost            float64
}

func newFigureRange(field string, min, max *float64, inclMin, inclMax *bool) *figureRangeQuery {
	return &figureRangeQuery{field: field, min: min, max: max, inclMin: inclMin, inclMax: inclMax, boost: 1}
}

// bounds returns the range as inclusive int64 ends (lo > hi: empty), as
// NewNumericRangeSearcher computes them.
func (q *figureRangeQuery) bounds() (lo, hi int64) {
	min, max := math.Inf(-1), math.Inf(1)
	if q.min != nil {
		min = *q.min
	}
	if q.max != nil {
		max = *q.max
	}
	inclMin, inclMax := true, false
	if q.inclMin != nil {
		inclMin = *q.inclMin
	}
	if q.inclMax != nil {
		inclMax = *q.inclMax
	}
	lo = numeric.Float64ToInt64(min)
	if !inclMin && lo != math.MaxInt64 {
		lo++
	}
	hi = numeric.Float64ToInt64(max)
	if !inclMax && hi != math.MinInt64 {
		hi--
	}
	return lo, hi
}

// terms returns the full-precision terms of the field in r whose values
// lie in [lo, hi], in dictionary order. Prefix-coded terms of one shift
// sort as their values, so the dictionary range between the ends' terms
// holds exactly them; each is decoded and checked all the same.
func (q *figureRangeQuery) terms(r index.IndexReader, lo, hi int64) ([][]byte, error) {
	d, err := r.FieldDictRange(q.field, numeric.MustNewPrefixCodedInt64(lo, 0), numeric.MustNewPrefixCodedInt64(hi, 0))
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var out [][]byte
	for {
		e, err := d.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return out, nil
		}
		p := numeric.PrefixCoded(e.Term)
		if shift, err := p.Shift(); err != nil || shift != 0 {
			continue
		}
		v, err := p.Int64()
		if err != nil || v < lo || v > hi {
			continue
		}
		out = append(out, []byte(e.Term))
	}
}

// Searcher implements query.Query: the union of the terms' postings
// (read without frequencies or norms: bleve ORs their bitmaps), scored
// with the boost.
func (q *figureRangeQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opt search.SearcherOptions) (search.Searcher, error) {
	lo, hi := q.bounds()
	var terms [][]byte
	if lo <= hi {
		var err error
		if terms, err = q.terms(r, lo, hi); err != nil {
			return nil, err
		}
	}
	if len(terms) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	nopt := opt
	nopt.Score = "none"
	nopt.IncludeTermVectors = false
	nopt.Explain = false
	in, err := searcher.NewMultiTermSearcherBytes(ctx, r, terms, q.field, 1, nopt, false)
	if err != nil {
		return nil, err
	}
	return &constantSearcher{Searcher: in, boost: q.boost, score: q.boost, explain: opt.Explain, field: q.field}, nil
}

// constantSearcher gives every match of the searcher it wraps the same
// score.
type constantSearcher struct {
	search.Searcher
	boost   float64
	score   float64 // the boost, times the query norm once set
	explain bool
	field   string
}

func (s *constantSearcher) set(m *search.DocumentMatch) *search.DocumentMatch {
	if m != nil {
		m.Score = s.score
		if s.explain {
			m.Expl = &search.Explanation{Value: s.score, Message: "figure range on " + s.field + " (constant score)"}
		}
	}
	return m
}

// Next returns the next match with the constant score.
func (s *constantSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	m, err := s.Searcher.Next(ctx)
	return s.set(m), err
}

// Advance returns the first match at or after id with the constant score.
func (s *constantSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	m, err := s.Searcher.Advance(ctx, id)
	return s.set(m), err
}

// Weight and SetQueryNorm are those of bleve's ConstantScorer (as of a
// match-all clause): the clause weighs boost² in the query norm, and its
// score is the boost times the norm.
func (s *constantSearcher) Weight() float64        { return s.boost * s.boost }
func (s *constantSearcher) SetQueryNorm(n float64) { s.score = s.boost * n }

// Size estimates the searcher's memory.
func (s *constantSearcher) Size() int { return 48 + s.Searcher.Size() }
