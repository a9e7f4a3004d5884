package bleveindex

import (
	"fmt"
	"regexp"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	gindex "gongkai/index"
	gq "gongkai/index/query"
)

// Boosts: office names count half as much as the body. A hit in the title
// or a section heading ranks above one in the body only (headsFactor,
// heads.go).
const (
	boostWord   = 2.0
	boostOffice = 1.0
)

// queryPlan is a translated query with the strings to mark in snippets.
type queryPlan struct {
	q     query.Query
	terms []string // positive text strings (after index.Clean), for snippets
}

// schema tells index/query what the fields of this index are.
func schema(name string) gq.FieldKind { return gq.Fields(name) }

// translate turns a query tree into a bleve query (the caller holds x.mu:
// exact strings read the term dictionaries).
func (x *Index) translate(n *gq.Node) (queryPlan, error) {
	t := translator{x: x}
	q, err := t.node(n, true)
	if err != nil {
		return queryPlan{}, fmt.Errorf("%v: %w", err, gindex.ErrBadQuery)
	}
	return queryPlan{q: q, terms: t.terms}, nil
}

type translator struct {
	x     *Index
	terms []string
}

func (t *translator) node(n *gq.Node, positive bool) (query.Query, error) {
	switch n.Op {
	case gq.All:
		return query.NewMatchAllQuery(), nil
	case gq.None:
		return query.NewMatchNoneQuery(), nil
	case gq.Text:
		return t.text(n.Field, n.Value, positive), nil
	case gq.Term:
		q := query.NewTermQuery(n.Value)
		q.SetField(n.Field)
		return q, nil
	case gq.Prefix:
		q := query.NewPrefixQuery(n.Value)
		q.SetField(n.Field)
		return q, nil
	case gq.Range:
		return rangeQuery(n)
	case gq.Not:
		inner, err := t.node(n.Children[0], false)
		if err != nil {
			return nil, err
		}
		return query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{inner}), nil
	case gq.And:
		var must, not []query.Query
		for _, c := range n.Children {
			if c.Op == gq.Not {
				q, err := t.node(c.Children[0], false)
				if err != nil {
					return nil, err
				}
				not = append(not, q)
				continue
			}
			q, err := t.node(c, positive)
			if err != nil {
				return nil, err
			}
			must = append(must, q)
		}
		if len(must) == 0 {
			must = []query.Query{query.NewMatchAllQuery()}
		}
		return query.NewBooleanQuery(must, nil, not), nil
	case gq.Or:
		var alts []query.Query
		for _, c := range n.Children {
			q, err := t.node(c, positive)
			if err != nil {
				return nil, err
			}
			alts = append(alts, q)
		}
		return query.NewDisjunctionQuery(alts), nil
	}
	return nil, fmt.Errorf("query node %s not supported", n.Op)
}

// rangeQuery is a numeric or date condition: on a figure field, a
// figureRangeQuery (figure.go).
func rangeQuery(n *gq.Node) (query.Query, error) {
	if n.Field == fPublished {
		var lo, hi time.Time
		var li, hiIncl *bool
		if n.Min != nil {
			lo = time.Unix(int64(n.Min.Value), 0).UTC()
			li = &n.Min.Inclusive
		}
		if n.Max != nil {
			hi = time.Unix(int64(n.Max.Value), 0).UTC()
			hiIncl = &n.Max.Inclusive
		}
		q := query.NewDateRangeInclusiveQuery(lo, hi, li, hiIncl)
		q.SetField(fPublished)
		return q, nil
	}
	var lo, hi *float64
	var li, hiIncl *bool
	if n.Min != nil {
		lo, li = &n.Min.Value, &n.Min.Inclusive
	}
	if n.Max != nil {
		hi, hiIncl = &n.Max.Value, &n.Max.Inclusive
	}
	if isFigure(n.Field) && !legacyFigures {
		return newFigureRange(n.Field, lo, hi, li, hiIncl), nil
	}
	q := query.NewNumericRangeInclusiveQuery(lo, hi, li, hiIncl)
	q.SetField(n.Field)
	return q, nil
}

