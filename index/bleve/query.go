package bleveindex

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"

	"gongkai/index"
)

// Boosts of the widened query (design decision 5): the word field ranks,
// the bigram field recalls.
const (
	boostWord   = 2.0
	boostBigram = 1.0
	boostOffice = 1.0
	maxQueryLen = 4096
	maxClauses  = 64
)

// queryPlan is a parsed query with the words to mark in snippets.
type queryPlan struct {
	q     query.Query
	terms []string // positive text terms and phrases, for snippets
}

// parseQuery parses the query-string syntax with bleve's parser and
// rewrites its leaves: text on the default field (or on body) is widened to
// the word and bigram fields, fuzziness is dropped, unknown fields are
// refused.
func (x *Index) parseQuery(s string) (qp queryPlan, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return queryPlan{q: query.NewMatchAllQuery()}, nil
	}
	if len(s) > maxQueryLen || !utf8.ValidString(s) {
		return qp, fmt.Errorf("query of %d bytes (valid UTF-8, at most %d): %w", len(s), maxQueryLen, index.ErrBadQuery)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("query %q: %v: %w", s, r, index.ErrBadQuery)
		}
	}()
	parsed, err := query.NewQueryStringQuery(s).Parse()
	if err != nil {
		return qp, fmt.Errorf("query %q: %v: %w", s, err, index.ErrBadQuery)
	}
	rw := rewriter{x: x}
	qp.q, err = rw.rewrite(parsed, true)
	if err != nil {
		return qp, fmt.Errorf("query %q: %v: %w", s, err, index.ErrBadQuery)
	}
	qp.terms = rw.terms
	return qp, nil
}

type rewriter struct {
	x       *Index
	terms   []string
	clauses int
}

// rewrite rewrites q; positive says whether q is not under a must-not.
func (rw *rewriter) rewrite(q query.Query, positive bool) (query.Query, error) {
	rw.clauses++
	if rw.clauses > maxClauses*4 {
		return nil, fmt.Errorf("more than %d clauses", maxClauses)
	}
	switch q := q.(type) {
	case *query.BooleanQuery:
		var err error
		if q.Must, err = rw.child(q.Must, positive); err != nil {
			return nil, err
		}
		if q.Should, err = rw.child(q.Should, positive); err != nil {
			return nil, err
		}
		if q.MustNot, err = rw.child(q.MustNot, false); err != nil {
			return nil, err
		}
		if q.Filter, err = rw.child(q.Filter, positive); err != nil {
			return nil, err
		}
		return q, nil
	case *query.ConjunctionQuery:
		return q, rw.list(q.Conjuncts, positive)
	case *query.DisjunctionQuery:
		return q, rw.list(q.Disjuncts, positive)
	case *query.MatchQuery:
		return rw.match(q.FieldVal, q.Match, q.BoostVal, positive)
	case *query.FuzzyQuery:
		return rw.match(q.FieldVal, q.Term, q.BoostVal, positive)
	case *query.MatchPhraseQuery:
		return rw.phrase(q.FieldVal, q.MatchPhrase, q.BoostVal, positive)
	case *query.NumericRangeQuery:
		if q.FieldVal == "" {
			return query.NewMatchNoneQuery(), nil // a bare number: its text is matched by the sibling clause
		}
		if !numericFields[q.FieldVal] {
			return nil, fmt.Errorf("%s is not a numeric field (see FIELDS.md)", q.FieldVal)
		}
		return q, nil
	case *query.DateRangeQuery:
		if q.FieldVal != fPublished {
			return nil, fmt.Errorf("date conditions work on %s only", fPublished)
		}
		return q, nil
	case *query.WildcardQuery:
		return q, rw.textField(&q.FieldVal)
	case *query.RegexpQuery:
		return q, rw.textField(&q.FieldVal)
	}
	return q, nil
}

func (rw *rewriter) child(q query.Query, positive bool) (query.Query, error) {
	if q == nil {
		return nil, nil
	}
	return rw.rewrite(q, positive)
}

