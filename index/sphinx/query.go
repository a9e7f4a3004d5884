package sphinx

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"gongkai/index"
	bleveindex "gongkai/index/bleve"
	gq "gongkai/index/query"
)

// treeQuery writes a query tree as the bleve query shapes compile takes.
func treeQuery(n *gq.Node) (query.Query, error) {
	switch n.Op {
	case gq.All:
		return query.NewMatchAllQuery(), nil
	case gq.None:
		return query.NewMatchNoneQuery(), nil
	case gq.Text:
		if n.Field == "" {
			body := query.NewMatchPhraseQuery(n.Value)
			body.SetField(fBody)
			office := query.NewMatchPhraseQuery(n.Value)
			office.SetField(fOffice)
			return query.NewDisjunctionQuery([]query.Query{body, office}), nil
		}
		// title, office: the field's words (compile's match; sub-words
		// are separate words in this engine, so a phrase could miss).
		q := query.NewMatchQuery(n.Value)
		q.SetField(n.Field)
		return q, nil
	case gq.Term:
		q := query.NewMatchPhraseQuery(n.Value)
		q.SetField(n.Field)
		return q, nil
	case gq.Range:
		if n.Field == "published" {
			var lo, hi time.Time
			var li, hiIncl *bool
			if n.Min != nil {
				lo, li = time.Unix(int64(n.Min.Value), 0).UTC(), &n.Min.Inclusive
			}
			if n.Max != nil {
				hi, hiIncl = time.Unix(int64(n.Max.Value), 0).UTC(), &n.Max.Inclusive
			}
			q := query.NewDateRangeInclusiveQuery(lo, hi, li, hiIncl)
			q.SetField(n.Field)
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
		q := query.NewNumericRangeInclusiveQuery(lo, hi, li, hiIncl)
		q.SetField(n.Field)
		return q, nil
	case gq.Not:
		inner, err := treeQuery(n.Children[0])
		if err != nil {
			return nil, err
		}
		return query.NewBooleanQuery(nil, nil, []query.Query{inner}), nil
	case gq.And:
		var must, not []query.Query
		for _, c := range n.Children {
			target := &must
			if c.Op == gq.Not {
				c, target = c.Children[0], &not
			}
			q, err := treeQuery(c)
			if err != nil {
				return nil, err
			}
			*target = append(*target, q)
		}
		return query.NewBooleanQuery(must, nil, not), nil
	case gq.Or:
		var alts []query.Query
		for _, c := range n.Children {
			q, err := treeQuery(c)
			if err != nil {
				return nil, err
			}
			alts = append(alts, q)
		}
		return query.NewDisjunctionQuery(alts), nil
	}
	return nil, fmt.Errorf("%s conditions are not supported on the sphinx backend", n.Op)
}

// The query string is parsed into gongkai's query tree (index/query) and
// its nodes given the meaning the bleve backend gives them: a word or a
// quoted string is an exact string in the body (the phrase of its bigrams
// for two or more Han characters, else of its words) or in the office
// names; field:value on a keyword field is the exact value; numeric and
// date conditions are attribute ranges. (The tree is first written as the
// bleve query shapes this compiler was built on: treeQuery.) The result is a
// SphinxQL MATCH expression and an attribute condition that both hold.

const (
	maxQueryLen = 4096
	maxClauses  = 64
)

// cond is a compiled query: documents matching text (a MATCH expression;
// "" = no text condition) and attr (a SphinxQL expression; "" = none).
// none: no document; a zero cond: every document.
type cond struct {
	text, attr string
	none       bool
}

func (c cond) pureText() bool { return !c.none && c.attr == "" && c.text != "" }
func (c cond) pureAttr() bool { return !c.none && c.text == "" && c.attr != "" }
func (c cond) all() bool      { return !c.none && c.text == "" && c.attr == "" }

var none = cond{none: true}

// errMixed is returned for an OR (or a NOT) of text and attribute
// conditions: a SphinxQL query cannot express it.
var errMixed = fmt.Errorf("this backend cannot combine a text condition and a numeric or date condition with OR or NOT (combine them with AND)")

// compiler translates one query.
type compiler struct {
	an      *analyzers
	terms   []string // positive body terms, for snippets
	clauses int
}

// parse parses a query string into a cond and the snippet terms.
func (a *analyzers) parse(s string) (c cond, terms []string, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return cond{}, nil, nil
	}
	if len(s) > maxQueryLen || !utf8.ValidString(s) {
		return c, nil, fmt.Errorf("query of %d bytes (valid UTF-8, at most %d): %w", len(s), maxQueryLen, index.ErrBadQuery)
	}
	tree, err := gq.Parse(s, bleveindex.Schema)
	if err != nil {
		return c, nil, fmt.Errorf("query %q: %w", s, err)
	}
	parsed, err := treeQuery(tree)
	if err != nil {
		return c, nil, fmt.Errorf("query %q: %v: %w", s, err, index.ErrBadQuery)
	}
	cp := compiler{an: a}
	c, err = cp.compile(parsed, true)
	if err != nil {
		return c, nil, fmt.Errorf("query %q: %v: %w", s, err, index.ErrBadQuery)
	}
	return c, cp.terms, nil
}

