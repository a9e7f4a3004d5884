package template

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"gongkai/corpus"
)

// NormText applies the normalisation of reference §5 that keeps the text
// readable: NFKC (full-width digits and punctuation, Kangxi radicals),
// U+00A0/U+3000 as spaces, runs of white space folded to one space.
func NormText(s string) string {
	s = nfkc(s)
	if folded(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		if normSpace(r) {
			space = true
			continue
		}
		if space && sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		space = false
		sb.WriteRune(r)
	}
	return sb.String()
}

// nfkc is norm.NFKC.String(s), through quickNFKC when it can.
func nfkc(s string) string {
	if t, ok := quickNFKC(s); ok {
		return t
	}
	return norm.NFKC.String(s)
}

// normSpace reports whether NormText folds r as white space.
func normSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff'
}

// folded reports whether NormText's folding leaves s as it is: valid
// UTF-8 (a broken byte would become U+FFFD), no white space but single
// ASCII spaces between other characters. Most cells and lines are, and
// are then returned without a copy.
func folded(s string) bool {
	prevSpace := true // no space at the start
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' {
				if prevSpace {
					return false
				}
				prevSpace = true
				continue
			}
			if asciiSpace(c) {
				return false
			}
			prevSpace = false
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || normSpace(r) {
			return false
		}
		i += n
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// asciiSpace is unicode.IsSpace for an ASCII byte.
func asciiSpace(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}

// quickNFKC is norm.NFKC.String(s) for the text most cells and lines are
// made of, and ok false for any other: every rune ASCII, a CJK unified
// ideograph (U+4E00–U+9FFF), one of the CJK punctuation marks in
// nfkcStable, or a full-width ASCII form (U+FF01–U+FF5E, which NFKC maps
// to its ASCII character). None of these decomposes further, combines
// with a neighbour or is reordered (TestQuickNFKC checks every one of them
// against the library, alone and mixed), so NFKC maps them one by one.
// The library's check costs a trie look-up a rune; this was a third of
// template alignment's time on the real-size reports.
func quickNFKC(s string) (string, bool) {
	wide := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r >= 0x4E00 && r <= 0x9FFF, nfkcStable(r):
		case r >= 0xFF01 && r <= 0xFF5E:
			wide = true
		default:
			return "", false
		}
	}
	if !wide {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			b = append(b, byte(r-0xFEE0))
			continue
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b), true
}

// nfkcStable reports whether r is one of the punctuation marks of Chinese
// text that NFKC leaves as they are.
func nfkcStable(r rune) bool {
	switch r {
	case '、', '。', '〈', '〉', '《', '》', '「', '」', '『', '』', '【', '】', '〔', '〕', '〖', '〗',
		'“', '”', '‘', '’', '—', '·', '×', '√':
		return true
	}
	return false
}

// dropInLabel reports whether a rune is ignored when matching labels:
// white space and quotes (“三安全一稳定” vs "三安全一稳定" vs 三安全一稳定).
func dropInLabel(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '「', '」', '『', '』', '`':
		return true
	}
	return unicode.IsSpace(r)
}

// CompactLabel is the form labels are compared in: normalised, without
// white space and quotes, "、"/"．" after a digit as ".".
//
// It is NormText without its folded white space, which dropInLabel drops
// (unicode.IsSpace) but for U+200B and U+FEFF, which NormText folds: one
// pass over the NFKC form, dropping both, and no copy when nothing is
// dropped.
func CompactLabel(s string) string {
	s = nfkc(s)
	keep := true
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if r == utf8.RuneError && n == 1 || dropInLabel(r) || normSpace(r) {
			keep = false
			break
		}
		i += n
	}
	if keep {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for _, r := range s {
		if !dropInLabel(r) && !normSpace(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// value is one table value as printed.
type value struct {
	raw   string
	state string
	num   float64
	unit  string // 元, 万元 when the cell carried one
	// unsure: an OCR reading the engine is not confident of (raw holds
	// it); the value is withheld and the cell marked uncertain.
	unsure bool
	conf   float64     // OCR confidence (0–1) of the cell; 0 when read from text
	at     *corpus.Loc // where the value's cell or line stands in the original
}

var (
	reParen    = regexp.MustCompile(`\([^()]*\)|（[^（）]*）`)
	reNumber   = regexp.MustCompile(`^[+\-]?(\d+(\.\d+)?|\.\d+)$`)
	reThousand = regexp.MustCompile(`(\d),(\d{3})`)
	dashes     = map[string]bool{"-": true, "—": true, "--": true, "——": true, "/": true, "\\": true, "无": true, "空": true, "N/A": true, "n/a": true, "NA": true, "―": true, "─": true, "－": true, "−": true, "–": true, "×": true}
)

// unitSuffixes are stripped from cell values; 元 and 万元 are kept as the unit.
var unitSuffixes = []string{"万元", "元", "件", "条", "次", "个", "项", "人次", "人", "篇", "家"}

// parseValue classifies one printed cell (reference §4.2–4.3): blank, dash,
// number (signs, decimals, thousands separators, units, full-width digits),
// or text.
func parseValue(raw string) value {
	if v, ok := plainNumber(raw); ok {
		return v
	}
	s := NormText(raw)
	s = strings.Trim(s, " ")
	v := value{raw: strings.TrimSpace(raw)}
	if s == "" {
		v.state = corpus.StateBlank
		return v
	}
	if dashes[s] {
		v.state = corpus.StateDash
		return v
	}
	s = signReplacer.Replace(s)
	for reThousand.MatchString(s) {
		s = reThousand.ReplaceAllString(s, "$1$2")
	}
	for _, u := range unitSuffixes {
		if strings.HasSuffix(s, u) && len(s) > len(u) {
			s = strings.TrimSuffix(s, u)
			if u == "元" || u == "万元" {
				v.unit = u
			}
			break
		}
	}
	if reNumber.MatchString(s) {
		f, err := strconv.ParseFloat(strings.TrimPrefix(s, "+"), 64)
		if err == nil {
			v.state = corpus.StateNumber
			v.num = f
			return v
		}
	}
	v.state = corpus.StateText
	return v
}

var signReplacer = strings.NewReplacer("−", "-", "－", "-", "–", "-", "—", "-", " ", "")

// plainNumber is parseValue's fast path for ASCII numbers ("0", "-185",
// "4068.208"), which are most cells and every part of a split run.
func plainNumber(s string) (value, bool) {
	if s == "" || len(s) > 24 {
		return value{}, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || (i == 0 && (c == '-' || c == '+'))) {
			return value{}, false
		}
	}
	f, err := strconv.ParseFloat(strings.TrimPrefix(s, "+"), 64)
	if err != nil {
		return value{}, false
	}
	return value{raw: s, state: corpus.StateNumber, num: f}, true
}

// stripParens removes parenthesised annotations (both widths), repeatedly
// for nested ones.
func stripParens(s string) string {
	if strings.IndexByte(s, '(') < 0 && !strings.Contains(s, "（") {
		return s // reParen needs an opening parenthesis
	}
	for i := 0; i < 4; i++ {
		t := reParen.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	return s
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0
}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}