func (rw *rewriter) list(qs []query.Query, positive bool) error {
	if len(qs) > maxClauses {
		return fmt.Errorf("more than %d clauses", maxClauses)
	}
	for i := range qs {
		q, err := rw.rewrite(qs[i], positive)
		if err != nil {
			return err
		}
		qs[i] = q
	}
	return nil
}

// textField points wildcard and regexp queries without a field at body.
func (rw *rewriter) textField(f *string) error {
	if *f == "" {
		*f = fBody
	}
	return checkField(*f)
}

// checkField refuses names that are not fields of the mapping.
func checkField(f string) error {
	switch {
	case f == fBody, f == fBodyBi, f == fTitle, f == fOffice, f == fPublished, numericFields[f], facetFieldSet[f]:
		return nil
	case len(f) == 2 && f[0] == 's' && f[1] >= '1' && f[1] <= '0'+maxSections:
		return nil
	}
	return fmt.Errorf("unknown field %q (see FIELDS.md)", f)
}

var facetFieldSet = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range keywordFields {
		m[f] = true
	}
	return m
}()

func boosted(q query.BoostableQuery, b float64) query.Query {
	q.SetBoost(b)
	return q
}

func scaled(b *query.Boost, v float64) float64 {
	if b != nil {
		return v * b.Value()
	}
	return v
}

// match rewrites a bare or field-qualified term.
func (rw *rewriter) match(field, text string, boost *query.Boost, positive bool) (query.Query, error) {
	if err := checkField(orBody(field)); err != nil {
		return nil, err
	}
	switch {
	case field == "" || field == fBody:
		if positive {
			rw.terms = append(rw.terms, text)
		}
		return rw.widen(text, boost, false), nil
	case facetFieldSet[field], numericFields[field]:
		q := query.NewMatchQuery(text)
		q.SetField(field)
		if boost != nil {
			q.SetBoost(boost.Value())
		}
		return q, nil
	}
	q := query.NewMatchQuery(text)
	q.SetField(field)
	q.SetOperator(query.MatchQueryOperatorAnd)
	return boosted(q, scaled(boost, 1)), nil
}

// phrase rewrites a quoted phrase.
func (rw *rewriter) phrase(field, text string, boost *query.Boost, positive bool) (query.Query, error) {
	if err := checkField(orBody(field)); err != nil {
		return nil, err
	}
	switch {
	case field == "" || field == fBody:
		if positive {
			rw.terms = append(rw.terms, text)
		}
		return rw.widen(text, boost, true), nil
	case len(field) == 2 && field[0] == 's':
		// Section fields keep no positions: all the words, in any order.
		return rw.match(field, text, boost, positive)
	}
	q := query.NewMatchPhraseQuery(text)
	q.SetField(field)
	return boosted(q, scaled(boost, 1)), nil
}

func orBody(f string) string {
	if f == "" {
		return fBody
	}
	return f
}

// widen turns body text into a disjunction over the word field (boosted),
// the bigram field (when the text holds at least two Han characters) and
// the office field.
func (rw *rewriter) widen(text string, boost *query.Boost, phrase bool) query.Query {
	var qs []query.Query
	add := func(field string, b float64, asPhrase bool) {
		if asPhrase {
			q := query.NewMatchPhraseQuery(text)
			q.SetField(field)
			if field == fBody && rw.x.an.phraseQuery != "" {
				q.Analyzer = rw.x.an.phraseQuery
			}
			qs = append(qs, boosted(q, scaled(boost, b)))
			return
		}
		q := query.NewMatchQuery(text)
		q.SetField(field)
		q.SetOperator(query.MatchQueryOperatorAnd)
		qs = append(qs, boosted(q, scaled(boost, b)))
	}
	add(fBody, boostWord, phrase)
	if rw.x.bigrams && hanCount(text) >= 2 {
		add(fBodyBi, boostBigram, phrase && !singleBigram(text))
	}
	if !phrase {
		add(fOffice, boostOffice, false)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// singleBigram reports whether text is exactly two Han characters (its
// bigram phrase is one term: a match is as exact and cheaper).
func singleBigram(text string) bool {
	return utf8.RuneCountInString(text) == 2 && hanCount(text) == 2
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}
