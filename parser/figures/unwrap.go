package figures

import (
	"strings"
	"unicode/utf8"
)

// Text converted from a printed page often keeps the page's line breaks:
// "全年未发生因依申请公开被行政复议纠错或\n行政诉讼败诉情形", even inside a word
// ("行政复\n议"). A line break ends a sentence for the extractor, so such
// text is first unwrapped: in a document whose lines look hard-wrapped, a
// line that does not end a sentence is joined to the next one.
//
// A document looks hard-wrapped when at least wrapShare of its body lines
// (no tab, wrapMinRunes to wrapMaxRunes runes) end without a sentence end.
// A line is joined to the next when both are body text (no tab, not a
// markdown table or heading), the line is wrapMinRunes to wrapMaxRunes runes
// long, does not end a sentence and does not open with a heading number
// (一、 （二） 3.) unless it ends in a comma, the next line does not open with
// a heading number, and the break does not stand between two ASCII
// digits. Page marks ("— 2 —") between two joined lines are dropped.

const (
	wrapMinRunes = 12
	wrapMaxRunes = 80
	wrapShare    = 0.5
	// wrapMinLines: fewer body lines than this say nothing about wrapping.
	wrapMinLines = 8
)

// unwrap joins hard-wrapped lines (see above); other text is returned as is.
func unwrap(s string) string {
	lines := strings.Split(s, "\n")
	if !hardWrapped(lines) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(lines); i++ {
		if i == len(lines)-1 {
			b.WriteString(lines[i])
			break
		}
		next := i + 1
		if next < len(lines)-1 && isPageMark(lines[next]) {
			next++
		}
		if joinable(lines[i], lines[next]) {
			b.WriteString(strings.TrimRight(lines[i], " \r"))
			lines[next] = strings.TrimLeft(lines[next], " ")
			i = next - 1 // skip a page mark; the next turn writes lines[next]
			continue
		}
		b.WriteString(lines[i])
		b.WriteByte('\n')
	}
	return b.String()
}

// hardWrapped reports whether most body lines end without a sentence end.
func hardWrapped(lines []string) bool {
	body, open := 0, 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if strings.Contains(l, "\t") || !wrapLength(l) {
			continue
		}
		body++
		if !endsSentence(l) {
			open++
		}
	}
	return body >= wrapMinLines && float64(open) >= wrapShare*float64(body)
}

func wrapLength(l string) bool {
	n := utf8.RuneCountInString(l)
	return n >= wrapMinRunes && n <= wrapMaxRunes
}

// endsSentence reports a line ending in a sentence or clause-list end.
func endsSentence(l string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(l, " \r"))
	switch r {
	case '。', '！', '？', '!', '?', '；', ';', '：', ':', '”':
		return true
	}
	return false
}

// joinable reports whether line a continues on line b.
func joinable(a, b string) bool {
	ta, tb := strings.TrimRight(a, " \r"), strings.TrimLeft(b, " ")
	if ta == "" || tb == "" || strings.ContainsAny(a+b, "\t|") || strings.HasPrefix(ta, "#") || strings.HasPrefix(tb, "#") {
		return false
	}
	if !wrapLength(ta) || endsSentence(ta) || headingNumber(tb) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(ta)
	if headingNumber(ta) && last != '，' && last != '、' && last != ',' {
		return false
	}
	return !(isDigit(ta[len(ta)-1]) && isDigit(tb[0]))
}

// headingNumber reports a line opening with a heading or list number:
// 一、 （二） (3) 4. 5、 第六 ①.
func headingNumber(l string) bool {
	l = strings.TrimLeft(l, " ")
	r, n := utf8.DecodeRuneInString(l)
	switch {
	case r == '（' || r == '(':
		rest := l[n:]
		r2, n2 := utf8.DecodeRuneInString(rest)
		if !(isCNNumeral(r2) || (r2 < utf8.RuneSelf && isDigit(byte(r2)))) {
			return false
		}
		rest = strings.TrimLeft(rest[n2:], "0123456789一二三四五六七八九十")
		return strings.HasPrefix(rest, "）") || strings.HasPrefix(rest, ")")
	case r == '第':
		r2, _ := utf8.DecodeRuneInString(l[n:])
		return isCNNumeral(r2)
	case r >= '①' && r <= '⑳':
		return true
	case isCNNumeral(r):
		rest := strings.TrimLeft(l, "一二三四五六七八九十")
		return strings.HasPrefix(rest, "、")
	case r < utf8.RuneSelf && isDigit(byte(r)):
		rest := strings.TrimLeft(l, "0123456789")
		return strings.HasPrefix(rest, "、") || (strings.HasPrefix(rest, ".") && !(len(rest) > 1 && isDigit(rest[1])))
	}
	return false
}

// isPageMark reports a page number line: "— 2 —", "- 12 -", "第3页".
func isPageMark(l string) bool {
	l = strings.TrimSpace(l)
	if l == "" || utf8.RuneCountInString(l) > 12 {
		return false
	}
	digits := false
	for _, r := range l {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case strings.ContainsRune("—–-－ 第页共/", r):
		default:
			return false
		}
	}
	return digits
}
