package figures

import (
	"strings"
	"unicode/utf8"

	"gongkai/corpus"
)

// Statement ranks: at equal (key, scope) the lower rank wins, then the
// earlier position.
const (
	rankText     = 0 // a number stated in a sentence
	rankTable    = 1 // a value of a flattened statistics table
	rankNegation = 2 // a zero read from a negation (未收到…申请)
)

// candidate is a figure with where it was stated and how explicitly.
type candidate struct {
	fig  corpus.Figure
	pos  int // byte offset in the folded text
	rank int
}

// maxLookback caps how far (bytes) before a number a trigger may stand.
const maxLookback = 90

// maxContext caps how much of the sentence before a number is read for
// context (申请, 截至…底).
const maxContext = 240

// scopeContext caps the words before a number read for its scope (累计,
// 截至…底) and its year.
const scopeContext = 120

// maxTail caps the words after a unit read for 申请 (接到2条…申请).
const maxTail = 75

// isSentenceEnd reports runes that end a sentence.
func isSentenceEnd(r rune) bool {
	return r == '。' || r == '！' || r == '？' || r == '!' || r == '?' || r == '\n' || r == '\r'
}

// isClauseEnd reports runes that end a clause inside a sentence.
func isClauseEnd(r rune) bool {
	switch r {
	case '，', '；', ';', '（', '）', '(', ')', '\t', '【', '】':
		return true
	}
	return false
}

// scanSentences calls fn for each sentence of s with its byte offset.
func scanSentences(s string, fn func(sent string, off int)) {
	start := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSentenceEnd(r) {
			if i > start {
				fn(s[start:i], start)
			}
			start = i + n
		}
		i += n
	}
	if start < len(s) {
		fn(s[start:], start)
	}
}

// scanClauses calls fn for each clause of a sentence with its byte offset.
// A comma between digits that is a thousands separator does not end a clause.
func scanClauses(sent string, fn func(clause string, off int)) {
	start := 0
	for i := 0; i < len(sent); {
		r, n := utf8.DecodeRuneInString(sent[i:])
		end := isClauseEnd(r) && !(r == '，' && i > 0 && isDigit(sent[i-1]) && threeDigits(sent[i+n:]))
		if r == ',' && !(i > 0 && isDigit(sent[i-1]) && threeDigits(sent[i+1:])) {
			end = true
		}
		if end {
			if i > start {
				fn(sent[start:i], start)
			}
			start = i + n
		}
		i += n
	}
	if start < len(sent) {
		fn(sent[start:], start)
	}
}

// sentenceState carries what a sentence said before the current clause.
type sentenceState struct {
	text    string // the sentence
	lead    string // the sentence it continues (其中… after 。 in one paragraph), or ""
	off     int    // its offset in the text
	qizhong int    // offset in the sentence of the first 其中/包括, -1 if none
	year    int
	out     *[]candidate
	before  map[string]bool // key|scope stated before 其中
}

// extractText reads the figures stated in sentences.
func extractText(s string, year int) []candidate {
	var out []candidate
	prev, prevEnd := "", -1
	scanSentences(s, func(sent string, off int) {
		lead := continued(s, prev, prevEnd, sent, off)
		prev, prevEnd = sent, off+len(sent)
		if !mayHoldFigure(sent) {
			return
		}
		st := &sentenceState{text: sent, lead: lead, off: off, qizhong: qizhongPos(sent), year: year, out: &out}
		scanClauses(sent, func(clause string, coff int) {
			num, neg := scanFlags(clause)
			if num {
				st.clause(clause, coff)
			}
			if neg {
				st.negations(clause, coff)
			}
		})
	})
	return out
}

// maxLead caps how much of the previous sentence is read as context.
const maxLead = 240

// continued returns the end of the previous sentence (at most maxLead bytes)
// when sent continues it: the two are parted by one 。 in the same paragraph
// and sent opens with 其中 ("共收到申请12件。其中，予以公开8件"). It is "" otherwise.
func continued(s, prev string, prevEnd int, sent string, off int) string {
	if prevEnd < 0 || s[prevEnd:off] != "。" || !strings.HasPrefix(strings.TrimLeft(sent, " "), "其中") {
		return ""
	}
	return trimToRune(prev[max(0, len(prev)-maxLead):])
}

