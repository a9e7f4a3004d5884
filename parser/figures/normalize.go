package figures

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldable reports the runes fold changes.
func foldable(r rune) bool {
	return (r >= '０' && r <= '９') || r == '％' || r == '．' || r == '－' || r == '−' ||
		r == '\u3000' || r == '\u00a0' || (r >= 0x2F00 && r <= 0x2FD5)
}

// fold maps the width and compatibility variants that matter for numbers and
// keywords to one form: full-width digits, '%', '.' and '-' to ASCII, the
// ideographic space to a space, Kangxi radicals (PDF extraction) to their
// unified ideographs. Chinese punctuation (，。；（）) is kept: it delimits
// clauses. The result has the same line structure as s.
func fold(s string) string {
	if !needsFold(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		if !foldable(r) {
			b.WriteString(s[i : i+utf8.RuneLen(r)])
			continue
		}
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune(r - 0xFEE0)
		case r == '％':
			b.WriteByte('%')
		case r == '．':
			b.WriteByte('.')
		case r == '\u3000', r == '\u00a0':
			b.WriteByte(' ')
		case r == '－', r == '−':
			b.WriteByte('-')
		case r >= 0x2F00 && r <= 0x2FD5:
			b.WriteString(norm.NFKC.String(string(r)))
		}
	}
	return b.String()
}

// needsFold reports whether s holds any rune fold changes.
func needsFold(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if foldable(r) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// cnDigits are the values of the Chinese numeral digits.
var cnDigits = map[rune]int64{'零': 0, '〇': 0, '○': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// cnUnits are the multipliers below 万.
var cnUnits = map[rune]int64{'十': 10, '百': 100, '千': 1000}

func isCNNumeral(r rune) bool {
	switch r {
	case '零', '〇', '○', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿':
		return true
	}
	return false
}

// maxCNRunes caps a Chinese numeral; longer runs are not numbers we read.
const maxCNRunes = 12

// parseCN reads a Chinese numeral (十二, 一千二百, 两, 三万五千, 二〇一一 digit
// by digit is rejected). ok is false for anything it does not understand.
func parseCN(s string) (v int64, ok bool) {
	if s == "" || utf8.RuneCountInString(s) > maxCNRunes {
		return 0, false
	}
	var total, section, digit int64
	seenDigit, lastWasDigit := false, false
	for _, r := range s {
		if d, isD := cnDigits[r]; isD {
			if lastWasDigit && d != 0 && digit != 0 {
				return 0, false // 二〇一一-style digit strings: a year, not a count
			}
			digit, seenDigit, lastWasDigit = d, true, true
			continue
		}
		lastWasDigit = false
		switch {
		case cnUnits[r] != 0:
			if digit == 0 && !seenDigit {
				digit = 1 // 十二 = 12
			}
			section += digit * cnUnits[r]
		case r == '万' || r == '亿':
			mult := int64(10000)
			if r == '亿' {
				mult = 100000000
			}
			total = (total + section + digit) * mult
			section = 0
		default:
			return 0, false
		}
		digit, seenDigit = 0, false
	}
	return total + section + digit, true
}

// parseArabic reads digits with optional thousands separators (',' or '，'
// followed by exactly three digits) and one decimal point, from the start of
// s. It returns the value, the number of bytes read and ok.
func parseArabic(s string) (v float64, n int, ok bool) {
	var intPart, frac float64
	scale := 1.0
	i, digits := 0, 0
	inFrac := false
	for i < len(s) && digits < 20 {
		c := s[i]
		switch {
		case isDigit(c):
			d := float64(c - '0')
			if inFrac {
				scale /= 10
				frac += d * scale
			} else {
				intPart = intPart*10 + d
			}
			i++
			digits++
			continue
		case c == '.' && !inFrac && i+1 < len(s) && isDigit(s[i+1]):
			inFrac = true
			i++
			continue
		case !inFrac && digits > 0:
			if w := sepWidth(s[i:]); w > 0 && threeDigits(s[i+w:]) {
				i += w
				continue
			}
		}
		break
	}
	if digits == 0 {
		return 0, 0, false
	}
	return intPart + frac, i, true
}

// sepWidth returns the byte width of a thousands separator at the start of s.
func sepWidth(s string) int {
	if strings.HasPrefix(s, ",") {
		return 1
	}
	if strings.HasPrefix(s, "，") {
		return len("，")
	}
	return 0
}

// threeDigits reports whether s starts with exactly three digits (then no
// fourth digit).
func threeDigits(s string) bool {
	return len(s) >= 3 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && (len(s) == 3 || !isDigit(s[3]))
}
