package figures

import (
	"strings"
	"unicode/utf8"

	"gongkai/corpus"
)

// negationMarkers open a statement that something did not happen; the topics
// named after them in the same clause are explicit zeros.
var negationMarkers = []string{
	"未收到", "没有收到", "尚未收到", "未接到", "没有接到", "尚未接到", "未受理", "没有受理",
	"未发生", "没有发生", "未出现", "没有出现", "未产生", "没有产生",
	"未收取", "没有收取", "不收取", "未收费", "没有收费", "不收费", "暂不收费", "免收",
	"无",
}

// allZeroMarkers say that the topics named before them were all zero.
var allZeroMarkers = []string{"均为0", "均为零", "均是0", "都为0", "均为“0”", "数量为0", "数量为零"}

// noAfterWu: 无 followed by these is not a negation of a count (无法, 无偿 …).
var noAfterWu = []string{"法", "偿", "不", "需", "须", "论", "关", "疑", "效", "序", "缝", "纸", "障碍", "线", "人机"}

// outcomeWords name an outcome of a request, a review or a suit (被纠错,
// 败诉, 超期答复 …). A negation that names one says the outcome did not
// happen ("未发生…被行政复议纠错或行政诉讼败诉情形"), not that there were no
// requests, reviews or suits: it gives no zero at all.
var outcomeWords = []string{
	"纠错", "纠正", "败诉", "撤销", "违法", "违规", "超期", "逾期", "超时", "延期", "责令", "追责", "追究", "问责",
	"错误", "差错", "不当", "瑕疵", "乱收费", "赔偿",
}

// notBeforeMarker: a negation right after these is an aim or a condition
// (确保不发生…, 如未收到…), not a statement of fact.
var notBeforeMarker = []string{"如", "若", "如果", "假如", "凡", "确保", "力争", "做到", "杜绝", "避免", "防止", "保证"}

// topicScope is how far after a marker its topics may stand (bytes); after
// the bare 无 only a short span counts (无行政复议, 无依申请公开).
const (
	topicScope = 120
	wuScope    = 36
)

// negations adds the zeros that a clause states by negation. One pass over
// the clause: markers are tried only where their first rune stands.
func (st *sentenceState) negations(clause string, coff int) {
	for i := 0; i < len(clause); {
		r, n := utf8.DecodeRuneInString(clause[i:])
		switch r {
		case '未', '没', '尚', '不', '暂', '免', '无':
			if m := markerAt(clause, i, negationMarkers); m != "" {
				st.negation(clause, coff, i, m)
				i += len(m)
				continue
			}
		case '均', '都', '数':
			if m := markerAt(clause, i, allZeroMarkers); m != "" {
				st.zeros(clause, coff, i, trimToRune(clause[max(0, i-topicScope):i]), m)
				i += len(m)
				continue
			}
		}
		i += n
	}
}

// markerAt returns the longest marker at clause[i:], "" if none.
func markerAt(clause string, i int, markers []string) string {
	best := ""
	for _, m := range markers {
		if len(m) > len(best) && strings.HasPrefix(clause[i:], m) {
			best = m
		}
	}
	return best
}

// negation handles one negation marker m at byte i of clause.
func (st *sentenceState) negation(clause string, coff, i int, m string) {
	off := i + len(m)
	if m == "无" && (hasPrefixAny(clause[off:], noAfterWu) || hasSuffixAny(clause[:i], []string{"有", "并", "毫"})) {
		return
	}
	before := trimToRune(clause[max(0, i-scopeContext):i])
	if hasSuffixAny(before, notBeforeMarker) || st.otherYear(before) {
		return
	}
	width := topicScope
	if m == "无" {
		width = wuScope
	}
	scope := clause[i:min(len(clause), off+width)]
	if strings.ContainsAny(scope, "0123456789") {
		return
	}
	st.zeros(clause, coff, i, trimToRuneEnd(scope), m)
}

// trimToRuneEnd drops a partial rune at the end of s.
func trimToRuneEnd(s string) string {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if r != utf8.RuneError || n > 1 {
			return s
		}
		s = s[:len(s)-1]
	}
	return s
}

func hasPrefixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// zeros emits a zero figure for each topic named in scope.
func (st *sentenceState) zeros(clause string, coff, at int, scope, marker string) {
	feeMarker := strings.Contains(marker, "收") || strings.Contains(marker, "费")
	for _, key := range topics(scope, feeMarker) {
		unit := "件"
		if key == ruleFees.key {
			unit = "元"
		}
		*st.out = append(*st.out, candidate{
			fig: corpus.Figure{Key: key, Value: 0, Unit: unit, Scope: corpus.ScopeYear,
				Text: snippet(clause, at, min(len(clause), at+len(scope)))},
			pos: st.off + coff + at, rank: rankNegation,
		})
	}
}