// compile translates q; positive says whether q is not under a must-not.
func (cp *compiler) compile(q query.Query, positive bool) (cond, error) {
	cp.clauses++
	if cp.clauses > maxClauses*4 {
		return none, fmt.Errorf("more than %d clauses", maxClauses)
	}
	switch q := q.(type) {
	case *query.BooleanQuery:
		return cp.boolean(q, positive)
	case *query.ConjunctionQuery:
		return cp.list(q.Conjuncts, positive, and)
	case *query.DisjunctionQuery:
		return cp.list(q.Disjuncts, positive, or)
	case *query.MatchQuery:
		return cp.match(q.FieldVal, q.Match, positive)
	case *query.FuzzyQuery:
		return cp.match(q.FieldVal, q.Term, positive)
	case *query.MatchPhraseQuery:
		return cp.phrase(q.FieldVal, q.MatchPhrase, positive)
	case *query.NumericRangeQuery:
		if q.FieldVal == "" {
			return none, nil // a bare number: its text is matched by the sibling clause
		}
		if !bleveindex.NumericField(q.FieldVal) {
			return none, fmt.Errorf("%s is not a numeric field (see FIELDS.md)", q.FieldVal)
		}
		return numericRange(q.FieldVal, q.Min, q.Max, q.InclusiveMin, q.InclusiveMax), nil
	case *query.DateRangeQuery:
		if q.FieldVal != "published" {
			return none, fmt.Errorf("date conditions work on published only")
		}
		return dateRange(q), nil
	case *query.MatchNoneQuery:
		return none, nil
	case *query.MatchAllQuery:
		return cond{}, nil
	case *query.WildcardQuery, *query.RegexpQuery:
		return none, fmt.Errorf("wildcards and regular expressions are not supported on the sphinx backend")
	}
	return none, fmt.Errorf("unsupported query clause %T", q)
}

// boolean follows bleve's BooleanQuery searcher: a must or should part
// that matches nothing is left out; without must, at least one should
// clause holds; must-not excludes; only must-not means all but those.
func (cp *compiler) boolean(q *query.BooleanQuery, positive bool) (cond, error) {
	part := func(p query.Query, pos bool) (*cond, error) {
		if p == nil {
			return nil, nil
		}
		c, err := cp.compile(p, pos)
		if err != nil || c.none {
			return nil, err
		}
		return &c, nil
	}
	must, err := part(q.Must, positive)
	if err != nil {
		return none, err
	}
	should, err := part(q.Should, positive)
	if err != nil {
		return none, err
	}
	mustNot, err := part(q.MustNot, false)
	if err != nil {
		return none, err
	}
	if q.Filter != nil {
		return none, fmt.Errorf("unsupported filter clause")
	}
	var kids []cond
	switch {
	case must != nil:
		kids = append(kids, *must)
	case should != nil:
		kids = append(kids, *should)
	case mustNot == nil:
		return none, nil
	}
	if mustNot != nil {
		n, err := negate(*mustNot)
		if err != nil {
			return none, err
		}
		kids = append(kids, n)
	}
	return and(kids)
}

// list compiles the clauses of a conjunction or disjunction. Clauses
// that match nothing are dropped in query-string mode (bleve skips them);
// this compiler cannot tell the modes apart, and the bleve backend's own
// clauses never hold one, so they are always dropped from disjunctions
// and kept in conjunctions only when the list has no other clause.
func (cp *compiler) list(qs []query.Query, positive bool, join func([]cond) (cond, error)) (cond, error) {
	if len(qs) > maxClauses {
		return none, fmt.Errorf("more than %d clauses", maxClauses)
	}
	var kids []cond
	for _, q := range qs {
		c, err := cp.compile(q, positive)
		if err != nil {
			return none, err
		}
		if !c.none {
			kids = append(kids, c)
		}
	}
	if len(kids) == 0 {
		return none, nil
	}
	return join(kids)
}

