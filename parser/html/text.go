package html

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineBuf accumulates the text of one line from text nodes the way a
// browser collapses whitespace, with two changes for Chinese pages:
// whitespace between two wide (CJK) characters is dropped, since Word and
// CMS editors break lines and split runs inside words, and leading and
// trailing padding (&nbsp;, U+3000) is trimmed.
type lineBuf struct {
	sb        strings.Builder
	last      rune // last rune written, 0 if none
	space     bool // whitespace pending between last and the next rune
	runes     int  // runes written
	linkRunes int  // non-space runes written inside <a>
}

// isSpace reports whether r is whitespace for collapsing purposes,
// including no-break and ideographic spaces.
func isSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || (r >= '\t' && r <= '\r')
	}
	return unicode.IsSpace(r) // includes U+00A0, U+0085, U+2000–U+200A, U+3000
}

// isInvisible reports whether r should vanish: zero-width characters, BOM,
// soft hyphen.
func isInvisible(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD:
		return true
	}
	return false
}

// isWide reports whether r is a CJK character or full-width punctuation,
// between which no space is rendered in Chinese text.
func isWide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF: // radicals, CJK punctuation, kana, Han
		return true
	case r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F:
		return true
	case r >= 0xFF00 && r <= 0xFFEF: // full-width forms
		return true
	case r >= 0x2018 && r <= 0x201F, r == 0x2014, r == 0x2026, r == 0x00B7:
		return true
	case r >= 0x20000 && r <= 0x3FFFF:
		return true
	}
	return isHan(r)
}

// write appends text; inLink marks text inside an <a> element.
func (b *lineBuf) write(s string, inLink bool) {
	for _, r := range s {
		switch {
		case r == utf8.RuneError || isInvisible(r):
			continue
		case isSpace(r):
			b.space = b.last != 0
			continue
		}
		if b.space && !(isWide(b.last) && isWide(r)) {
			b.sb.WriteByte(' ')
		}
		b.space = false
		b.sb.WriteRune(r)
		b.last = r
		b.runes++
		if inLink {
			b.linkRunes++
		}
	}
}

// take returns the line and resets the buffer.
func (b *lineBuf) take() string {
	s := b.sb.String()
	*b = lineBuf{}
	return s
}

// empty reports whether nothing visible was written.
func (b *lineBuf) empty() bool { return b.runes == 0 }

// normText collapses the whitespace of s as lineBuf does.
func normText(s string) string {
	var b lineBuf
	b.write(s, false)
	return b.take()
}

// squeeze removes all whitespace from s: labels are compared squeezed
// ("索 引 号" is "索引号").
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) || isInvisible(r) {
			return -1
		}
		return r
	}, s)
}

// hanCount counts Han characters in s.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if isHan(r) {
			n++
		}
	}
	return n
}

// isHan is unicode.Is(unicode.Han, r) with the common cases decided
// without the table search: the whole CJK Unified Ideographs block is Han
// (TestIsHan checks every rune), and the Han script starts at U+2E80.
func isHan(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF:
		return true
	case r < 0x2E80:
		return false
	}
	return unicode.Is(unicode.Han, r)
}
