package figures

import (
	"strings"
	"unicode/utf8"
)

// allUnits are the units a number may carry, longest first.
var allUnits = []string{"万元", "人次", "件", "条", "次", "个", "宗", "起", "份", "元"}

// badAfterUnit are words that make a unit part of another word (条例, 一次性,
// 一条龙, 件数 is fine).
var badAfterUnit = map[string][]string{
	"条": {"例", "款", "规", "龙", "线", "件"},
	"次": {"性", "要", "数"},
	"件": {"事"},
	"个": {"人", "别", "体", "案"},
}

// findNumbers returns the numbers of a clause that carry a unit, in order.
func findNumbers(clause string) []number {
	var out []number
	for i := 0; i < len(clause); {
		start := i
		var v float64
		var n int
		ok, approx := false, false
		switch {
		case isDigit(clause[i]):
			v, n, ok = parseArabic(clause[i:])
			if !ok {
				n = 1
			}
		case strings.HasPrefix(clause[i:], "上千") || strings.HasPrefix(clause[i:], "上万"):
			v, n, ok, approx = 1000, len("上千"), true, true
			if strings.HasPrefix(clause[i:], "上万") {
				v = 10000
			}
		default:
			r, rn := utf8.DecodeRuneInString(clause[i:])
			if !isCNNumeral(r) || r == '万' || r == '亿' {
				i += rn
				continue
			}
			n = cnRunLen(clause[i:])
			var iv int64
			iv, ok = parseCN(clause[i : i+n])
			v = float64(iv)
		}
		i += n
		if !ok || ordinal(clause[:start]) {
			continue
		}
		if num, good := readUnit(clause, start, i, v); good {
			num.approx = num.approx || approx
			out = append(out, num)
			i = num.unitEnd
		}
	}
	return out
}

// cnRunLen returns the byte length of the Chinese numeral run at s's start.
func cnRunLen(s string) int {
	n, count := 0, 0
	for n < len(s) && count < maxCNRunes+1 {
		r, w := utf8.DecodeRuneInString(s[n:])
		if !isCNNumeral(r) {
			break
		}
		n += w
		count++
	}
	return n
}

// ordinal reports a number that is an ordinal or part of a dotted label
// (第三条, 1.2.3, -5).
func ordinal(before string) bool {
	return strings.HasSuffix(before, "第") || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "-") || strings.HasSuffix(before, "/")
}

// readUnit reads what follows a number: spaces, 余/多, 万, the unit, 余/多.
func readUnit(clause string, start, end int, v float64) (number, bool) {
	num := number{start: start, end: end, value: v}
	j := skipSpaces(clause, end)
	if k, ok := approxWord(clause, j); ok {
		num.approx, j = true, k
	}
	if strings.HasPrefix(clause[j:], "万") && !strings.HasPrefix(clause[j:], "万元") {
		v *= 10000
		j += len("万")
		if k, ok := approxWord(clause, j); ok {
			num.approx, j = true, k
		}
	}
	num.value = v
	for _, u := range allUnits {
		if !strings.HasPrefix(clause[j:], u) {
			continue
		}
		after := clause[j+len(u):]
		for _, bad := range badAfterUnit[u] {
			if strings.HasPrefix(after, bad) {
				return num, false
			}
		}
		num.unit = u
		j += len(u)
		if k, ok := approxWord(clause, j); ok {
			num.approx, j = true, k
		}
		num.unitEnd = j
		return num, true
	}
	return num, false
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// approxWord reads 余 or 多 at i.
func approxWord(s string, i int) (int, bool) {
	for _, w := range []string{"余", "多"} {
		if strings.HasPrefix(s[i:], w) {
			return i + len(w), true
		}
	}
	return i, false
}