// and is the conjunction of conds.
func and(cs []cond) (cond, error) {
	var texts, attrs []string
	for _, c := range cs {
		if c.none {
			return none, nil
		}
		if c.text != "" {
			texts = append(texts, "("+c.text+")")
		}
		if c.attr != "" {
			attrs = append(attrs, "("+c.attr+")")
		}
	}
	return cond{text: strings.Join(texts, " "), attr: strings.Join(attrs, " AND ")}, nil
}

// or is the disjunction of conds; text and attribute conditions cannot
// be mixed.
func or(cs []cond) (cond, error) {
	var texts, attrs []string
	for _, c := range cs {
		switch {
		case c.none:
		case c.all():
			return cond{}, nil
		case c.pureText():
			texts = append(texts, "("+c.text+")")
		case c.pureAttr():
			attrs = append(attrs, "("+c.attr+")")
		default:
			return none, errMixed
		}
	}
	switch {
	case len(texts) > 0 && len(attrs) > 0:
		return none, errMixed
	case len(texts) > 0:
		return cond{text: strings.Join(texts, " | ")}, nil
	case len(attrs) > 0:
		return cond{attr: strings.Join(attrs, " OR ")}, nil
	}
	return none, nil
}

// negate is NOT c.
func negate(c cond) (cond, error) {
	switch {
	case c.none:
		return cond{}, nil
	case c.all():
		return none, nil
	case c.pureText():
		return cond{text: docToken + " -(" + c.text + ")"}, nil
	case c.pureAttr():
		return cond{attr: "NOT (" + c.attr + ")"}, nil
	}
	return none, errMixed
}

// words is "every token of tokens in one of fields".
func words(fields []string, tokens []string) cond {
	if len(tokens) == 0 {
		return none
	}
	return cond{text: "@(" + strings.Join(fields, ",") + ") " + strings.Join(tokens, " ")}
}

// phrase is "tokens at consecutive positions of field".
func phrase(field string, tokens []string) cond {
	switch len(tokens) {
	case 0:
		return none
	case 1:
		return cond{text: "@" + field + " " + tokens[0]}
	}
	return cond{text: "@" + field + " \"" + strings.Join(tokens, " ") + "\""}
}

// all returns every token of text as the word analyzer makes them,
// sub-words included (what a bleve match query requires).
func (cp *compiler) all(text string) []string {
	return toWords(cp.an.word.Analyze([]byte(text)), false)
}

func (cp *compiler) queryWords(text string) []string {
	return toWords(cp.an.query.Analyze([]byte(text)), true)
}

func (cp *compiler) bigrams(text string) []string {
	return toWords(cp.an.bigram.Analyze([]byte(text)), true)
}

// toWords writes tokens as the engine's words; first: only the first
// token at each position (a phrase's words).
func toWords(ts analysis.TokenStream, first bool) []string {
	var out []string
	last := -1
	for _, t := range ts {
		if first && t.Position == last {
			continue
		}
		last = t.Position
		out = append(out, word(string(t.Term)))
	}
	return out
}

// wordFields are the fields a word analyzer's tokens of a field are in.
func wordFields(field string) []string {
	switch field {
	case fBody, fTitle, fOffice:
		return []string{field, field + "_sub"}
	}
	return []string{field}
}

var sectionName = regexp.MustCompile(`^s[1-9]$`)

func isSection(f string) bool {
	if !sectionName.MatchString(f) {
		return false
	}
	n, _ := strconv.Atoi(f[1:])
	return n <= bleveindex.MaxSections
}

func isKeyword(f string) bool {
	_, ok := keywordIndex[f]
	return ok
}

// checkField refuses names that are not fields of the bleve mapping.
func checkField(f string) error {
	switch {
	case f == fBody, f == fBodyBi, f == fTitle, f == fOffice, f == "published",
		bleveindex.NumericField(f), isKeyword(f), isSection(f):
		return nil
	}
	return fmt.Errorf("unknown field %q (see FIELDS.md)", f)
}

// match is a bare or field-qualified term.
func (cp *compiler) match(field, text string, positive bool) (cond, error) {
	if field == "" {
		field = fBody
	}
	if err := checkField(field); err != nil {
		return none, err
	}
	switch {
	case field == fBody:
		if positive {
			cp.terms = append(cp.terms, text)
		}
		return cp.widen(text), nil
	case isKeyword(field):
		return cond{text: "@" + fKW + " " + keywordToken(field, text)}, nil
	case bleveindex.NumericField(field), field == "published":
		return none, nil // bleve looks the text up as a term of the numeric field
	case field == fBodyBi:
		return words([]string{fBodyBi}, cp.bigrams(text)), nil
	}
	return words(wordFields(field), cp.all(text)), nil
}

