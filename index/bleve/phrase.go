package bleveindex

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// phraseQuery is bleve's MultiPhraseQuery (no slop, no fuzziness) with a
// cheaper phrase check. bleve's PhraseSearcher turns the term locations of
// every candidate document into maps and enumerates every phrase path
// (DocumentMatch.Complete, findPhrasePaths) to return them as the hit's
// locations; profiled on the benchmark mix that was about a quarter of
// the query time, most of it on the headings' bigram phrase, whose bigrams
// (政府信息公开, 行政复议 of the template's headings) are in nearly every
// report. This searcher builds the same searchers in the same way (so the
// candidates and scores are the same: a phrase hit scores as the
// conjunction of its terms, as in bleve) and only asks whether one path
// exists, from the locations as they come. When the caller wants term
// vectors (highlighting, locations) it is bleve's searcher.
//
// With at set, the phrase is sparse (sparseBigrams): terms[i] is the
// bigram at offset at[i] of the string, and a hit needs each at its
// position and touching the one before in the text's bytes (so that no
// bigram left out can differ).
type phraseQuery struct {
	field string
	terms [][]string // alternatives per position; no empty entries
	at    []int      // nil, or the offset of each position (sparse)
	boost float64
}

// Searcher implements query.Query.
func (q *phraseQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opt search.SearcherOptions) (search.Searcher, error) {
	if opt.IncludeTermVectors {
		mq := query.NewMultiPhraseQuery(q.gapped(), q.field)
		mq.SetBoost(q.boost)
		return mq.Searcher(ctx, r, m, opt)
	}
	// As searcher.NewMultiPhraseSearcher without fuzziness and synonyms.
	opt.IncludeTermVectors = true
	var parts []search.Searcher
	closeAll := func() {
		for _, s := range parts {
			s.Close()
		}
	}
	for _, alts := range q.terms {
		var ts []search.Searcher
		for _, t := range alts {
			s, err := searcher.NewTermSearcher(ctx, r, t, q.field, q.boost, opt)
			if err != nil {
				for _, s := range ts {
					s.Close()
				}
				closeAll()
				return nil, err
			}
			ts = append(ts, s)
		}
		if len(ts) == 1 {
			parts = append(parts, ts[0])
			continue
		}
		d, err := searcher.NewDisjunctionSearcher(ctx, r, ts, 1, opt)
		if err != nil {
			closeAll()
			return nil, err
		}
		parts = append(parts, d)
	}
	must, err := searcher.NewConjunctionSearcher(ctx, r, parts, opt)
	if err != nil {
		closeAll()
		return nil, err
	}
	s := &phraseSearcher{must: must, index: map[string][]int{}, pos: make([][]uint64, len(q.terms)), at: q.at}
	if q.at != nil {
		s.locs = make([][]termLoc, len(q.terms))
	}
	for i, alts := range q.terms {
		for _, t := range alts {
			s.index[t] = append(s.index[t], i)
		}
	}
	s.setNorm() // as PhraseSearcher.computeQueryNorm
	return s, nil
}

// gapped is the phrase as bleve's MultiPhraseQuery takes it: a sparse
// phrase's left-out positions are empty (any term).
func (q *phraseQuery) gapped() [][]string {
	if q.at == nil {
		return q.terms
	}
	out := make([][]string, q.at[len(q.at)-1]+1)
	for i := range out {
		out[i] = []string{""}
	}
	for i, at := range q.at {
		out[at] = q.terms[i]
	}
	return out
}

// phraseSearcher is the searcher of phraseQuery.
type phraseSearcher struct {
	must  search.Searcher  // conjunction of the positions' terms
	index map[string][]int // term → its positions in the phrase
	pos   [][]uint64       // per phrase position: the term positions in the current document
	at    []int            // sparse phrase: the offsets (phraseQuery.at)
	locs  [][]termLoc      // sparse phrase: per phrase position, the term locations
}

// termLoc is one location of a term: position, byte offsets, array element.
type termLoc struct {
	pos, start, end uint64
	array           search.ArrayPositions
}

func (s *phraseSearcher) setNorm() {
	w := s.must.Weight()
	s.must.SetQueryNorm(1.0 / math.Sqrt(w))
}

// Next returns the next candidate that holds the phrase.
func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		d, err := s.must.Next(ctx)
		if d == nil || err != nil {
			return nil, err
		}
		if s.holds(d) {
			return d, nil
		}
		ctx.DocumentMatchPool.Put(d)
	}
}

// Advance returns the first document at or after id that holds the phrase.
func (s *phraseSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.must.Advance(ctx, id)
	if d == nil || err != nil {
		return nil, err
	}
	if s.holds(d) {
		return d, nil
	}
	ctx.DocumentMatchPool.Put(d)
	return s.Next(ctx)
}