// text matches s as an exact string. On the report's text (field "") it
// is the body (exact: exactQuery) or the office names, and hits whose
// title or section headings hold the string rank above the others
// (headsQuery).
func (t *translator) text(field, s string, positive bool) query.Query {
	s = gindex.Clean(s)
	if positive && (field == "" || field == fBody) {
		t.terms = append(t.terms, s)
	}
	switch field {
	case "":
	case fHeads:
		return t.x.exactQuery(fHeads, s, 1)
	case fBody:
		return t.x.exactQuery(fBody, s, boostWord)
	default:
		return t.x.wordPhrase(field, s, 1)
	}
	office := t.x.wordPhrase(fOffice, s, boostOffice)
	match := query.NewDisjunctionQuery([]query.Query{t.x.exactQuery(fBody, s, boostWord), office})
	if !positive {
		return match
	}
	x := t.x
	return &headsQuery{match: match, key: headsKey(s), fallback: func() query.Query { return x.exactQuery(fHeads, s, 1) }}
}

// wordPhrase is the phrase of s's words (without sub-words, which would
// stand in for the whole word) on a word field.
func (x *Index) wordPhrase(field, s string, boost float64) query.Query {
	q := query.NewMatchPhraseQuery(s)
	q.SetField(field)
	if x.an.phraseQuery != "" {
		q.Analyzer = x.an.phraseQuery
	}
	q.SetBoost(boost)
	return q
}

// exactQuery matches the documents whose field holds s (after index.Clean)
// as a string: for the body, the body phrase planned by bodyPhrase; for
// the headings field (bigrams), its bigram phrase.
func (x *Index) exactQuery(field, s string, boost float64) query.Query {
	if field == fHeads {
		return x.bigramPhrase(fHeads, s, boost)
	}
	return x.bodyPhrase(s, boost)
}