// topics returns the keys a negated scope speaks of, in a fixed order: the
// keys whose own count the scope negates. A scope naming an outcome
// (outcomeWords) negates none; 申请 counts only as a disclosure application
// that is itself the thing negated (see isApplyTopic).
func topics(scope string, feeMarker bool) []string {
	if containsAny(scope, outcomeWords) {
		return nil
	}
	var keys []string
	if isApplyTopic(scope) {
		keys = append(keys, ruleReceived.key)
	}
	if isObject(scope, "复议", notObjectAfter) {
		keys = append(keys, ruleReview.key)
	}
	if isObject(scope, "诉讼", notObjectAfter) {
		keys = append(keys, ruleSuit.key)
	}
	if containsAny(scope, []string{"投诉", "举报", "申诉"}) {
		keys = append(keys, ruleComplaints.key)
	}
	if (feeMarker && strings.Contains(scope, "费")) || containsAny(scope, []string{"收费", "收取费用", "收取任何费用"}) {
		if !containsAny(scope, []string{"经费", "事业性"}) {
			keys = append(keys, ruleFees.key)
		}
	}
	return keys
}

// itemSeparators part the items of an enumeration (行政复议、行政诉讼和投诉).
var itemSeparators = []string{"、", "和", "或", "以及", "及", "与", "，", ","}

// notApplyAfter: 申请 followed in its item by these is the application of
// something else or a modifier (申请的投诉, 申请引起的复议).
var notApplyAfter = []string{"投诉", "举报", "申诉", "复议", "诉讼", "引起", "引发", "导致", "产生"}

// notObjectAfter: a review or a suit followed in its item by these is what
// a complaint is about (对行政复议的投诉), not the thing negated.
var notObjectAfter = []string{"投诉", "举报", "申诉", "引起", "引发", "导致"}

// isObject reports an occurrence of word in scope that is the thing negated:
// not followed in its item by one of notAfter, not inside a cause.
func isObject(scope, word string, notAfter []string) bool {
	for off := 0; ; {
		i := strings.Index(scope[off:], word)
		if i < 0 {
			return false
		}
		i += off
		off = i + len(word)
		if !containsAny(itemAfter(scope[off:]), notAfter) && !isCause(itemBefore(scope[:i])) {
			return true
		}
	}
}

// causeWords before 申请 in its item make the application a cause
// (因依申请公开被…, 由于政府信息公开申请…), unless a verb turns the item
// to its object first (因…被申请行政复议).
var causeWords = []string{"因", "由于"}

// causeEnds end a cause: what follows is the object again.
var causeEnds = []string{"被", "提起", "引起", "引发", "导致", "发生", "申请"}

// isApplyTopic reports a disclosure application (申请 about 公开) that is
// the thing negated: not the 申请 of a review or a suit (行政复议申请,
// 提起行政诉讼的申请, 被申请行政复议), not the subject of a complaint
// (依申请公开的投诉), not a cause (因依申请公开被…).
func isApplyTopic(scope string) bool {
	if !strings.Contains(scope, "公开") {
		return false
	}
	for off := 0; ; {
		i := strings.Index(scope[off:], "申请")
		if i < 0 {
			return false
		}
		i += off
		off = i + len("申请")
		before := trimToRune(scope[max(0, i-15):i])
		if containsAny(before, []string{"复议", "诉讼", "投诉", "举报"}) {
			continue
		}
		if hasPrefixAny(scope[off:], []string{"行政复议", "复议", "行政诉讼", "诉讼"}) {
			continue
		}
		if containsAny(itemAfter(scope[off:]), notApplyAfter) || isCause(itemBefore(scope[:i])) {
			continue
		}
		return true
	}
}

// itemBefore returns the words of s's last enumeration item (bounded).
func itemBefore(s string) string {
	s = trimToRune(s[max(0, len(s)-60):])
	for _, sep := range itemSeparators {
		if j := strings.LastIndex(s, sep); j >= 0 && !(sep == "及" && strings.HasPrefix(s[j:], "及时")) {
			s = s[j+len(sep):]
		}
	}
	return s
}

// itemAfter returns the words of s's first enumeration item (bounded).
func itemAfter(s string) string {
	s = trimToRuneEnd(s[:min(len(s), 60)])
	for _, sep := range itemSeparators {
		if j := strings.Index(s, sep); j >= 0 && !(sep == "及" && strings.HasPrefix(s[j:], "及时")) {
			s = s[:j]
		}
	}
	return s
}

// isCause reports an item that opens with a cause word whose cause has not
// ended (因依申请公开 → true; 因政府信息公开工作被 → false).
func isCause(item string) bool {
	at := -1
	for _, w := range causeWords {
		for off := 0; ; {
			j := strings.Index(item[off:], w)
			if j < 0 {
				break
			}
			j += off
			off = j + len(w)
			if w == "因" && (strings.HasSuffix(item[:j], "原") || strings.HasPrefix(item[j:], "因此")) {
				continue
			}
			at = max(at, j)
		}
	}
	return at >= 0 && !containsAny(item[at:], causeEnds)
}

// trimToRune drops a partial rune at the start of s.
func trimToRune(s string) string {
	for len(s) > 0 && !utf8.RuneStart(s[0]) {
		s = s[1:]
	}
	return s
}