// holds reports whether the terms' locations in d make the phrase: a
// position p with the phrase's i-th term at p+i for every i (the same
// array element). The locations are dropped from d (nobody asked for them).
func (s *phraseSearcher) holds(d *search.DocumentMatch) bool {
	defer func() { d.FieldTermLocations = d.FieldTermLocations[:0] }()
	if s.at != nil {
		return s.holdsSparse(d.FieldTermLocations)
	}
	arrays := false
	for i := range s.pos {
		s.pos[i] = s.pos[i][:0]
	}
	for _, l := range d.FieldTermLocations {
		if len(l.Location.ArrayPositions) > 0 {
			arrays = true
		}
		for _, i := range s.index[l.Term] {
			s.pos[i] = append(s.pos[i], l.Location.Pos)
		}
	}
	if arrays {
		return s.holdsArrays(d.FieldTermLocations)
	}
	for i := range s.pos {
		if len(s.pos[i]) == 0 {
			return false
		}
		if !slices.IsSorted(s.pos[i]) {
			slices.Sort(s.pos[i])
		}
	}
next:
	for _, p := range s.pos[0] {
		for i := 1; i < len(s.pos); i++ {
			if _, ok := slices.BinarySearch(s.pos[i], p+uint64(i)); !ok {
				continue next
			}
		}
		return true
	}
	return false
}

// holdsSparse is holds for a sparse phrase: a location of the first
// bigram at position p and, for every next one, a location at p+at[i]
// that touches the one before: when the offsets differ by 2, it starts
// where that one ends (the two bigrams are four adjacent characters);
// by 1 (the last bigram of a string of odd length), it starts inside it,
// i.e. at its second character. Characters are adjacent in the text
// exactly when their bytes are (the bigram filter only pairs byte-adjacent
// characters, and positions run on across a break), so the string is in
// the text exactly when such a chain exists.
func (s *phraseSearcher) holdsSparse(ftls []search.FieldTermLocation) bool {
	for i := range s.locs {
		s.locs[i] = s.locs[i][:0]
	}
	for _, l := range ftls {
		for _, i := range s.index[l.Term] {
			s.locs[i] = append(s.locs[i], termLoc{l.Location.Pos, l.Location.Start, l.Location.End, l.Location.ArrayPositions})
		}
	}
	byPos := func(a, b termLoc) int { return cmp.Compare(a.pos, b.pos) }
	for i := range s.locs {
		if len(s.locs[i]) == 0 {
			return false
		}
		if !slices.IsSortedFunc(s.locs[i], byPos) {
			slices.SortFunc(s.locs[i], byPos)
		}
	}
next:
	for _, first := range s.locs[0] {
		prev := first
		for i := 1; i < len(s.locs); i++ {
			want := first.pos + uint64(s.at[i])
			j, ok := slices.BinarySearchFunc(s.locs[i], want, func(l termLoc, p uint64) int { return cmp.Compare(l.pos, p) })
			if !ok {
				continue next
			}
			found := false
			for ; j < len(s.locs[i]) && s.locs[i][j].pos == want; j++ {
				l := s.locs[i][j]
				touches := l.start == prev.end
				if s.at[i]-s.at[i-1] == 1 {
					touches = l.start > prev.start && l.start < prev.end
				}
				if touches && slices.Equal(l.array, prev.array) {
					prev, found = l, true
					break
				}
			}
			if !found {
				continue next
			}
		}
		return true
	}
	return false
}

// holdsArrays is holds for fields indexed from arrays (not used by this
// index's fields, kept for correctness): positions count within one
// element.
func (s *phraseSearcher) holdsArrays(ftls []search.FieldTermLocation) bool {
	for _, first := range ftls {
		if !slices.Contains(s.index[first.Term], 0) {
			continue
		}
		ok := true
		for i := 1; i < len(s.pos) && ok; i++ {
			ok = false
			for _, l := range ftls {
				if l.Location.Pos == first.Location.Pos+uint64(i) && slices.Contains(s.index[l.Term], i) &&
					slices.Equal(l.Location.ArrayPositions, first.Location.ArrayPositions) {
					ok = true
					break
				}
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (s *phraseSearcher) Close() error               { return s.must.Close() }
func (s *phraseSearcher) Weight() float64            { return s.must.Weight() }
func (s *phraseSearcher) SetQueryNorm(n float64)     { s.must.SetQueryNorm(n) }
func (s *phraseSearcher) Count() uint64              { return s.must.Count() }
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Size() int                  { return s.must.Size() }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() + 1 }
