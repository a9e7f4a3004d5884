// Package query is gongkai's search grammar, parsed once into a tree that
// every index backend translates (bleve queries for index/bleve, SphinxQL
// for a Sphinx/Manticore backend). It holds no backend's types.
//
// The grammar (README "Query syntax" has examples):
//
//	query   = or { or }                 words side by side: all must occur (AND)
//	or      = unary { ("OR" | "|") unary }
//	unary   = ["-" | "+"] primary       -x excludes, +x is the same as x
//	primary = "(" query ")" | field ":" value | "\"" text "\"" | word
//	value   = word | "\"" text "\"" | op number | number ".." number
//	op      = ">" | ">=" | "<" | "<=" | "="
//
// A word is a run of characters up to a space (ASCII or ideographic), a
// quote, a parenthesis or "|". A word or a quoted text is matched as an
// exact string in the report's text, whatever its script: 便民服务中心
// finds the reports that contain 便民服务中心, not those that contain 服务
// and 中心 apart; 岚综管办〔2018〕12号, LED and 12345 likewise. Quotes are
// only needed for a string with spaces in it. Letters match without regard
// to case, full- and half-width forms alike.
//
// Fields are named in the backend's schema (Schema): text fields take
// strings, keyword fields exact values, numeric fields conditions
// (apply_denied_total:>10, year:2019..2023, year:2021), the date field
// published dates (published:>=2023-01-01).
package query

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gongkai/index"
)

// Op is the kind of a Node.
type Op int

// Node kinds.
const (
	All    Op = iota // every report
	None             // no report
	Text             // Value as an exact string in Field ("" = the report's text)
	Term             // keyword Field equals Value
	Prefix           // keyword Field starts with Value
	Range            // numeric or date Field within Min..Max
	And              // every child
	Or               // any child
	Not              // not the only child
)

func (o Op) String() string {
	return [...]string{"all", "none", "text", "term", "prefix", "range", "and", "or", "not"}[o]
}

// Node is one node of a query tree.
type Node struct {
	Op       Op
	Field    string  // Text, Term, Prefix, Range; "" = the report's text (Text only)
	Value    string  // Text, Term, Prefix
	Quoted   bool    // Text: typed in quotes
	Min, Max *Bound  // Range: nil = open
	Children []*Node // And, Or, Not
}

// Bound is one end of a Range. Dates are seconds since the Unix epoch.
type Bound struct {
	Value     float64
	Inclusive bool
}

// String renders the tree in a stable, readable form (tests, debugging).
func (n *Node) String() string {
	if n == nil {
		return "<nil>"
	}
	switch n.Op {
	case All, None:
		return n.Op.String()
	case Text:
		if n.Field == "" {
			return strconv.Quote(n.Value)
		}
		return n.Field + ":" + strconv.Quote(n.Value)
	case Term:
		return n.Field + "=" + strconv.Quote(n.Value)
	case Prefix:
		return n.Field + "^=" + strconv.Quote(n.Value)
	case Range:
		lo, hi := "(-inf", "+inf)"
		if n.Min != nil {
			lo = "(" + strconv.FormatFloat(n.Min.Value, 'f', -1, 64)
			if n.Min.Inclusive {
				lo = "[" + lo[1:]
			}
		}
		if n.Max != nil {
			hi = strconv.FormatFloat(n.Max.Value, 'f', -1, 64) + ")"
			if n.Max.Inclusive {
				hi = hi[:len(hi)-1] + "]"
			}
		}
		return n.Field + lo + "," + hi
	}
	parts := make([]string, len(n.Children))
	for i, c := range n.Children {
		parts[i] = c.String()
	}
	return n.Op.String() + "(" + strings.Join(parts, " ") + ")"
}

