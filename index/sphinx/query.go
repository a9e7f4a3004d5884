package sphinx

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai/index"
	gq "gongkai/index/query"
	"gongkai/index/zh"
)

// A search (index.Request) is parsed once into gongkai's query tree
// (index/query, the same Request the bleve backend runs), and the tree's
// nodes are compiled here straight into SphinxQL, with the meaning the
// bleve backend gives them:
//
//   - Text: an exact string (after index.Clean) in the body — the phrase
//     of its bigrams for two or more Han characters, else of its words
//     (bodyPhrase) — or the phrase of its words in the office names; on
//     title: or office:, the field's words.
//   - Term: the keyword field equals the value (a hashed token of the kw
//     field); Prefix: the value starts the region code or a region name
//     (prefix tokens, see makeRow).
//   - Range: an attribute condition (figures × 100, published in days).
//   - And, Or, Not: the engine's operators; a text condition and an
//     attribute condition cannot be joined by OR or NOT (errMixed).
//
// The result is a SphinxQL MATCH expression and an attribute condition
// that both hold (cond).

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

// compiler translates one tree.
type compiler struct {
	an    *analyzers
	terms []string // positive body strings, for snippets
	// filter: the tree is the request's filters, whose office name is
	// the phrase of its words (as on the bleve backend); in a query,
	// office: and title: take the field's words (README).
	filter bool
}

// compile compiles a request's query and filter trees into one cond and
// returns the strings snippets mark. Errors wrap index.ErrBadQuery.
func (a *analyzers) compile(pr *gq.Request) (cond, []string, error) {
	q := compiler{an: a}
	qc, err := q.node(pr.Query, true)
	if err != nil {
		return none, nil, fmt.Errorf("query %s: %v: %w", pr.Query, err, index.ErrBadQuery)
	}
	f := compiler{an: a, filter: true}
	fc, err := f.node(pr.Filter, true)
	if err != nil {
		return none, nil, fmt.Errorf("filter %s: %v: %w", pr.Filter, err, index.ErrBadQuery)
	}
	c, err := and([]cond{qc, fc})
	if err != nil {
		return none, nil, fmt.Errorf("query %s with filter %s: %v: %w", pr.Query, pr.Filter, err, index.ErrBadQuery)
	}
	return c, q.terms, nil
}

// node compiles n; positive says whether n is not under a Not.
func (cp *compiler) node(n *gq.Node, positive bool) (cond, error) {
	switch n.Op {
	case gq.All:
		return cond{}, nil
	case gq.None:
		return none, nil
	case gq.Text:
		return cp.text(n.Field, n.Value, positive)
	case gq.Term:
		if !index.IsKeyword(n.Field) {
			return none, fmt.Errorf("%s is not a keyword field", n.Field)
		}
		return cond{text: "@" + fKW + " " + keywordToken(n.Field, n.Value)}, nil
	case gq.Prefix:
		return prefix(n.Field, n.Value)
	case gq.Range:
		return rangeCond(n)
	case gq.Not:
		c, err := cp.node(n.Children[0], false)
		if err != nil {
			return none, err
		}
		return negate(c)
	case gq.And, gq.Or:
		kids := make([]cond, 0, len(n.Children))
		for _, k := range n.Children {
			c, err := cp.node(k, positive)
			if err != nil {
				return none, err
			}
			kids = append(kids, c)
		}
		if n.Op == gq.And {
			return and(kids)
		}
		return or(kids)
	}
	return none, fmt.Errorf("%s conditions are not supported on the sphinx backend", n.Op)
}

// text is an exact string in a text field ("" = the report's text: the
// body or the office names).
func (cp *compiler) text(field, s string, positive bool) (cond, error) {
	s = index.Clean(s)
	switch field {
	case "", index.FieldBody:
		if positive {
			cp.terms = append(cp.terms, s)
		}
		body := cp.bodyPhrase(s)
		if field != "" {
			return body, nil
		}
		return or([]cond{body, phrase(fOffice, cp.queryWords(s))})
	case fTitle, fOffice:
		if cp.filter {
			return phrase(field, cp.queryWords(s)), nil
		}
		// The field's words (sub-words included): bleve lets a sub-word
		// stand at its parent's position in a phrase; this engine has the
		// sub-words in a field of their own (README).
		return words(wordFields(field), cp.all(s)), nil
	}
	return none, fmt.Errorf("%s: is not searchable on the sphinx backend", field)
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
// sub-words included.
func (cp *compiler) all(text string) []string {
	return toWords(cp.an.word.Analyze(text), false)
}

func (cp *compiler) queryWords(text string) []string {
	return toWords(cp.an.query.Analyze(text), true)
}

// toWords writes terms as the engine's words; first: only the first term
// at each position (a phrase's words).
func toWords(ts []zh.Term, first bool) []string {
	var out []string
	last := -1
	for _, t := range ts {
		if first && t.Position == last {
			continue
		}
		last = t.Position
		out = append(out, word(t.Text))
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

// bodyPhrase: with two or more Han characters, the bleve backend's hits
// are those of the bigram phrase (its certificate tokens all hold the
// phrase as text; a single bigram is also matched as a word); otherwise
// the word phrase.
func (cp *compiler) bodyPhrase(text string) cond {
	if hanCount(text) == 0 {
		return phrase(fBody, cp.queryWords(text))
	}
	var toks []string
	for _, t := range cp.an.bigram.Analyze(text) {
		toks = append(toks, t.Text)
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

// prefix is "the keyword field starts with v", for the fields makeRow
// writes prefix tokens of: the region code and the region names.
func prefix(field, v string) (cond, error) {
	switch {
	case v == "":
		return cond{}, nil
	case field == index.FieldRegionCode:
		return cond{text: "@" + fKW + " " + regionCodeToken(v)}, nil
	case prefixFields[field]:
		return cond{text: "@" + fKW + " " + prefixToken(field, v)}, nil
	}
	return none, fmt.Errorf("%s:…* (a prefix) is not supported on the sphinx backend", field)
}

// rangeCond is a numeric or date condition; the tree's bounds say whether
// each end is included (dates in seconds).
func rangeCond(n *gq.Node) (cond, error) {
	switch {
	case n.Field == index.FieldPublished:
		// Stored as a day number, compared in seconds as bleve compares times.
		return bounds(aPubTime, aPubTime+"*86400", n, func(v float64) string {
			return strconv.FormatInt(int64(v), 10)
		}), nil
	case n.Field == aYear:
		return bounds(aYear, aYear, n, func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }), nil
	case index.IsNumeric(n.Field):
		return bounds(n.Field, n.Field, n, func(v float64) string { return strconv.FormatFloat(v*100, 'f', -1, 64) }), nil
	}
	return none, fmt.Errorf("%s is not a numeric field (see FIELDS.md)", n.Field)
}

// bounds writes attr's range: the attribute present, expr compared with
// the node's bounds written by val.
func bounds(attr, expr string, n *gq.Node, val func(float64) string) cond {
	parts := []string{fmt.Sprintf("%s > %d", attr, Missing)}
	if n.Min != nil {
		op := ">"
		if n.Min.Inclusive {
			op = ">="
		}
		parts = append(parts, expr+" "+op+" "+val(n.Min.Value))
	}
	if n.Max != nil {
		op := "<"
		if n.Max.Inclusive {
			op = "<="
		}
		parts = append(parts, expr+" "+op+" "+val(n.Max.Value))
	}
	return cond{attr: strings.Join(parts, " AND ")}
}
