package figures

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// rule says how a number after one of its triggers becomes a figure.
type rule struct {
	key   string
	units []string // accepted units, longest first
	// fillers are the only words allowed between trigger and number (after
	// the global fillers); nil means any words except forbid.
	fillers []string
	forbid  []string
	// applyNear: the words between trigger and number, or the rest of the
	// clause after the unit, must mention 申请 (收到…申请…件 / 接到2条…申请).
	applyNear bool
	// applyCtx: the sentence before the number (with the sentence a 其中…
	// sentence continues) must mention 申请.
	applyCtx bool
}

// trigger is a word that introduces a figure of its rule.
type trigger struct {
	word     string
	rule     *rule
	notAfter []string // the trigger does not count right after these words
	suffixes []string // words that belong to the trigger when they follow it
}

var (
	countUnits = []string{"人次", "件", "条", "次", "个", "宗", "起", "份"}
	docUnits   = []string{"件", "条", "份", "个"}
	moneyUnits = []string{"万元", "元"}
)

// globalFillers may stand between any trigger and its number.
var globalFillers = []string{"共计", "合计", "总计", "累计", "达到", "共", "计", "达", "为", "了", "已", "的", "有", "约", "近", "逾", "超过", "大约", "将近", "：", ":", " ", "\t", "“", "”", "\"", "数量", "总数", "数", "量"}

// globalForbid never stands between a trigger and a figure's number: the
// number is then a change, a share or an average, not a count.
var globalForbid = []string{"增加", "增长", "减少", "下降", "同比", "比上年", "较上年", "环比", "占", "平均", "比例", "百分"}

var (
	ruleActive = &rule{key: "active.total", units: docUnits, fillers: []string{
		"政府信息", "政府工作信息", "政府", "信息", "各类", "类", "总量", "网站公开", "网上公开", "工作", "动态", "、", "条目",
		"文件", "有关", "全部", "年度", "全年", "本年度", "本年", "新增", "各项", "政务", "公开"}}
	ruleNormative = &rule{key: "active.normative", units: docUnits, fillers: []string{"行政"}}
	ruleReceived  = &rule{key: "apply.new_received.total", units: countUnits, applyNear: true, forbid: []string{
		"复议", "诉讼", "投诉", "举报", "申诉", "咨询", "审批", "信访", "来信", "来电", "建议", "提案", "意见", "事项",
		"留言", "办件", "许可", "服务"}}
	ruleReceivedTotal = &rule{key: "apply.new_received.total", units: countUnits, fillers: []string{"政府信息公开", "信息"}}
	ruleNatural       = &rule{key: "apply.new_received.natural_person", units: countUnits, fillers: []string{"公开"}}
	ruleNaturalCtx    = &rule{key: "apply.new_received.natural_person", units: countUnits, applyCtx: true, fillers: []string{"申请", "提出", "公开"}}
	ruleUnable        = &rule{key: "apply.unable.total", units: countUnits, applyCtx: true, fillers: []string{"答复", "的"}}
	ruleNotProcessed  = &rule{key: "apply.not_processed.total", units: countUnits, applyCtx: true, fillers: []string{"答复", "的"}}
	ruleOther         = &rule{key: "apply.other.total", units: countUnits, applyCtx: true, fillers: []string{"答复", "的"}}
	ruleGranted       = &rule{key: "apply.granted.total", units: countUnits, applyCtx: true, fillers: []string{"答复", "申请", "政府信息", "的"}}
	rulePartial       = &rule{key: "apply.partial.total", units: countUnits, applyCtx: true, fillers: []string{"答复", "申请", "政府信息", "的"}}
	ruleDenied        = &rule{key: "apply.denied.total", units: countUnits, applyCtx: true, fillers: []string{"答复", "申请", "的"}}
	ruleResult        = &rule{key: "apply.result_total.total", units: countUnits, applyCtx: true, fillers: []string{
		"申请", "政府信息公开申请", "依申请公开", "政府信息", "件", "完毕", "完成", "答复", "和", "、", "办结", "办理"}}
	ruleCarryForward = &rule{key: "apply.carry_forward.total", units: countUnits, fillers: []string{"度", "继续", "办理", "答复", "处理", "申请"}}
	ruleCarriedOver  = &rule{key: "apply.carried_over.total", units: countUnits, fillers: []string{"申请", "度", "政府信息公开", "政府信息", "信息公开"}}
	ruleReview       = &rule{key: "review.total", units: countUnits, fillers: []string{"申请", "案件", "案", "类", "有关", "政府信息公开", "被", "提起", "发生", "引起"}}
	ruleSuit         = &rule{key: "suit.total", units: countUnits, fillers: []string{"申请", "案件", "案", "类", "有关", "政府信息公开", "被", "提起", "发生", "引起"}}
	ruleComplaints   = &rule{key: "complaints.total", units: countUnits, fillers: []string{"案件", "类", "有关", "政府信息公开", "事项", "件"}}
	ruleFees         = &rule{key: "fees.amount", units: moneyUnits, forbid: []string{"减免", "经费", "支出", "预算", "事业性", "资金", "补贴"}}
)

