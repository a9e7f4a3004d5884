package bleveindex

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// gateQuery matches the documents of inner that gate also matches, with
// inner's score. Unlike a conjunction, which advances every clause to
// every candidate, it moves inner only to documents gate has matched:
// inner is expensive (a bigram phrase reads positions), gate cheap (the
// reports without a certificate token), and in a filtered search the
// filters' candidates reach gate first.
type gateQuery struct {
	gate, inner query.Query
}

// Searcher implements query.Query.
func (q *gateQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opt search.SearcherOptions) (search.Searcher, error) {
	gopt := opt
	gopt.Score = "none"
	gopt.IncludeTermVectors = false
	g, err := q.gate.Searcher(ctx, r, m, gopt)
	if err != nil {
		return nil, err
	}
	in, err := q.inner.Searcher(ctx, r, m, opt)
	if err != nil {
		g.Close()
		return nil, err
	}
	return &gateSearcher{gate: g, inner: in}, nil
}

// gateSearcher is the searcher of gateQuery.
type gateSearcher struct {
	gate, inner search.Searcher
	held        *search.DocumentMatch // inner's match beyond the gate's last document
	done        bool
}

// Next returns the next document both searchers match.
func (s *gateSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	g, err := s.gate.Next(ctx)
	if err != nil {
		return nil, err
	}
	return s.align(ctx, g)
}

// Advance returns the first document at or after id both searchers match.
func (s *gateSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	g, err := s.gate.Advance(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.align(ctx, g)
}

// align moves the searchers forward from the gate's document g until
// they agree (or one is exhausted).
func (s *gateSearcher) align(ctx *search.SearchContext, g *search.DocumentMatch) (*search.DocumentMatch, error) {
	for {
		if g == nil {
			s.finish(ctx)
			return nil, nil
		}
		p := s.held
		s.held = nil
		if p == nil || p.IndexInternalID.Compare(g.IndexInternalID) < 0 {
			if p != nil {
				ctx.DocumentMatchPool.Put(p)
			}
			var err error
			if p, err = s.inner.Advance(ctx, g.IndexInternalID); err != nil {
				ctx.DocumentMatchPool.Put(g)
				return nil, err
			}
			if p == nil {
				ctx.DocumentMatchPool.Put(g)
				s.finish(ctx)
				return nil, nil
			}
		}
		if p.IndexInternalID.Equals(g.IndexInternalID) {
			ctx.DocumentMatchPool.Put(g)
			return p, nil
		}
		// inner is past g: bring the gate up to inner's document.
		s.held = p
		ctx.DocumentMatchPool.Put(g)
		var err error
		if g, err = s.gate.Advance(ctx, p.IndexInternalID); err != nil {
			return nil, err
		}
	}
}

func (s *gateSearcher) finish(ctx *search.SearchContext) {
	s.done = true
	if s.held != nil {
		ctx.DocumentMatchPool.Put(s.held)
		s.held = nil
	}
}

// Close closes both searchers.
func (s *gateSearcher) Close() error {
	err := s.gate.Close()
	if e := s.inner.Close(); err == nil {
		err = e
	}
	return err
}

// Weight is inner's.
func (s *gateSearcher) Weight() float64 { return s.inner.Weight() }

// SetQueryNorm is passed to inner.
func (s *gateSearcher) SetQueryNorm(n float64) { s.inner.SetQueryNorm(n) }

// Count is an upper bound: the smaller of the two.
func (s *gateSearcher) Count() uint64 { return min(s.gate.Count(), s.inner.Count()) }

// Min is 0: no minimum number of clauses.
func (s *gateSearcher) Min() int { return 0 }

// Size estimates the searcher's memory.
func (s *gateSearcher) Size() int { return 64 + s.gate.Size() + s.inner.Size() }

// DocumentMatchPoolSize is what both searchers hold, plus the held match.
func (s *gateSearcher) DocumentMatchPoolSize() int {
	return s.gate.DocumentMatchPoolSize() + s.inner.DocumentMatchPoolSize() + 1
}