// mayHoldFigure is a cheap filter: a figure needs a digit, a Chinese numeral
// or a negation word.
func mayHoldFigure(sent string) bool {
	num, neg := scanFlags(sent)
	return num || neg
}

// scanFlags reports in one pass whether s holds a digit or Chinese numeral
// (num) and a rune that may open a negation (neg).
func scanFlags(s string) (num, neg bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if isDigit(c) {
				num = true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch r {
		case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '上':
			num = true
		case '未', '没', '尚', '不', '暂', '免', '无', '均', '都', '数':
			neg = true
		}
		if num && neg {
			return
		}
	}
	return
}

func qizhongPos(sent string) int {
	p := -1
	for _, w := range []string{"其中", "包括"} {
		if i := strings.Index(sent, w); i >= 0 && (p < 0 || i < p) {
			p = i
		}
	}
	return p
}

// number is a number with its unit found in a clause (byte offsets).
type number struct {
	start, end int // the digits
	unitEnd    int // after the unit (and 余/多)
	value      float64
	unit       string
	approx     bool
}

// clause reads the numbers of one clause that follow a trigger.
func (st *sentenceState) clause(clause string, coff int) {
	ms := findTriggers(clause)
	if len(ms) == 0 {
		return
	}
	j := -1 // the last trigger ending before the current number
	for _, num := range findNumbers(clause) {
		for j+1 < len(ms) && ms[j+1].end <= num.start {
			j++
		}
		if j < 0 || num.start-ms[j].end > maxLookback || joined(clause, ms, j) {
			continue
		}
		st.consider(clause, coff, ms[spanning(clause, ms, j, num.start)], num)
	}
}

// spanning returns the trigger a number at numStart belongs to: trigger j
// (the last before it), or an earlier trigger of another key whose rule
// takes every word up to the number, later triggers included, as filler
// (结转下一年度办理答复的有1件: 办理 and 答复 are words of the carry-forward
// statement, not statements of their own).
func spanning(clause string, ms []match, j, numStart int) int {
	best := j
	for k := j - 1; k >= 0 && numStart-ms[k].end <= maxLookback; k-- {
		r := ms[k].t.rule
		if r.fillers == nil || r.key == ms[best].t.rule.key {
			continue
		}
		if onlyFillers(clause[ms[k].end:numStart], r.fillers, globalFillers) {
			best = k
		}
	}
	return best
}

// conjunctions join two triggers into one combined figure (予以公开及部分公开42件).
var conjunctions = []string{"及", "和", "、", "与", "或", "以及"}

// joined reports whether trigger j directly follows another trigger of a
// different key through a conjunction: the number then counts both.
func joined(clause string, ms []match, j int) bool {
	if j == 0 || ms[j-1].t.rule.key == ms[j].t.rule.key {
		return false
	}
	between := clause[ms[j-1].end:ms[j].start]
	for _, c := range conjunctions {
		if between == c {
			return true
		}
	}
	return false
}

// consider turns a trigger and a number into a candidate when the rule agrees.
func (st *sentenceState) consider(clause string, coff int, m match, num number) {
	r := m.t.rule
	if !hasUnit(r.units, num.unit) {
		return
	}
	gap := clause[m.end:num.start]
	tail := clause[num.unitEnd:]
	if len(tail) > maxTail {
		tail = tail[:maxTail]
	}
	sentBefore := trimToRune(st.text[max(0, coff+num.start-maxContext) : coff+num.start])
	if !r.gapOK(gap, tail, st.lead+"。"+sentBefore) {
		return
	}
	prefix := trimToRune(clause[max(0, num.start-scopeContext):num.start])
	if st.otherYear(prefix) {
		return
	}
	scope := scopeOf(prefix, trimToRune(sentBefore[max(0, len(sentBefore)-scopeContext):]))
	ks := r.key + "|" + scope
	pos := coff + num.start
	if st.qizhong >= 0 {
		if pos < st.qizhong {
			if st.before == nil {
				st.before = make(map[string]bool)
			}
			st.before[ks] = true
		} else if st.before[ks] {
			return // a 其中 sub-count of a figure this sentence already stated
		}
	}
	value, unit := num.value, num.unit
	if r.key == ruleFees.key {
		unit = num.unit
	} else if unit == "人次" {
		unit = "次"
	}
	*st.out = append(*st.out, candidate{
		fig: corpus.Figure{Key: r.key, Value: value, Unit: unit, Scope: scope,
			Approx: num.approx || approxBefore(prefix), Text: snippet(clause, m.start, num.unitEnd)},
		pos: st.off + pos, rank: rankText,
	})
}

