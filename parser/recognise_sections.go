package parser

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongkai/corpus"
)

var reOrdinal = regexp.MustCompile(`[一二三四五六七八九十]{1,3}、`)

// ordinals is reOrdinal.FindAllStringIndex(text, -1) for valid UTF-8
// text: it looks for "、" with strings.Index and back over up to three
// numerals, instead of trying the pattern at every rune of a report's
// text. A match starts at the first of the (at most three) numerals
// right before a "、": from an earlier numeral of a longer run the
// pattern fails, as three numerals are then followed by a fourth. Other
// text (broken UTF-8, where the engine steps byte by byte) is left to
// the regexp. TestOrdinals compares the two.
func ordinals(text string) [][]int {
	if !utf8.ValidString(text) {
		return reOrdinal.FindAllStringIndex(text, -1)
	}
	const mark = "、"
	var out [][]int
	for i := 0; ; {
		k := strings.Index(text[i:], mark)
		if k < 0 {
			return out
		}
		p := i + k
		start := p
		for n := 0; n < 3 && start-3 >= i; n++ {
			r, size := utf8.DecodeLastRuneInString(text[:start])
			if size != 3 || !strings.ContainsRune("一二三四五六七八九十", r) {
				break
			}
			start -= 3
		}
		i = p + len(mark)
		if start < p {
			out = append(out, []int{start, i})
		}
	}
}

// headingWords are the section headings of both templates and the common
// legacy layouts (reference §1.1, §3.2); an inline heading ("一、总体情况2020
// 年，…" in flattened text) ends where its known words end.
var headingWords = []string{
	"总体情况", "概述", "引言",
	"主动公开政府信息情况", "主动公开政府信息的情况", "主动公开情况", "主动公开工作情况",
	"收到和处理政府信息公开申请情况", "依申请公开政府信息情况", "依申请公开政府信息和不予公开政府信息情况", "政府信息依申请公开办理情况", "依申请公开情况", "政府信息公开申请情况",
	"政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议及行政诉讼情况", "政府信息公开行政复议和行政诉讼情况",
	"因政府信息公开工作被申请行政复议、提起行政诉讼情况", "因政府信息公开被申请行政复议和提起行政诉讼情况", "因政府信息公开申请行政复议、提起行政诉讼的情况", "因政府信息公开申请行政复议和提起行政诉讼的情况",
	"政府信息公开的收费及减免情况", "政府信息公开收费及减免情况",
	"政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及改进情况", "存在的主要问题及改进措施", "存在的主要问题及整改措施", "存在的主要问题和改进措施",
	"其他需要报告的事项", "需要说明的事项与附表", "需要说明的事项", "其他需要说明的事项",
	"工作机制保障", "政府信息管理", "政府信息公开平台建设", "监督保障",
}

// PrefaceTitle is the title of section 0, the text before the first
// numbered section.
const PrefaceTitle = "前言"

var tableRowWords = []string{"本年新收", "上年结转", "本年度办理结果", "结转下年度"}

// sectionsOf splits the report text at its numbered headings: 一、 … 六、 in
// order (each heading must carry the next ordinal, so the 一、…四、 rows of
// table 三 and sub-lists never count). Text before the first heading is
// section 0 (PrefaceTitle); only the ordinals of the headings ("一、") and
// white space at the sections' edges are not kept.
func sectionsOf(text string) []corpus.Section {
	type head struct {
		no         int
		start, end int // heading span in text
		title      string
	}
	var heads []head
	next := 1
	for _, m := range ordinals(text) {
		no := cnNumber(strings.TrimSuffix(text[m[0]:m[1]], "、"))
		if no != next && no != next+1 {
			continue
		}
		var title string
		var end int
		if headingStart(text, m[0]) {
			title, end = headingTitle(text, m[1])
		} else {
			// Glued to the text before it ("…895.90元三、收到和处理…" in
			// flattened copies): only a known heading counts.
			title, end = knownHeading(text, m[1])
		}
		if no == next+1 {
			// A heading lost in conversion ("五、" missing): skip one ordinal
			// only for a heading we know.
			if t, _ := knownHeading(text, m[1]); t == "" {
				continue
			}
		}
		if title == "" || containsAny(title, tableRowWords) {
			continue
		}
		if len(heads) > 0 && heads[len(heads)-1].end > m[0] {
			continue
		}
		heads = append(heads, head{no: no, start: m[0], end: end, title: title})
		next = no + 1
	}
	out := make([]corpus.Section, 0, len(heads)+1)
	// Section 0: what comes before 一 (the title, the legal basis, the
	// statistics period, the contact address) — or the whole text when the
	// report has no numbered sections. Text after the last heading
	// (signature, annexes, notes under tables) stays in the last section,
	// so that every character of the text is in some section.
	lead := len(text)
	if len(heads) > 0 {
		lead = heads[0].start
	}
	if t := strings.TrimSpace(text[:lead]); t != "" {
		out = append(out, corpus.Section{No: 0, Title: PrefaceTitle, Text: t})
	}
	for i, h := range heads {
		stop := len(text)
		if i+1 < len(heads) {
			stop = heads[i+1].start
		}
		out = append(out, corpus.Section{No: h.no, Title: strings.TrimSpace(h.title), Text: strings.TrimSpace(text[h.end:stop])})
	}
	return out
}

// headingStart: a heading starts a line or follows punctuation, white space
// or a number — never the middle of a word (统一、).
func headingStart(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return !unicode.Is(unicode.Han, r)
}

// headingTitle returns a heading's title and where it ends: the whole line
// when the line is short, else the known heading words it starts with.
func headingTitle(text string, from int) (string, int) {
	rest := text[from:]
	line := rest
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		line = rest[:i]
	}
	if k, end := knownHeading(text, from); k != "" {
		return k, end
	}
	if t := strings.TrimSpace(line); t != "" && utf8.RuneCountInString(t) <= 40 && !strings.ContainsAny(t, "。；") && !reOrdinal.MatchString(t) {
		return t, from + len(line)
	}
	return "", from
}

// knownHeading matches the longest known heading at from.
func knownHeading(text string, from int) (string, int) {
	rest := text[from:]
	c := strings.TrimLeft(rest, " \t")
	skip := len(rest) - len(c)
	best := ""
	for _, w := range headingWords {
		if strings.HasPrefix(c, w) && len(w) > len(best) {
			best = w
		}
	}
	if best != "" {
		return best, from + skip + len(best)
	}
	if m := reHeadingShape.FindString(c); m != "" {
		return m, from + skip + len(m)
	}
	return "", from
}

// reHeadingShape is a heading we do not list but whose shape is plain: a
// short phrase ending in 情况/措施/事项/统计表/附表.
var reHeadingShape = regexp.MustCompile(`^[^，。；：:,0-9（(\s]{2,26}(情况|措施|事项|统计表|附表)`)

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
