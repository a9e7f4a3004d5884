package bleveindex

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	gindex "gongkai/index"
)

// Boosts of the widened query (design decision 5): the word field ranks,
// the bigram field recalls.
const (
	boostWord   = 2.0
	boostBigram = 1.0
	boostOffice = 1.0
	maxQueryLen = 4096
	maxClauses  = 64
	// minLacksHan is the number of Han characters from which a bare word's
	// bigrams are only searched where the word field does not match: with
	// one or two bigrams, reading them everywhere is cheaper than walking
	// the reports without the word (measured at 20,000 reports).
	minLacksHan = 4
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
		return qp, fmt.Errorf("query of %d bytes (valid UTF-8, at most %d): %w", len(s), maxQueryLen, gindex.ErrBadQuery)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("query %q: %v: %w", s, r, gindex.ErrBadQuery)
		}
	}()
	parsed, err := query.NewQueryStringQuery(s).Parse()
	if err != nil {
		return qp, fmt.Errorf("query %q: %v: %w", s, err, gindex.ErrBadQuery)
	}
	rw := rewriter{x: x}
	qp.q, err = rw.rewrite(parsed, true)
	if err != nil {
		return qp, fmt.Errorf("query %q: %v: %w", s, err, gindex.ErrBadQuery)
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
// the bigram field (when the text holds at least two Han characters; only
// where the word field does not match) and the office field. Phrases are
// planned by bodyPhrase.
func (rw *rewriter) widen(text string, boost *query.Boost, phrase bool) query.Query {
	if phrase {
		return rw.bodyPhrase(text, boost)
	}
	qs := []query.Query{matchAll(fBody, text, scaled(boost, boostWord))}
	switch n := hanCount(text); {
	case !rw.x.bigrams || n < 2:
	case n < minLacksHan:
		qs = append(qs, matchAll(fBodyBi, text, scaled(boost, boostBigram)))
	default:
		// word OR (NOT word AND bigrams): the hits of word OR bigrams, but
		// the postings of the many bigrams are only read in the reports
		// without the words (the few where segmentation differs).
		lacks := query.NewBooleanQuery(nil, nil, []query.Query{matchAll(fBody, text, 1)})
		qs = append(qs, query.NewConjunctionQuery([]query.Query{lacks, matchAll(fBodyBi, text, scaled(boost, boostBigram))}))
	}
	qs = append(qs, matchAll(fOffice, text, scaled(boost, boostOffice)))
	return query.NewDisjunctionQuery(qs)
}

// matchAll is a match query on field that requires every token of text.
func matchAll(field, text string, boost float64) query.Query {
	q := query.NewMatchQuery(text)
	q.SetField(field)
	q.SetOperator(query.MatchQueryOperatorAnd)
	q.SetBoost(boost)
	return q
}

// bodyPhrase plans a phrase on the body. Its hits are those of the word
// phrase (analysed without sub-words) or of the bigram phrase, which is
// the exact one: a bigram phrase matches where the text holds the phrase
// (bigrams are only formed between adjacent characters). The word phrase
// alone is not complete (gse segments a string differently in different
// contexts: 政府信息公开工作 is one word in a query but 政府信息公开|工作年度报告
// in a title) and, for several words, not exact (a sub-word sits at its
// parent's position, so 政府|规定 matches 政府信息公开条例|规定).
//
// The bigram phrase reads the positions of every bigram in every report
// that holds them all, which is slow for common phrases. It is therefore
// only run where a certificate fails: a set C of word-field tokens each of
// which holds the phrase as text. A report with such a token holds the
// phrase (a token, sub-word or not, is a piece of the text), so C ⊆ bigram
// phrase, and C OR (NOT C AND bigram phrase) has exactly the hits of the
// bigram phrase (plus, for a one-word phrase, those of the word, as
// before), for any such C, while positions are only read in the reports
// outside C. C is:
//
//   - for a phrase that is one word W (one token without sub-words): W;
//   - for a phrase of several words made only of Han characters: the
//     indexed tokens that contain it (公开条例 in 政府信息公开条例), found by
//     a scan of the term dictionary, at most maxCertTerms of them;
//   - otherwise none: the bigram phrase alone (the word phrase could only
//     add false hits, and as a scoring clause it cost more than the
//     bigram phrase itself, measured at 20,000 reports).
//
// Without the bigram field, or with fewer than two Han characters, the
// word phrase alone is used, as before.
func (rw *rewriter) bodyPhrase(text string, boost *query.Boost) query.Query {
	word := query.NewMatchPhraseQuery(text)
	word.SetField(fBody)
	if rw.x.an.phraseQuery != "" {
		word.Analyzer = rw.x.an.phraseQuery
	}
	word.SetBoost(scaled(boost, boostWord))
	if !rw.x.bigrams || hanCount(text) < 2 {
		return word
	}
	if singleBigram(text) {
		// The bigram phrase is one term: a match is as exact and cheaper.
		return query.NewDisjunctionQuery([]query.Query{word, matchAll(fBodyBi, text, scaled(boost, boostBigram))})
	}
	bigram := query.NewMatchPhraseQuery(text)
	bigram.SetField(fBodyBi)
	bigram.SetBoost(scaled(boost, boostBigram))
	var cert []string
	if tokens := rw.x.phraseTokens(text); len(tokens) == 1 {
		cert = tokens
	} else if allHan(text) && utf8.RuneCountInString(text) <= maxCertRunes {
		cert = rw.x.termsContaining(fBody, text, maxCertTerms)
	}
	if len(cert) == 0 {
		return bigram
	}
	has := func(b float64) []query.Query {
		qs := make([]query.Query, len(cert))
		for i, t := range cert {
			q := query.NewTermQuery(t)
			q.SetField(fBody)
			q.SetBoost(b)
			qs[i] = q
		}
		return qs
	}
	lacks := query.NewBooleanQuery(nil, nil, has(1))
	rest := &gateQuery{gate: lacks, inner: bigram}
	return query.NewDisjunctionQuery(append(has(scaled(boost, boostWord)), rest))
}

// maxCertTerms bounds the tokens of a phrase certificate (any subset of
// the tokens holding the phrase keeps the hits exact); maxCertRunes bounds
// the phrases whose containing tokens are looked up (no word is longer).
const (
	maxCertTerms = 256
	maxCertRunes = 32
)

// termsContaining returns up to max terms of field, over every shard, that
// contain text (nil when the dictionary cannot be scanned). The caller
// holds x.mu.
func (x *Index) termsContaining(field, text string, max int) []string {
	pattern := ".*" + regexp.QuoteMeta(text) + ".*"
	seen := map[string]bool{}
	var out []string
	for _, name := range x.shardNames() {
		adv, err := x.shards[name].Advanced()
		if err != nil {
			return nil
		}
		r, err := adv.Reader()
		if err != nil {
			return nil
		}
		out = appendRegexpTerms(r, field, pattern, max, seen, out)
		r.Close()
	}
	return out
}

// appendRegexpTerms appends the terms of field matching pattern in r.
func appendRegexpTerms(r index.IndexReader, field, pattern string, max int, seen map[string]bool, out []string) []string {
	rr, ok := r.(index.IndexReaderRegexp)
	if !ok {
		return out
	}
	d, err := rr.FieldDictRegexp(field, pattern)
	if err != nil {
		return out
	}
	defer d.Close()
	for len(out) < max {
		e, err := d.Next()
		if err != nil || e == nil {
			break
		}
		if !seen[e.Term] {
			seen[e.Term] = true
			out = append(out, e.Term)
		}
	}
	return out
}

// allHan reports whether s is made of Han characters only.
func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// phraseTokens returns the terms of text as the word field's phrase
// analyzer makes them (nil when it cannot be analysed).
func (x *Index) phraseTokens(text string) []string {
	name := x.an.phraseQuery
	if name == "" {
		name = x.an.word
	}
	an := x.mapping.AnalyzerNamed(name)
	if an == nil {
		return nil
	}
	var out []string
	for _, t := range an.Analyze([]byte(text)) {
		out = append(out, string(t.Term))
	}
	return out
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