func hasUnit(units []string, u string) bool {
	for _, x := range units {
		if x == u {
			return true
		}
	}
	return false
}

// otherYear reports whether the clause is about a year other than the
// report's (2015年主动公开… in a 2016 report).
func (st *sentenceState) otherYear(prefix string) bool {
	if st.year == 0 {
		return false
	}
	for i := 0; i+4 < len(prefix); i++ {
		if !isDigit(prefix[i]) || (i > 0 && isDigit(prefix[i-1])) {
			continue
		}
		j := i
		for j < len(prefix) && isDigit(prefix[j]) {
			j++
		}
		if j-i != 4 || !strings.HasPrefix(prefix[j:], "年") {
			continue
		}
		y := int(prefix[i]-'0')*1000 + int(prefix[i+1]-'0')*100 + int(prefix[i+2]-'0')*10 + int(prefix[i+3]-'0')
		if y >= 1990 && y <= 2100 && y != st.year {
			return true
		}
	}
	return false
}

var (
	yearCumWords  = []string{"全年累计", "本年累计", "年度累计", "今年累计", "当年累计", "年内累计", "本年度累计"}
	cumWords      = []string{"累计", "历年", "总量"}
	yearWords     = []string{"本年", "今年", "全年", "新增", "当年", "本年度"}
	untilMarkers  = []string{"截至", "截止", "到"}
	untilEndWords = []string{"底", "末"}
)

// scopeOf decides year or cumulative from the clause before the number and,
// for 截至…底, the sentence before it.
func scopeOf(prefix, sentBefore string) string {
	switch {
	case containsAny(prefix, yearCumWords):
		return corpus.ScopeYear
	case containsAny(prefix, cumWords):
		return corpus.ScopeCumulative
	case containsAny(prefix, yearWords):
		return corpus.ScopeYear
	case untilEnd(sentBefore):
		return corpus.ScopeCumulative
	}
	return corpus.ScopeYear
}

// untilEnd reports 截至…底 / 到…年底 within a short span.
func untilEnd(s string) bool {
	for _, m := range untilMarkers {
		for off := 0; ; {
			i := strings.Index(s[off:], m)
			if i < 0 {
				break
			}
			i += off
			span := s[i:min(len(s), i+len(m)+30)]
			if containsAny(span, untilEndWords) {
				return true
			}
			off = i + len(m)
		}
	}
	return false
}

var approxPrefixes = []string{"近", "约", "逾", "超过", "大约", "将近", "上千", "上万"}

// approxBefore reports an approximation word right before the number.
func approxBefore(prefix string) bool {
	tail := prefix
	if len(tail) > 9 {
		tail = tail[len(tail)-9:]
	}
	return containsAny(tail, approxPrefixes)
}

// snippetRunes caps a figure's Text.
const snippetRunes = 60

// snippet returns the clause, trimmed to about snippetRunes around [from, to).
func snippet(clause string, from, to int) string {
	if len(clause) <= 3*snippetRunes && utf8.RuneCountInString(clause) <= snippetRunes {
		return strings.TrimSpace(clause)
	}
	// widen [from,to) rune by rune until the cap
	a, b := from, to
	for utf8.RuneCountInString(clause[a:b]) < snippetRunes && (a > 0 || b < len(clause)) {
		if a > 0 {
			_, n := utf8.DecodeLastRuneInString(clause[:a])
			a -= n
		}
		if b < len(clause) {
			_, n := utf8.DecodeRuneInString(clause[b:])
			b += n
		}
	}
	return strings.TrimSpace(clause[a:b])
}
