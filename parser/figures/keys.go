package figures

import "strings"

// labelKey maps a row label of a legacy statistics table (matched by
// containment after removing parenthesised notes, longest and most specific
// first) to a figure key. Rows with a modern equivalent use the report key
// space of design.md; the others are under "legacy.".
type labelKey struct {
	anchors []string // all must occur in the label
	key     string
}

// LegacyKeys documents the keys of legacy statistics rows that have no
// modern equivalent, with the labels they come from (国办发〔2014〕32号
// 《政府信息公开情况统计表》 and the older local forms, reference §3.3).
var LegacyKeys = map[string]string{
	"legacy.active.normative_made":      "制发规范性文件总数",
	"legacy.active.by_gazette":          "政府公报公开政府信息数",
	"legacy.active.by_web":              "政府网站公开政府信息数 / 网站公开",
	"legacy.active.by_weibo":            "政务微博公开政府信息数",
	"legacy.active.by_wechat":           "政务微信公开政府信息数",
	"legacy.active.by_other":            "其他方式公开政府信息数",
	"legacy.response.hotspots":          "回应公众关注热点或重大舆情数",
	"legacy.response.press_conferences": "参加或举办新闻发布会总次数",
	"legacy.response.online_interviews": "政府网站在线访谈次数",
	"legacy.response.interpretations":   "政策解读稿件发布数",
	"legacy.response.weibo_wechat":      "微博微信回应事件数",
	"legacy.response.other_channels":    "其他方式回应事件数",
	"legacy.apply.in_person":            "当面申请数",
	"legacy.apply.by_fax":               "传真申请数",
	"legacy.apply.by_web":               "网络申请数 / 网上申请数",
	"legacy.apply.by_email":             "电子邮件申请数",
	"legacy.apply.by_letter":            "信函申请数",
	"legacy.apply.by_letter_fax":        "信函、传真申请数 (one row)",
	"legacy.apply.by_other":             "其他(其它)形式申请数",
	"legacy.apply.closed":               "申请办结数",
	"legacy.apply.closed_on_time":       "按时办结数",
	"legacy.apply.closed_extended":      "延期办结数",
	"legacy.answer.already_public":      "属于已主动公开范围数",
	"legacy.answer.not_this_organ":      "不属于本行政机关公开数 / 非本部门掌握数",
	"legacy.answer.not_exist":           "申请信息不存在数 / 信息不存在数",
	"legacy.answer.ask_amend":           "告知作出更改补充数",
	"legacy.answer.other_channel":       "告知通过其他途径办理数",
	"legacy.answer.other":               "其他类型答复数",
	"legacy.answer.unclear":             "申请内容不明确数",
	"legacy.answer.not_gov_info":        "不是《条例》所指政府信息 / 非《规定》所指政府信息数",
	"legacy.denied.state_secret":        "涉及国家秘密",
	"legacy.denied.commercial_secret":   "涉及商业秘密",
	"legacy.denied.privacy":             "涉及个人隐私",
	"legacy.denied.security_stability":  "危及国家安全、公共安全、经济安全和社会稳定",
	"legacy.denied.other_law":           "法律法规规定的其他情形",
	"legacy.review.upheld":              "行政复议: 维持具体行政行为数",
	"legacy.review.corrected":           "行政复议: 被依法纠错数",
	"legacy.review.other":               "行政复议: 其他情形数",
	"legacy.suit.upheld":                "行政诉讼: 维持具体行政行为或者驳回原告诉讼请求数",
	"legacy.suit.corrected":             "行政诉讼: 被依法纠错数",
	"legacy.suit.other":                 "行政诉讼: 其他情形数",
	"legacy.fees.reduction":             "政府信息公开收费减免金额 (whether charged or waived is not said)",
	"legacy.org.units":                  "工作专门机构数",
	"legacy.org.reading_points":         "设置政府信息公开查阅点数",
	"legacy.org.staff":                  "从事政府信息公开工作人员数",
	"legacy.org.staff_full_time":        "专职人员数",
	"legacy.org.staff_part_time":        "兼职人员数",
	"legacy.org.budget":                 "政府信息公开专项经费",
	"legacy.training.meetings":          "召开政府信息公开会议或专题会议数",
	"legacy.training.courses":           "举办各类培训班数",
	"legacy.training.trainees":          "接受培训人员数",
}

