package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"gongkai/corpus"
)

// legacyNumbers are the headline figures of a pre-2019 report.
type legacyNumbers struct {
	active, received, natural, done, forward, granted, partial, refused, review, suit int
}

func drawLegacy(r *rand.Rand, o office) legacyNumbers {
	var n legacyNumbers
	n.active = logUniform(r, 5, 20+3*o.Scale[1])
	n.received = logUniform(r, o.Scale[0], o.Scale[1]/2)
	if o.Level == levelTownship && r.IntN(10) < 7 {
		n.received = 0
	}
	n.natural = n.received - alloc(r, n.received, []float64{0.9, 0.1})[1]
	n.forward = int(float64(n.received) * 0.06 * r.Float64())
	n.done = n.received - n.forward
	parts := alloc(r, n.done, []float64{0.6, 0.05, 0.35})
	n.granted, n.partial, n.refused = parts[0], parts[1], parts[2]
	if o.Scale[1] > 100 && r.IntN(2) == 0 {
		n.review, n.suit = r.IntN(int(o.Scale[1]/100)+1), r.IntN(int(o.Scale[1]/200)+1)
	}
	return n
}

// genLegacy writes a 2008–2018 report in the art.-32 layout, with the
// headline figures in the text and, for 2014–2018, sometimes a 统计表.
func genLegacy(r *rand.Rand, s *Spec, o office) {
	t := &s.Truth
	org, y := we(o), t.Year
	n := drawLegacy(r, o)
	var f figures
	s.Intro = fill(pick(r, legacyLeadPhrases), o.Full, o.Parent, y)
	s.section("概述", fill(pick(r, leadPhrases), o.Full, o.Parent, y), pickN(r, supervisionPhrases, 2))
	var active string
	switch r.IntN(3) {
	case 0:
		active = fmt.Sprintf("%d年度%s", y, org) + f.say("active.total", n.active, "条", corpus.ScopeYear, false, fmt.Sprintf("主动公开政府信息数%d条", n.active)) +
			fmt.Sprintf("，其中通过政府网站公开%d条。", n.active-n.active/5)
	case 1:
		approx := n.active / 10 * 10
		if approx == 0 {
			approx = 10
		}
		active = f.say("active.total", approx, "条", corpus.ScopeYear, true, fmt.Sprintf("全年累计主动公开政府信息%d余条", approx)) + "，内容涵盖机构职能、规划计划、财政资金、民生事项等方面。"
	default:
		active = "本年度" + f.say("active.total", n.active, "条", corpus.ScopeYear, false, fmt.Sprintf("主动公开政府信息%d条", n.active)) + "，主要通过政府网站、公开栏等渠道发布。"
	}
	s.section("主动公开政府信息情况", active, pickN(r, platformPhrases, 2))
	var apply string
	if n.received == 0 {
		apply = f.say("apply.new_received.total", 0, "件", corpus.ScopeYear, false, pick(r, []string{
			fmt.Sprintf("%d年度%s未收到政府信息公开申请", y, org), "全年共收到依申请公开0件", "目前" + org + "尚未收到政府信息公开申请"})) + "。"
	} else {
		apply = "全年" + f.say("apply.new_received.total", n.received, "件", corpus.ScopeYear, false, fmt.Sprintf("共受理政府信息公开申请%d件", n.received)) + "，其中" +
			f.say("apply.new_received.natural_person", n.natural, "件", corpus.ScopeYear, false, fmt.Sprintf("自然人申请%d件", n.natural)) +
			fmt.Sprintf("，法人或其他组织申请%d件；", n.received-n.natural) +
			f.say("apply.result_total.total", n.done, "件", corpus.ScopeYear, false, fmt.Sprintf("共办理%d件", n.done)) + "，" +
			f.say("apply.carry_forward.total", n.forward, "件", corpus.ScopeYear, false, fmt.Sprintf("结转下一年%d件", n.forward)) + "。其中" +
			f.say("apply.granted.total", n.granted, "件", corpus.ScopeYear, false, fmt.Sprintf("予以公开答复%d件", n.granted)) +
			fmt.Sprintf("，部分公开%d件，其他情形%d件。", n.partial, n.refused)
	}
	s.section(pick(r, []string{"依申请公开政府信息情况", "政府信息依申请公开办理情况"}), apply)
	s.section("政府信息公开的收费及减免情况", pick(r, []string{"对信息公开免费提供，未收取任何费用。", org + "政府信息公开没有收费。", "政府信息公开未发生收费情况。"}))
	var review string
	if n.review+n.suit == 0 {
		txt := "没有发生针对本单位政府信息公开事务的行政复议案和行政诉讼案"
		f.say("review.total", 0, "件", corpus.ScopeYear, false, txt)
		review = f.say("suit.total", 0, "件", corpus.ScopeYear, false, txt) + "。"
	} else {
		review = "因政府信息公开申请" + f.say("review.total", n.review, "件", corpus.ScopeYear, false, fmt.Sprintf("引起行政复议%d件", n.review)) + "，" +
			f.say("suit.total", n.suit, "件", corpus.ScopeYear, false, fmt.Sprintf("行政诉讼%d件", n.suit)) + "。"
	}
	s.section("因政府信息公开申请行政复议和提起行政诉讼的情况", review)
	s.section(pick(r, []string{"存在的主要问题及改进措施", "政府信息公开工作存在的主要问题及改进情况"}), pick(r, problemPhrases), pick(r, improvePhrases))
	switch {
	case y >= 2014 && r.IntN(2) == 0:
		s.Stats = statsTable(r, n)
		s.section("需要说明的事项与附表", "附：政府信息公开情况统计表")
	case r.IntN(2) == 0:
		s.section("其他需要报告的事项", pick(r, otherPhrases))
	}
	t.Figures = f.list
}

// statsTable builds the 2014–2018 national 统计表 rows (§3.3) from the figures.
func statsTable(r *rand.Rand, n legacyNumbers) [][3]string {
	itoa := strconv.Itoa
	ways := alloc(r, n.received, []float64{0.2, 0.01, 0.7, 0.09})
	norm := r.IntN(6)
	rows := [][3]string{
		{"一、主动公开情况", "", ""},
		{"（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", itoa(n.active)},
		{"其中：主动公开规范性文件数", "条", itoa(norm)},
		{"制发规范性文件总数", "件", itoa(norm)},
		{"二、依申请公开情况", "", ""},
		{"（一）收到申请数", "件", itoa(n.received)},
		{"1.当面申请数", "件", itoa(ways[0])},
		{"2.传真申请数", "件", itoa(ways[1])},
		{"3.网络申请数", "件", itoa(ways[2])},
		{"4.信函申请数", "件", itoa(ways[3])},
		{"（二）申请办结数", "件", itoa(n.done)},
		{"1.按时办结数", "件", itoa(n.done)},
		{"2.延期办结数", "件", "0"},
		{"（三）申请答复数", "件", itoa(n.done)},
		{"1.同意公开答复数", "件", itoa(n.granted)},
		{"2.同意部分公开答复数", "件", itoa(n.partial)},
		{"3.其他答复数", "件", itoa(n.refused)},
		{"三、行政复议数量", "件", itoa(n.review)},
		{"四、行政诉讼数量", "件", itoa(n.suit)},
		{"五、举报投诉数量", "件", "0"},
		{"六、依申请公开信息收取的费用", "万元", "0"},
	}
	return rows
}