// Positive returns the Text nodes of the report's text that a hit must or
// may contain (those not under a Not): what a snippet marks.
func (n *Node) Positive() []*Node {
	var out []*Node
	var walk func(*Node)
	walk = func(n *Node) {
		switch n.Op {
		case Text:
			out = append(out, n)
		case And, Or:
			for _, c := range n.Children {
				walk(c)
			}
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}

// FieldKind says what a field holds.
type FieldKind int

// Field kinds.
const (
	Unknown FieldKind = iota
	TextField
	KeywordField
	NumericField
	DateField
)

// Schema tells the parser what a field name means (Unknown: no such field).
type Schema func(name string) FieldKind

// Limits of one query.
const (
	MaxBytes = 4096
	MaxNodes = 256
	MaxDepth = 16
)

// Parse parses s into a tree. An empty query is All. Errors wrap
// index.ErrBadQuery and say what is wrong and where.
func Parse(s string, schema Schema) (*Node, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return &Node{Op: All}, nil
	}
	if len(s) > MaxBytes {
		return nil, bad("the query is %d bytes long; at most %d", len(s), MaxBytes)
	}
	if !utf8.ValidString(s) {
		return nil, bad("the query is not valid UTF-8")
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, schema: schema, src: s}
	n, err := p.query(0)
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		t := p.toks[p.pos]
		if t.kind == tClose {
			return nil, bad("unmatched ) at character %d", t.at)
		}
		return nil, bad("unexpected %q at character %d", t.text, t.at)
	}
	if p.nodes > MaxNodes {
		return nil, bad("the query has more than %d parts", MaxNodes)
	}
	return simplify(n), nil
}

func bad(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), index.ErrBadQuery)
}

type tokKind int

const (
	tWord  tokKind = iota // a word (possibly field:value, -word)
	tQuote                // "…" (text without the quotes)
	tOpen                 // (
	tClose                // )
	tOr                   // OR or |
	tMinus                // - before a primary
	tPlus                 // + before a primary
)

type token struct {
	kind tokKind
	text string
	at   int  // 1-based character position
	glue bool // directly follows the previous token (no space): field:"…"
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' }

// quotes maps opening quote characters to their closing ones.
var quotes = map[rune]rune{'"': '"', '“': '”', '”': '”', '「': '」', '『': '』'}

func lex(s string) ([]token, error) {
	var toks []token
	chars := 0
	prevEnd := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		at := chars + 1
		glue := prevEnd == i
		switch {
		case isSpace(r):
			i += size
			chars++
			continue
		case r == '(' || r == '（':
			toks = append(toks, token{kind: tOpen, text: "(", at: at, glue: glue})
			i += size
			chars++
		case r == ')' || r == '）':
			toks = append(toks, token{kind: tClose, text: ")", at: at, glue: glue})
			i += size
			chars++
		case r == '|' || r == '｜':
			toks = append(toks, token{kind: tOr, text: "|", at: at, glue: glue})
			i += size
			chars++
		case quotes[r] != 0:
			closing := quotes[r]
			j := i + size
			n := 1
			end := -1
			for j < len(s) {
				c, sz := utf8.DecodeRuneInString(s[j:])
				n++
				if c == closing || (closing == '”' && c == '"') || (closing == '"' && c == '”') {
					end = j
					j += sz
					break
				}
				j += sz
			}
			if end < 0 {
				return nil, bad("the quote at character %d is not closed", at)
			}
			toks = append(toks, token{kind: tQuote, text: s[i+size : end], at: at, glue: glue})
			i = j
			chars += n
		case (r == '-' || r == '+' || r == '－') && !glue && i+size < len(s) && !isSpace(rune(s[i+size])):
			k := tMinus
			if r == '+' {
				k = tPlus
			}
			toks = append(toks, token{kind: k, text: string(r), at: at})
			i += size
			chars++
		default:
			j := i
			n := 0
			for j < len(s) {
				c, sz := utf8.DecodeRuneInString(s[j:])
				if isSpace(c) || c == '(' || c == ')' || c == '（' || c == '）' || c == '|' || c == '｜' || quotes[c] != 0 {
					break
				}
				j += sz
				n++
			}
			w := s[i:j]
			k := tWord
			if w == "OR" {
				k = tOr
			}
			toks = append(toks, token{kind: k, text: w, at: at, glue: glue})
			i = j
			chars += n
		}
		prevEnd = i
	}
	return toks, nil
}

type parser struct {
	toks   []token
	pos    int
	schema Schema
	nodes  int
	src    string
}

func (p *parser) peek() *token {
	if p.pos < len(p.toks) {
		return &p.toks[p.pos]
	}
	return nil
}

func (p *parser) node(n *Node) *Node {
	p.nodes++
	return n
}