// labelKeys is tried in order; the first entry whose anchors all occur wins.
var labelKeys = []labelKey{
	{[]string{"主动公开规范性文件"}, "active.normative"},
	{[]string{"制发规范性文件"}, "legacy.active.normative_made"},
	{[]string{"政府公报"}, "legacy.active.by_gazette"},
	{[]string{"政务微博"}, "legacy.active.by_weibo"},
	{[]string{"政务微信"}, "legacy.active.by_wechat"},
	{[]string{"网站", "访谈"}, "legacy.response.online_interviews"},
	{[]string{"网站公开"}, "legacy.active.by_web"},
	{[]string{"政府网站"}, "legacy.active.by_web"},
	{[]string{"其他方式公开"}, "legacy.active.by_other"},
	{[]string{"主动公开"}, "active.total"},
	{[]string{"回应", "热点"}, "legacy.response.hotspots"},
	{[]string{"新闻发布会"}, "legacy.response.press_conferences"},
	{[]string{"解读稿件"}, "legacy.response.interpretations"},
	{[]string{"微博微信回应"}, "legacy.response.weibo_wechat"},
	{[]string{"其他方式回应"}, "legacy.response.other_channels"},
	{[]string{"当面申请"}, "legacy.apply.in_person"},
	{[]string{"信函", "传真"}, "legacy.apply.by_letter_fax"},
	{[]string{"传真申请"}, "legacy.apply.by_fax"},
	{[]string{"电子邮件申请"}, "legacy.apply.by_email"},
	{[]string{"网上申请"}, "legacy.apply.by_web"},
	{[]string{"网络申请"}, "legacy.apply.by_web"},
	{[]string{"信函申请"}, "legacy.apply.by_letter"},
	{[]string{"形式申请"}, "legacy.apply.by_other"},
	{[]string{"按时办结"}, "legacy.apply.closed_on_time"},
	{[]string{"延期办结"}, "legacy.apply.closed_extended"},
	{[]string{"办结"}, "legacy.apply.closed"},
	{[]string{"已主动公开范围"}, "legacy.answer.already_public"},
	{[]string{"同意部分公开"}, "apply.partial.total"},
	{[]string{"部分公开"}, "apply.partial.total"},
	{[]string{"不同意公开"}, "apply.denied.total"},
	{[]string{"否决公开"}, "apply.denied.total"},
	{[]string{"不予公开"}, "apply.denied.total"},
	{[]string{"同意公开"}, "apply.granted.total"},
	{[]string{"国家秘密"}, "legacy.denied.state_secret"},
	{[]string{"商业秘密"}, "legacy.denied.commercial_secret"},
	{[]string{"个人隐私"}, "legacy.denied.privacy"},
	{[]string{"社会稳定"}, "legacy.denied.security_stability"},
	{[]string{"其他情形", "法律法规"}, "legacy.denied.other_law"},
	{[]string{"所指政府信息"}, "legacy.answer.not_gov_info"},
	{[]string{"不属于本"}, "legacy.answer.not_this_organ"},
	{[]string{"非本部门"}, "legacy.answer.not_this_organ"},
	{[]string{"不存在"}, "legacy.answer.not_exist"},
	{[]string{"更改补充"}, "legacy.answer.ask_amend"},
	{[]string{"其他途径"}, "legacy.answer.other_channel"},
	{[]string{"内容不明确"}, "legacy.answer.unclear"},
	{[]string{"其他类型答复"}, "legacy.answer.other"},
	{[]string{"答复"}, "apply.result_total.total"},
	{[]string{"申请数"}, "apply.new_received.total"},
	{[]string{"申请", "总数"}, "apply.new_received.total"},
	{[]string{"申请公开信息总数"}, "apply.new_received.total"},
	{[]string{"投诉"}, "complaints.total"},
	{[]string{"举报"}, "complaints.total"},
	{[]string{"申诉"}, "complaints.total"},
	{[]string{"行政复议"}, "review.total"},
	{[]string{"行政诉讼"}, "suit.total"},
	{[]string{"减免"}, "legacy.fees.reduction"},
	{[]string{"费用"}, "fees.amount"},
	{[]string{"收费"}, "fees.amount"},
	{[]string{"专门机构"}, "legacy.org.units"},
	{[]string{"查阅点"}, "legacy.org.reading_points"},
	{[]string{"专职"}, "legacy.org.staff_full_time"},
	{[]string{"兼职"}, "legacy.org.staff_part_time"},
	{[]string{"工作人员"}, "legacy.org.staff"},
	{[]string{"专项经费"}, "legacy.org.budget"},
	{[]string{"会议"}, "legacy.training.meetings"},
	{[]string{"培训班"}, "legacy.training.courses"},
	{[]string{"接受培训"}, "legacy.training.trainees"},
}

// reviewChildren name the outcome rows under 行政复议数量 / 行政诉讼数量.
var reviewChildren = []labelKey{
	{[]string{"维持"}, "upheld"},
	{[]string{"纠错"}, "corrected"},
	{[]string{"其他情形"}, "other"},
}

// keyForLabel returns the key of a table row label; parent is the key of the
// row the label is a sub-row of ("" for a top-level row).
func keyForLabel(label, parent string) string {
	if parent == "review.total" || parent == "suit.total" {
		for _, lk := range reviewChildren {
			if containsAll(label, lk.anchors) {
				return "legacy." + strings.TrimSuffix(parent, ".total") + "." + lk.key
			}
		}
	}
	for _, lk := range labelKeys {
		if containsAll(label, lk.anchors) {
			return lk.key
		}
	}
	return ""
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}
