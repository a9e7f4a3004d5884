package index

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Snippets cuts up to max fragments of text around the occurrences of the
// terms (whitespace-separated words of each term; ASCII case ignored) and
// wraps each occurrence in <mark>…</mark>. The text is HTML-escaped; cuts
// fall on character boundaries. Without occurrences it returns the start of
// the text after its first line (the title).
func Snippets(text string, terms []string, max int) []string {
	const before, width = 24, 96 // characters
	if text == "" || max <= 0 {
		return nil
	}
	occ := occurrences(text, terms)
	if len(occ) == 0 {
		start := strings.IndexByte(text, '\n') + 1
		if start >= len(text) {
			start = 0
		}
		end := advance(text, start, width)
		return []string{fragment(text, start, end, nil)}
	}
	type win struct{ start, end, score, first int }
	var wins []win
	for i, o := range occ {
		s := back(text, o[0], before)
		e := advance(text, s, width)
		if e < o[1] {
			e = o[1]
		}
		seen := map[string]bool{}
		for _, p := range occ[i:] {
			if p[1] > e {
				break
			}
			seen[strings.ToLower(text[p[0]:p[1]])] = true
		}
		wins = append(wins, win{s, e, len(seen), i})
	}
	sort.SliceStable(wins, func(a, b int) bool { return wins[a].score > wins[b].score })
	var chosen []win
	for _, w := range wins {
		overlap := false
		for _, c := range chosen {
			if w.start < c.end && c.start < w.end {
				overlap = true
				break
			}
		}
		if !overlap {
			chosen = append(chosen, w)
			if len(chosen) == max {
				break
			}
		}
	}
	sort.Slice(chosen, func(a, b int) bool { return chosen[a].start < chosen[b].start })
	out := make([]string, 0, len(chosen))
	for _, c := range chosen {
		out = append(out, fragment(text, c.start, c.end, occ))
	}
	return out
}

// occurrences finds the non-overlapping occurrences of the terms' words in
// text, longest first at each place, in order.
func occurrences(text string, terms []string) [][2]int {
	var words []string
	seen := map[string]bool{}
	for _, t := range terms {
		for _, w := range strings.Fields(t) {
			w = asciiLower(w)
			if !seen[w] && w != "" {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	if len(words) == 0 {
		return nil
	}
	sort.Slice(words, func(a, b int) bool { return len(words[a]) > len(words[b]) })
	lower := asciiLower(text)
	var occ [][2]int
	for _, w := range words {
		for off := 0; off < len(lower) && len(occ) < 10000; {
			i := strings.Index(lower[off:], w)
			if i < 0 {
				break
			}
			s, e := off+i, off+i+len(w)
			occ = append(occ, [2]int{s, e})
			off = e
		}
	}
	sort.Slice(occ, func(a, b int) bool {
		if occ[a][0] != occ[b][0] {
			return occ[a][0] < occ[b][0]
		}
		return occ[a][1] > occ[b][1]
	})
	kept := occ[:0]
	end := -1
	for _, o := range occ {
		if o[0] >= end {
			kept = append(kept, o)
			end = o[1]
		}
	}
	return kept
}

// asciiLower lowercases ASCII letters only (byte offsets stay valid).
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// back moves n characters back from byte offset i, stopping after a line break.
func back(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		if s[i-size] == '\n' {
			break
		}
		i -= size
	}
	return i
}

// advance moves n characters forward from byte offset i.
func advance(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// fragment renders text[start:end] HTML-escaped with the occurrences inside
// it marked; line breaks become spaces.
func fragment(text string, start, end int, occ [][2]int) string {
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, o := range occ {
		if o[0] < start || o[1] > end {
			continue
		}
		b.WriteString(escape(text[pos:o[0]]))
		b.WriteString("<mark>")
		b.WriteString(escape(text[o[0]:o[1]]))
		b.WriteString("</mark>")
		pos = o[1]
	}
	b.WriteString(escape(text[pos:end]))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&#34;", "\n", " ", "\r", " ", "\t", " ")

func escape(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return escaper.Replace(s)
}
