package similar

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Sentences splits a report's text into sentences: at 。！？；!?; and at
// line ends (a table row or a heading flattened to a line is a sentence of
// its own). Empty pieces are dropped. The split is deterministic: the
// sentence numbers stored with a passage index this list.
func Sentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		switch r {
		case '。', '！', '？', '；', '!', '?', ';', '\n', '\r':
			end := i + utf8.RuneLen(r)
			if r == '\n' || r == '\r' {
				end = i
			}
			if s := strings.TrimSpace(text[start:end]); s != "" {
				out = append(out, s)
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// Normalize reduces a sentence to what is compared: NFKC (full-width
// letters and digits folded), letters kept (Han included, Latin
// lower-cased), every run of digits replaced by one '0' (a report copied
// with this year's numbers is still copied), punctuation, spaces and
// symbols dropped.
func Normalize(s string) []rune {
	s = norm.NFKC.String(s)
	out := make([]rune, 0, len(s)/3)
	digits := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			if !digits {
				out = append(out, '0')
			}
			digits = true
			continue
		case unicode.IsLetter(r):
			out = append(out, unicode.ToLower(r))
		}
		digits = false
	}
	return out
}