// widen is body text: its words in the body, or its bigrams (two or more
// Han characters), or its words in the office field.
func (cp *compiler) widen(text string) cond {
	all := cp.all(text)
	cs := []cond{words(wordFields(fBody), all)}
	if hanCount(text) >= 2 {
		cs = append(cs, words([]string{fBodyBi}, cp.bigrams(text)))
	}
	cs = append(cs, words(wordFields(fOffice), all))
	c, _ := or(cs) // all pure text
	return c
}

// phrase is a quoted phrase.
func (cp *compiler) phrase(field, text string, positive bool) (cond, error) {
	if field == "" {
		field = fBody
	}
	if err := checkField(field); err != nil {
		return none, err
	}
	switch {
	case field == fBody:
		if positive {
			cp.terms = append(cp.terms, text)
		}
		return cp.bodyPhrase(text), nil
	case isSection(field):
		return cp.match(field, text, positive)
	case isKeyword(field):
		return cond{text: "@" + fKW + " " + keywordToken(field, text)}, nil
	case bleveindex.NumericField(field), field == "published":
		return none, nil
	case field == fBodyBi:
		return phrase(fBodyBi, cp.bigrams(text)), nil
	}
	// title, office: bleve also lets a sub-word stand at its parent's
	// position here; the engine has words only (README).
	return phrase(field, cp.queryWords(text)), nil
}

// bodyPhrase: with two or more Han characters, the bleve backend's hits
// are those of the bigram phrase (its certificate tokens all hold the
// phrase as text; a single bigram is also matched as a word); otherwise
// the word phrase.
func (cp *compiler) bodyPhrase(text string) cond {
	if hanCount(text) == 0 {
		return phrase(fBody, cp.queryWords(text))
	}
	var toks []string
	for _, t := range cp.an.bigram.Analyze([]byte(text)) {
		toks = append(toks, string(t.Term))
	}
	lone := func(t string) bool { return utf8.RuneCountInString(t) == 1 && hanCount(t) == 1 }
	switch {
	case len(toks) == 0:
		return none
	case len(toks) == 1 && lone(toks[0]):
		// One Han character: the reports whose text holds it (as a
		// unigram or inside any bigram, as bleve expands it).
		return cond{text: "@" + fChars + " " + toks[0]}
	case len(toks) == 1:
		return cond{text: "@" + fBodyBi + " " + word(toks[0])}
	}
	ws := make([]string, len(toks))
	for i, t := range toks {
		ws[i] = word(t)
	}
	var extra []cond
	if lone(toks[len(toks)-1]) {
		// A lone character at the end (号 in 12号) begins a bigram in the
		// text (号文): any word that starts with it.
		ws[len(ws)-1] += "*"
	}
	if lone(toks[0]) {
		// A lone character at the start should end a bigram; the engine
		// has no suffix search on RT indexes: the rest of the phrase and
		// the character anywhere (README).
		ws = ws[1:]
		extra = append(extra, cond{text: "@" + fChars + " " + toks[0]})
	}
	c, _ := and(append(extra, phrase(fBodyBi, ws)))
	return c
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if isHan(r) {
			n++
		}
	}
	return n
}

// numericRange is a range on a numeric attribute, with bleve's defaults
// (minimum included, maximum excluded).
func numericRange(field string, min, max *float64, incMin, incMax *bool) cond {
	scale := func(v float64) string {
		if field != aYear {
			v *= 100
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	parts := []string{fmt.Sprintf("%s > %d", field, Missing)}
	if min != nil {
		op := ">="
		if incMin != nil && !*incMin {
			op = ">"
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", field, op, scale(*min)))
	}
	if max != nil {
		op := "<"
		if incMax != nil && *incMax {
			op = "<="
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", field, op, scale(*max)))
	}
	return cond{attr: strings.Join(parts, " AND ")}
}

// dateRange is a range on published (stored as a day number; compared in
// seconds as bleve compares times).
func dateRange(q *query.DateRangeQuery) cond {
	parts := []string{fmt.Sprintf("%s > %d", aPubTime, Missing)}
	sec := aPubTime + "*86400"
	if !q.Start.IsZero() {
		op := ">="
		if q.InclusiveStart != nil && !*q.InclusiveStart {
			op = ">"
		}
		parts = append(parts, fmt.Sprintf("%s %s %d", sec, op, q.Start.Time.Unix()))
	}
	if !q.End.IsZero() {
		op := "<"
		if q.InclusiveEnd != nil && *q.InclusiveEnd {
			op = "<="
		}
		parts = append(parts, fmt.Sprintf("%s %s %d", sec, op, q.End.Time.Unix()))
	}
	return cond{attr: strings.Join(parts, " AND ")}
}