// channel rules: how applications arrived (legacy statistics vocabulary).
func channelRule(key string) *rule {
	return &rule{key: key, units: countUnits, fillers: []string{"公开"}}
}

// triggers, in no particular order: the table below is indexed by first
// rune and tried longest first.
var triggers = []trigger{
	{word: "主动公开", rule: ruleActive, notAfter: []string{"应", "其他", "其它", "不"}},
	{word: "公布", rule: ruleActive, notAfter: []string{"应", "其他", "其它", "不"}},
	{word: "历年公开", rule: ruleActive},
	{word: "累计公开", rule: ruleActive},
	{word: "主动公开规范性文件", rule: ruleNormative},
	{word: "主动公开行政规范性文件", rule: ruleNormative},
	{word: "收到", rule: ruleReceived},
	{word: "受理", rule: ruleReceived},
	{word: "接到", rule: ruleReceived},
	{word: "接收", rule: ruleReceived},
	{word: "申请总数", rule: ruleReceivedTotal},
	{word: "自然人申请", rule: ruleNatural},
	{word: "公民申请", rule: ruleNatural},
	{word: "自然人", rule: ruleNaturalCtx},
	{word: "无法提供", rule: ruleUnable},
	{word: "不予处理", rule: ruleNotProcessed},
	{word: "其他处理", rule: ruleOther},
	{word: "网络申请", rule: channelRule("legacy.apply.by_web")},
	{word: "网上申请", rule: channelRule("legacy.apply.by_web")},
	{word: "当面申请", rule: channelRule("legacy.apply.in_person")},
	{word: "现场申请", rule: channelRule("legacy.apply.in_person")},
	{word: "信函申请", rule: channelRule("legacy.apply.by_letter")},
	{word: "传真申请", rule: channelRule("legacy.apply.by_fax")},
	{word: "电子邮件申请", rule: channelRule("legacy.apply.by_email")},
	{word: "予以公开", rule: ruleGranted, suffixes: []string{"答复"}},
	{word: "同意公开", rule: ruleGranted, suffixes: []string{"答复"}},
	{word: "全部公开", rule: ruleGranted, suffixes: []string{"答复"}},
	{word: "部分公开", rule: rulePartial, suffixes: []string{"答复"}},
	{word: "同意部分公开", rule: rulePartial, suffixes: []string{"答复"}},
	{word: "不予公开", rule: ruleDenied, suffixes: []string{"答复"}},
	{word: "不同意公开", rule: ruleDenied, suffixes: []string{"答复"}},
	{word: "否决公开", rule: ruleDenied, suffixes: []string{"答复"}},
	{word: "答复", rule: ruleResult},
	{word: "办结", rule: ruleResult},
	{word: "办理", rule: ruleResult, notAfter: []string{"结转", "延期", "继续"}},
	{word: "结转下一年", rule: ruleCarryForward},
	{word: "结转下年", rule: ruleCarryForward},
	{word: "结转至下一年", rule: ruleCarryForward},
	{word: "结转到下一年", rule: ruleCarryForward},
	{word: "结转至下年", rule: ruleCarryForward},
	{word: "结转到下年", rule: ruleCarryForward},
	{word: "转入下年", rule: ruleCarryForward},
	{word: "转下年", rule: ruleCarryForward},
	{word: "转下一年", rule: ruleCarryForward},
	{word: "转入下一年", rule: ruleCarryForward},
	{word: "顺延至下年", rule: ruleCarryForward},
	{word: "顺延到下年", rule: ruleCarryForward},
	{word: "上年结转", rule: ruleCarriedOver},
	{word: "上年度结转", rule: ruleCarriedOver},
	{word: "上一年度结转", rule: ruleCarriedOver},
	{word: "上一年结转", rule: ruleCarriedOver},
	{word: "行政复议", rule: ruleReview},
	{word: "复议", rule: ruleReview},
	{word: "行政诉讼", rule: ruleSuit},
	{word: "诉讼", rule: ruleSuit},
	{word: "申诉", rule: ruleComplaints},
	{word: "投诉", rule: ruleComplaints},
	{word: "举报", rule: ruleComplaints},
	{word: "收取", rule: ruleFees},
	{word: "收费", rule: ruleFees, notAfter: []string{"事业性"}},
}