// bigramPhrase is the phrase of s's bigrams on a bigram field. A lone Han
// character at either end of s (号 in 12号, 年 in 2018年) is a unigram in
// the query but, in the text, part of a bigram with its neighbour (号文 in
// 12号文件): there the phrase takes every indexed bigram that begins (at
// the end) or ends (at the start) with it.
func (x *Index) bigramPhrase(field, s string, boost float64) query.Query {
	toks := x.analyze(x.an.bigram, s)
	if len(toks) == 0 {
		return query.NewMatchNoneQuery()
	}
	terms := make([][]string, len(toks))
	edge := false
	for i, tk := range toks {
		terms[i] = []string{tk}
		if utf8.RuneCountInString(tk) == 1 && hanCount(tk) == 1 && (i == 0 || i == len(toks)-1) {
			if i == len(toks)-1 {
				terms[i] = append(terms[i], x.termsMatching(field, regexp.QuoteMeta(tk)+".", maxEdgeTerms)...)
			}
			if i == 0 {
				terms[i] = append(terms[i], x.termsMatching(field, "."+regexp.QuoteMeta(tk), maxEdgeTerms)...)
			}
			edge = true
		}
	}
	if len(toks) == 1 && !edge {
		q := query.NewTermQuery(toks[0])
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	if len(toks) == 1 {
		qs := make([]query.Query, len(terms[0]))
		for i, tm := range terms[0] {
			q := query.NewTermQuery(tm)
			q.SetField(field)
			q.SetBoost(boost)
			qs[i] = q
		}
		return query.NewDisjunctionQuery(qs)
	}
	pq := &phraseQuery{field: field, terms: terms, boost: boost}
	if !edge && allHan(s) {
		pq = sparseBigrams(field, toks, boost)
	}
	if reference {
		q := query.NewMultiPhraseQuery(pq.gapped(), field)
		q.SetBoost(boost)
		return q
	}
	return pq
}

// sparseBigrams is the phrase of a string of Han characters (bigrams toks)
// by every other bigram, and the last: 政府 信息 公开 工作 for
// 政府信息公开工作 (7 bigrams), 依申 请公 公开 for 依申请公开. Each
// bigram of a phrase reads its locations in every candidate report, and
// those of the template's strings are in nearly every report, so this
// halves the phrase's cost. It stays exact: the bigrams left out are those
// between bigrams that touch (phraseSearcher.holdsSparse). The score is
// that of the bigrams read (the conjunction of their terms, as in bleve's
// phrase with gaps, the reference).
func sparseBigrams(field string, toks []string, boost float64) *phraseQuery {
	q := &phraseQuery{field: field, boost: boost}
	add := func(i int) { q.at, q.terms = append(q.at, i), append(q.terms, []string{toks[i]}) }
	for i := 0; i < len(toks); i += 2 {
		add(i)
	}
	if last := len(toks) - 1; last%2 == 1 {
		add(last)
	}
	return q
}

// maxEdgeTerms bounds the bigrams that stand in for a lone character at
// the edge of an exact string.
const maxEdgeTerms = 4096

// analyze returns the terms the named analyzer makes of s.
func (x *Index) analyze(name, s string) []string {
	an := x.mapping.AnalyzerNamed(name)
	if an == nil {
		return nil
	}
	var out []string
	for _, t := range an.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

// bodyPhrase plans an exact string on the body. Its hits are those of the
// bigram phrase (bigramPhrase), which matches where the text holds the
// string (bigrams are only formed between adjacent characters, and
// index.Clean has joined what layout broke). For strings without two Han
// characters (LED, 12345, 2020-2021) the word field's phrase is exact.
//
// The bigram phrase reads the positions of every bigram in every report
// that holds them all, which is slow for common strings. It is therefore
// only run where a certificate fails: a set C of word-field tokens each of
// which holds the string as text. A report with such a token holds the
// string (a token, sub-word or not, is a piece of the text), so C ⊆ bigram
// phrase, and C OR (NOT C AND bigram phrase) has exactly the hits of the
// bigram phrase, for any such C, while positions are only read in the
// reports outside C. C is the indexed tokens that contain the string
// (公开条例 in 政府信息公开条例), found by a scan of the term dictionary, at
// most maxCertTerms of them, for strings of Han characters only.
func (x *Index) bodyPhrase(text string, boost float64) query.Query {
	if !x.bigrams || hanCount(text) == 0 {
		return x.wordPhrase(fBody, text, boost)
	}
	bigram := x.bigramPhrase(fBodyBi, text, boost)
	if _, one := bigram.(*query.TermQuery); one {
		return bigram // two Han characters: one bigram term, exact and cheap (no dictionary scan)
	}
	var cert []string
	if allHan(text) && utf8.RuneCountInString(text) <= maxCertRunes {
		cert = x.termsContaining(fBody, text, maxCertTerms)
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
	return query.NewDisjunctionQuery(append(has(boost), rest))
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
	if reference {
		return x.termsMatching(field, ".*"+regexp.QuoteMeta(text)+".*", max)
	}
	seen := map[string]bool{}
	live := map[segment.Segment]bool{}
	var out []string
	for _, name := range x.shardNames() {
		r, err := shardReader(x.shards[name])
		if err != nil {
			return nil
		}
		out = appendContaining(&x.terms, r, field, text, max, seen, out)
		if snap, ok := r.(*scorch.IndexSnapshot); ok {
			for _, seg := range snap.Segments() {
				live[seg.Segment()] = true
			}
		}
		r.Close()
	}
	x.terms.sweep(live)
	return out
}

// reference makes the search use bleve's own phrase searcher and regexp
// dictionary scan instead of this package's faster equivalents
// (phraseQuery, appendContaining); the tests compare the two.
var reference = false

// termsMatching returns up to max terms of field, over every shard, that
// match the regular expression pattern.
func (x *Index) termsMatching(field, pattern string, max int) []string {
	seen := map[string]bool{}
	var out []string
	for _, name := range x.shardNames() {
		r, err := shardReader(x.shards[name])
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

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}
