package bleveindex

import (
	"context"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	"golang.org/x/text/width"
)

// The heading bonus. A hit whose title or a section heading holds the
// exact string ranks above hits that hold it in the body only: its score
// is multiplied by headsFactor.
//
// It used to be a should clause of the heads field's bigram phrase, scored
// by BM25: for the strings of the national template's headings (行政复议,
// 政府信息公开工作), which are in the headings of nearly every report, that
// read the positions of every bigram in every hit, about 30 % of the CPU
// of the benchmark mix. Now a string s is in a heading line exactly when
// some suffix of the line starts with s, so each report indexes its
// heading lines' suffixes as keywords (heads_sfx, about a hundred short
// terms per report, postings only), and the bonus is a prefix lookup in
// that dictionary whose postings bleve ORs into one bitmap (its
// "unadorned" disjunction: no scores, frequencies or positions), tested
// once per hit. The heading suffixes of different reports are mostly the
// same template text, so a prefix has few distinct terms; when it has more
// than maxHeadsTerms, the bigram phrase on heads decides instead (exact
// too, and slower).
const headsFactor = 4.0

// maxHeadsTerms bounds the heading suffixes a bonus reads (a variable for
// the tests).
var maxHeadsTerms = 2048

// headsKey normalises a string as the heading suffixes are: full-width
// Latin letters and digits folded to half-width (as the analyzers' cjk
// width filter does), lower case, outer spaces removed.
func headsKey(s string) string {
	return strings.TrimSpace(strings.ToLower(width.Fold.String(s)))
}

// headSuffixes returns the distinct suffixes of the heading lines (index.Doc
// Headings: one a line), normalised by headsKey, that do not start with a
// space.
func headSuffixes(heads string) []string {
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(headsKey(heads), "\n") {
		line = strings.TrimSpace(line)
		for i, r := range line {
			if unicode.IsSpace(r) {
				continue
			}
			if sfx := line[i:]; !seen[sfx] {
				seen[sfx] = true
				out = append(out, sfx)
			}
		}
	}
	return out
}

// headsQuery multiplies the score of match's hits whose headings hold the
// string key (headsKey) by headsFactor. fallback builds the membership
// test when the prefix has too many terms (and on the reference path,
// which TestFastPathsSameResults compares).
type headsQuery struct {
	match    query.Query
	key      string
	fallback func() query.Query
}

// Searcher implements query.Query.
func (q *headsQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opt search.SearcherOptions) (search.Searcher, error) {
	ms, err := q.match.Searcher(ctx, r, m, opt)
	if err != nil || q.key == "" {
		return ms, err
	}
	hopt := search.SearcherOptions{Score: "none"}
	hs, err := q.members(ctx, r, m, hopt)
	if err != nil {
		ms.Close()
		return nil, err
	}
	if hs == nil {
		return ms, nil // no heading holds it
	}
	return &headsSearcher{match: ms, heads: hs}, nil
}

// members returns the searcher of the documents whose headings hold the
// key (nil: none).
func (q *headsQuery) members(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opt search.SearcherOptions) (search.Searcher, error) {
	if reference {
		return q.fallback().Searcher(ctx, r, m, opt)
	}
	d, err := r.FieldDictPrefix(fHeadsSfx, []byte(q.key))
	if err != nil {
		return nil, err
	}
	var terms []string
	for len(terms) <= maxHeadsTerms {
		e, err := d.Next()
		if err != nil {
			d.Close()
			return nil, err
		}
		if e == nil {
			break
		}
		terms = append(terms, e.Term)
	}
	d.Close()
	switch {
	case len(terms) == 0:
		return nil, nil
	case len(terms) > maxHeadsTerms:
		return q.fallback().Searcher(ctx, r, m, opt)
	}
	return searcher.NewMultiTermSearcher(ctx, r, terms, fHeadsSfx, 1, opt, false)
}

// headsSearcher is the searcher of headsQuery: match's hits, the score of
// those that heads also matches multiplied by headsFactor.
type headsSearcher struct {
	match, heads search.Searcher
	cur          *search.DocumentMatch // heads' last match (nil: none yet)
	done         bool                  // heads is exhausted
}

// Next returns match's next hit.
func (s *headsSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	d, err := s.match.Next(ctx)
	if d == nil || err != nil {
		return d, err
	}
	return d, s.boost(ctx, d)
}

// Advance returns match's first hit at or after id.
func (s *headsSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.match.Advance(ctx, id)
	if d == nil || err != nil {
		return d, err
	}
	return d, s.boost(ctx, d)
}

// boost multiplies d's score when heads matches d (match's hits come in
// document order, so heads only moves forward).
func (s *headsSearcher) boost(ctx *search.SearchContext, d *search.DocumentMatch) error {
	if s.done {
		return nil
	}
	if s.cur == nil || s.cur.IndexInternalID.Compare(d.IndexInternalID) < 0 {
		if s.cur != nil {
			ctx.DocumentMatchPool.Put(s.cur)
			s.cur = nil
		}
		h, err := s.heads.Advance(ctx, d.IndexInternalID)
		if err != nil {
			return err
		}
		if h == nil {
			s.done = true
			return nil
		}
		s.cur = h
	}
	if s.cur.IndexInternalID.Equals(d.IndexInternalID) {
		d.Score *= headsFactor
		if d.Expl != nil {
			d.Expl = &search.Explanation{Value: d.Score, Message: "heading holds the string", Children: []*search.Explanation{d.Expl}}
		}
	}
	return nil
}

// Close closes both searchers.
func (s *headsSearcher) Close() error {
	err := s.match.Close()
	if e := s.heads.Close(); err == nil {
		err = e
	}
	return err
}

func (s *headsSearcher) Weight() float64        { return s.match.Weight() }
func (s *headsSearcher) SetQueryNorm(n float64) { s.match.SetQueryNorm(n) }
func (s *headsSearcher) Count() uint64          { return s.match.Count() }
func (s *headsSearcher) Min() int               { return s.match.Min() }
func (s *headsSearcher) Size() int              { return 64 + s.match.Size() + s.heads.Size() }
func (s *headsSearcher) DocumentMatchPoolSize() int {
	return s.match.DocumentMatchPoolSize() + s.heads.DocumentMatchPoolSize() + 1
}