// query = or { or }, up to a ")" or the end.
func (p *parser) query(depth int) (*Node, error) {
	if depth > MaxDepth {
		return nil, bad("parentheses nested deeper than %d", MaxDepth)
	}
	var parts []*Node
	for {
		t := p.peek()
		if t == nil || t.kind == tClose {
			break
		}
		n, err := p.or(depth)
		if err != nil {
			return nil, err
		}
		parts = append(parts, n)
	}
	if len(parts) == 0 {
		return nil, bad("empty query")
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return p.node(&Node{Op: And, Children: parts}), nil
}

func (p *parser) or(depth int) (*Node, error) {
	if t := p.peek(); t.kind == tOr {
		return nil, bad("OR at character %d has nothing before it", t.at)
	}
	first, err := p.unary(depth)
	if err != nil {
		return nil, err
	}
	alts := []*Node{first}
	for {
		t := p.peek()
		if t == nil || t.kind != tOr {
			break
		}
		p.pos++
		next := p.peek()
		if next == nil || next.kind == tClose || next.kind == tOr {
			return nil, bad("OR at character %d has nothing after it", t.at)
		}
		n, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		alts = append(alts, n)
	}
	if len(alts) == 1 {
		return first, nil
	}
	return p.node(&Node{Op: Or, Children: alts}), nil
}

func (p *parser) unary(depth int) (*Node, error) {
	t := p.peek()
	switch t.kind {
	case tMinus:
		p.pos++
		if p.peek() == nil {
			return nil, bad("- at character %d has nothing after it", t.at)
		}
		n, err := p.primary(depth)
		if err != nil {
			return nil, err
		}
		return p.node(&Node{Op: Not, Children: []*Node{n}}), nil
	case tPlus:
		p.pos++
		if p.peek() == nil {
			return nil, bad("+ at character %d has nothing after it", t.at)
		}
	}
	return p.primary(depth)
}

func (p *parser) primary(depth int) (*Node, error) {
	t := p.peek()
	if t == nil {
		return nil, bad("the query ends too early")
	}
	p.pos++
	switch t.kind {
	case tOpen:
		n, err := p.query(depth + 1)
		if err != nil {
			return nil, err
		}
		c := p.peek()
		if c == nil || c.kind != tClose {
			return nil, bad("the ( at character %d is not closed", t.at)
		}
		p.pos++
		return n, nil
	case tClose:
		return nil, bad("unmatched ) at character %d", t.at)
	case tQuote:
		return p.text("", t.text, true, t.at)
	case tOr:
		return nil, bad("OR at character %d has nothing before it", t.at)
	case tMinus, tPlus:
		return nil, bad("%s at character %d is doubled", t.text, t.at)
	}
	if name, val, ok := fieldPrefix(t.text); ok {
		return p.field(name, val, t)
	}
	return p.text("", t.text, false, t.at)
}

// fieldPrefix splits "name:value" when name is an ASCII identifier.
func fieldPrefix(w string) (name, val string, ok bool) {
	i := strings.IndexByte(w, ':')
	if i <= 0 {
		return "", "", false
	}
	for j := 0; j < i; j++ {
		c := w[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || j > 0 && c >= '0' && c <= '9') {
			return "", "", false
		}
	}
	return w[:i], w[i+1:], true
}

func (p *parser) text(field, v string, quoted bool, at int) (*Node, error) {
	v = strings.Join(strings.FieldsFunc(v, isSpace), " ")
	if v == "" {
		if quoted {
			return nil, bad("empty quotes at character %d", at)
		}
		return nil, bad("empty word at character %d", at)
	}
	return p.node(&Node{Op: Text, Field: field, Value: v, Quoted: quoted}), nil
}

func (p *parser) field(name, val string, t *token) (*Node, error) {
	kind := Unknown
	if p.schema != nil {
		kind = p.schema(name)
	}
	if kind == Unknown {
		return nil, bad("unknown field %q at character %d (FIELDS.md lists the fields)", name, t.at)
	}
	quoted := false
	if op := strings.TrimLeft(val, "<>="); op == "" {
		// field:"…", field:>="…" — the quote is the next token, glued to this one.
		if n := p.peek(); n != nil && n.kind == tQuote && n.glue {
			p.pos++
			quoted = val == ""
			val += n.text
		} else if val == "" {
			return nil, bad("%s: has no value at character %d", name, t.at)
		}
	}
	if kind == TextField || kind == KeywordField {
		if !quoted && strings.ContainsAny(val[:1], "<>") {
			return nil, bad("%s at character %d is not a numeric field: it takes no condition %s", name, t.at, val)
		}
	}
	switch kind {
	case TextField:
		return p.text(name, val, quoted, t.at)
	case KeywordField:
		if strings.HasSuffix(val, "*") && !quoted && len(val) > 1 {
			return p.node(&Node{Op: Prefix, Field: name, Value: strings.TrimSuffix(val, "*")}), nil
		}
		return p.node(&Node{Op: Term, Field: name, Value: val}), nil
	}
	n, err := rangeNode(name, val, kind == DateField)
	if err != nil {
		return nil, bad("%s at character %d: %v", name, t.at, err)
	}
	return p.node(n), nil
}

// rangeNode reads a numeric or date condition: >N, >=N, <N, <=N, =N, N,
// A..B (either end may be left out).
func rangeNode(field, v string, date bool) (*Node, error) {
	num := func(s string) (float64, error) {
		s = strings.TrimSpace(s)
		if date {
			for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01", "2006"} {
				if t, err := time.Parse(layout, s); err == nil {
					return float64(t.Unix()), nil
				}
			}
			return 0, fmt.Errorf("%q is not a date (2023-01-31)", s)
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a number", s)
		}
		return f, nil
	}
	n := &Node{Op: Range, Field: field}
	if a, b, ok := strings.Cut(v, ".."); ok {
		if a != "" {
			f, err := num(a)
			if err != nil {
				return nil, err
			}
			n.Min = &Bound{f, true}
		}
		if b != "" {
			f, err := num(b)
			if err != nil {
				return nil, err
			}
			n.Max = &Bound{f, true}
		}
		if n.Min == nil && n.Max == nil {
			return nil, fmt.Errorf("the range %q has no ends", v)
		}
		if n.Min != nil && n.Max != nil && n.Min.Value > n.Max.Value {
			return nil, fmt.Errorf("the range %q is empty", v)
		}
		return n, nil
	}
	for _, op := range []string{">=", "<=", ">", "<", "="} {
		if !strings.HasPrefix(v, op) {
			continue
		}
		f, err := num(v[len(op):])
		if err != nil {
			return nil, err
		}
		switch op {
		case ">=":
			n.Min = &Bound{f, true}
		case ">":
			n.Min = &Bound{f, false}
		case "<=":
			n.Max = &Bound{f, true}
		case "<":
			n.Max = &Bound{f, false}
		case "=":
			n.Min, n.Max = &Bound{f, true}, &Bound{f, true}
		}
		return n, nil
	}
	f, err := num(v)
	if err != nil {
		return nil, fmt.Errorf("%v (want a value, >N, >=N, <N, <=N or A..B)", err)
	}
	if date && len(strings.TrimSpace(v)) <= 7 {
		// A month or a year: the whole period.
		t := time.Unix(int64(f), 0).UTC()
		end := t.AddDate(1, 0, 0)
		if len(strings.TrimSpace(v)) == 7 {
			end = t.AddDate(0, 1, 0)
		}
		n.Min, n.Max = &Bound{f, true}, &Bound{float64(end.Unix()), false}
		return n, nil
	}
	n.Min, n.Max = &Bound{f, true}, &Bound{f, true}
	return n, nil
}

// simplify flattens nested And/Or of the same kind and removes double Nots.
func simplify(n *Node) *Node {
	switch n.Op {
	case And, Or:
		var kids []*Node
		for _, c := range n.Children {
			c = simplify(c)
			if c.Op == n.Op {
				kids = append(kids, c.Children...)
			} else {
				kids = append(kids, c)
			}
		}
		n.Children = kids
	case Not:
		c := simplify(n.Children[0])
		if c.Op == Not {
			return c.Children[0]
		}
		n.Children[0] = c
	}
	return n
}

// AndOf joins nodes with And, skipping nils and All; none left is All.
func AndOf(nodes ...*Node) *Node {
	var kids []*Node
	for _, n := range nodes {
		if n == nil || n.Op == All {
			continue
		}
		if n.Op == And {
			kids = append(kids, n.Children...)
		} else {
			kids = append(kids, n)
		}
	}
	switch len(kids) {
	case 0:
		return &Node{Op: All}
	case 1:
		return kids[0]
	}
	return &Node{Op: And, Children: kids}
}
