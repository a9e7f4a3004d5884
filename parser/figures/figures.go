package figures

import (
	"sort"
	"strings"
	"unicode/utf8"

	"gongkai/corpus"
)

// MaxInput caps the text Extract reads (bytes); the rest is ignored.
const MaxInput = 8 << 20

// Extract returns the figures stated in text (a report's text in reading
// order, paragraphs and table rows one per line, cells tab-separated). year
// is the reporting year (0 if unknown); a clause about another year
// ("2015年主动公开…") gives no figure.
//
// One figure is returned per (key, scope): a number stated in a sentence
// wins over a statistics-table value, which wins over a zero read from a
// negation; at equal rank the first statement wins. Figures come in the
// order of their statements. It recovers from no panic: a bug here fails
// the parse of the file, named with its stage (parser.Parse), rather than
// dropping the report's figures without a word.
func Extract(text string, year int) []corpus.Figure {
	return extract(text, year)
}

// extract is Extract (the fuzz test calls it).
func extract(text string, year int) []corpus.Figure {
	if len(text) > MaxInput {
		text = text[:MaxInput]
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	s := unwrap(fold(text))
	cands := extractText(s, year)
	cands = append(cands, extractTables(s, cands)...)
	return dedup(cands)
}

// dedup keeps the best candidate per (key, scope), in statement order.
func dedup(cands []candidate) []corpus.Figure {
	best := make(map[string]candidate)
	var order []string
	for _, c := range cands {
		k := c.fig.Key + "|" + c.fig.Scope
		b, ok := best[k]
		if !ok {
			order = append(order, k)
		}
		if !ok || c.rank < b.rank || (c.rank == b.rank && c.pos < b.pos) {
			best[k] = c
		}
	}
	winners := make([]candidate, 0, len(order))
	for _, k := range order {
		winners = append(winners, best[k])
	}
	sort.SliceStable(winners, func(i, j int) bool {
		if winners[i].pos != winners[j].pos {
			return winners[i].pos < winners[j].pos
		}
		if winners[i].fig.Key != winners[j].fig.Key {
			return winners[i].fig.Key < winners[j].fig.Key
		}
		return winners[i].fig.Scope < winners[j].fig.Scope
	})
	out := make([]corpus.Figure, len(winners))
	for i, w := range winners {
		out[i] = w.fig
	}
	return out
}

// comparablePrefixes name the keys that correspond to a value of the
// national-template tables.
var comparablePrefixes = []string{"apply.", "active.a20_", "review.", "suit."}

// Comparable returns the figures a table value can be compared with (check
// C8, reference §2.5): only year-scope, non-approximate figures whose key
// names a table value (apply.*, active.a20_*, review.*, suit.*).
func Comparable(figs []corpus.Figure) []corpus.Figure {
	var out []corpus.Figure
	for _, f := range figs {
		if f.Scope != corpus.ScopeYear || f.Approx {
			continue
		}
		for _, p := range comparablePrefixes {
			if strings.HasPrefix(f.Key, p) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}