// triggerIndex maps a trigger's first rune to its triggers, longest first.
var triggerIndex = buildTriggerIndex()

func buildTriggerIndex() map[rune][]*trigger {
	idx := make(map[rune][]*trigger)
	for i := range triggers {
		t := &triggers[i]
		r, _ := utf8.DecodeRuneInString(t.word)
		idx[r] = append(idx[r], t)
	}
	for _, ts := range idx {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].word) > len(ts[j].word) })
	}
	return idx
}

// match is a trigger found in a clause, as byte offsets into the clause.
type match struct {
	start, end int
	t          *trigger
}

// findTriggers returns the non-overlapping triggers of clause, left to right,
// the longest trigger winning at each position.
func findTriggers(clause string) []match {
	var out []match
	for i := 0; i < len(clause); {
		r, n := utf8.DecodeRuneInString(clause[i:])
		cands := triggerIndex[r]
		matched := false
		for _, t := range cands {
			if !strings.HasPrefix(clause[i:], t.word) || hasSuffixAny(clause[:i], t.notAfter) {
				continue
			}
			end := i + len(t.word)
			for _, s := range t.suffixes {
				if strings.HasPrefix(clause[end:], s) {
					end += len(s)
					break
				}
			}
			out = append(out, match{start: i, end: end, t: t})
			i = end
			matched = true
			break
		}
		if !matched {
			i += n
		}
	}
	return out
}

func hasSuffixAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// onlyFillers reports whether gap consists of the given words only.
func onlyFillers(gap string, lists ...[]string) bool {
	for gap != "" {
		best := 0
		for _, l := range lists {
			for _, w := range l {
				if len(w) > best && strings.HasPrefix(gap, w) {
					best = len(w)
				}
			}
		}
		if best == 0 {
			return false
		}
		gap = gap[best:]
	}
	return true
}

// gapOK applies a rule's conditions to the words between trigger and number
// (gap) and after the unit (tail); sentence is the sentence before the number.
func (r *rule) gapOK(gap, tail, sentence string) bool {
	if strings.ContainsAny(gap, "0123456789%") || containsAny(gap, globalForbid) {
		return false
	}
	if r.fillers != nil && !onlyFillers(gap, r.fillers, globalFillers) {
		return false
	}
	if containsAny(gap, r.forbid) {
		return false
	}
	if r.applyNear && !strings.Contains(gap, "申请") && !strings.Contains(tail, "申请") {
		return false
	}
	if r.applyNear && containsAny(tail, r.forbid) {
		return false
	}
	if r.applyCtx && !applyContext(sentence) {
		return false
	}
	return true
}

// otherMatters are requests that are not disclosure applications.
var otherMatters = []string{"审批", "咨询", "信访", "许可"}

// applyContext reports a context whose last topic is disclosure
// applications: it mentions 申请, and no other kind of request stands just
// before its last 申请 (行政许可申请) or after it (…申请12件，受理咨询30件).
// A mention earlier in the sentence does not count (属信访、重复申请等不予处理).
func applyContext(sentence string) bool {
	k := strings.LastIndex(sentence, "申请")
	if k < 0 {
		return false
	}
	return !containsAny(trimToRune(sentence[max(0, k-len("许可")):]), otherMatters)
}
