package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"gongkai/corpus"
)

// Template notices a report may cite.
const (
	docNo2019 = "国办公开办函〔2019〕60号"
	docNo2021 = "国办公开办函〔2021〕30号"
)

// figures collects figures stated in the text.
type figures struct{ list []corpus.Figure }

// say records a figure and returns the text that states it.
func (f *figures) say(key string, v int, unit, scope string, approx bool, text string) string {
	f.list = append(f.list, corpus.Figure{Key: key, Value: float64(v), Unit: unit, Scope: scope, Approx: approx, Text: text})
	return text
}

// section appends a numbered section.
func (s *Spec) section(title string, paras ...string) {
	no := len(s.Body) + 1
	var kept []string
	for _, p := range paras {
		if p != "" {
			kept = append(kept, p)
		}
	}
	s.Body = append(s.Body, corpus.Section{No: no, Title: title, Text: strings.Join(kept, "\n")})
	s.Truth.Sections = append(s.Truth.Sections, corpus.Section{No: no, Title: title})
}

// modernProse writes the intro and the six sections of a template report.
func modernProse(r *rand.Rand, s *Spec, o office, n *numbers) {
	t := &s.Truth
	org, y := we(o), t.Year
	s.DocNo = docNo2019
	if t.Template == corpus.Template2021 {
		s.DocNo = docNo2021
	}
	if y >= 2021 && r.IntN(10) == 0 {
		s.DocNo = docNo2019 // cited notice and tables need not agree (§4.1)
	}
	s.Intro = fmt.Sprintf("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《关于印发中华人民共和国政府信息公开工作年度报告格式的通知》（%s）的要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自%d年1月1日起至%d年12月31日止。本报告电子版可在%s门户网站（www.%s）查阅和下载。",
		s.DocNo, y, y, o.Parent, o.Site)
	var f figures
	activeN := logUniform(r, 5, 30+3*o.Scale[1])
	active := "（一）主动公开。" + f.say("active.total", activeN, "条", corpus.ScopeYear, false, fmt.Sprintf("全年主动公开政府信息%d条", activeN)) + "。"
	if r.IntN(5) < 2 {
		cum := activeN * (3 + r.IntN(8))
		active += f.say("active.total", cum, "条", corpus.ScopeCumulative, false, fmt.Sprintf("历年累计公开政府信息%d条", cum)) + "。"
	}
	a := n.apply
	apply := "（二）依申请公开。"
	if a["new_received"][6]+a["carried_over"][6] == 0 {
		apply += f.say("apply.new_received.total", 0, "件", corpus.ScopeYear, false, "本年度未收到政府信息公开申请") + "。"
	} else {
		apply += f.say("apply.new_received.total", a["new_received"][6], "件", corpus.ScopeYear, false, fmt.Sprintf("本年度共收到政府信息公开申请%d件", a["new_received"][6])) + "，" +
			f.say("apply.carried_over.total", a["carried_over"][6], "件", corpus.ScopeYear, false, fmt.Sprintf("上年结转%d件", a["carried_over"][6])) + "，" +
			f.say("apply.result_total.total", a["result_total"][6], "件", corpus.ScopeYear, false, fmt.Sprintf("办结%d件", a["result_total"][6])) + "，" +
			f.say("apply.carry_forward.total", a["carry_forward"][6], "件", corpus.ScopeYear, false, fmt.Sprintf("结转下年度继续办理%d件", a["carry_forward"][6])) + "，均在法定期限内答复。"
	}
	rv, st := n.review[0][4], n.review[1][4]+n.review[2][4]
	if rv+st == 0 {
		txt := "全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况"
		f.say("review.total", 0, "件", corpus.ScopeYear, false, txt)
		apply += f.say("suit.total", 0, "件", corpus.ScopeYear, false, txt) + "。"
	} else {
		apply += "全年因政府信息公开工作" + f.say("review.total", rv, "件", corpus.ScopeYear, false, fmt.Sprintf("被申请行政复议%d件", rv)) + "，" +
			f.say("suit.total", st, "件", corpus.ScopeYear, false, fmt.Sprintf("被提起行政诉讼%d件", st)) + "。"
	}
	s.section("总体情况", fill(pick(r, leadPhrases), o.Full, o.Parent, y),
		active+pickN(r, platformPhrases, 1),
		apply,
		"（三）政府信息管理。"+pickN(r, managementPhrases, 2),
		"（四）政府信息公开平台建设。"+pickN(r, platformPhrases, 2),
		"（五）监督保障。"+pickN(r, supervisionPhrases, 2))
	s.section("主动公开政府信息情况")
	s.section("收到和处理政府信息公开申请情况")
	s.section(pick(r, []string{"政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况"}))
	s.section(pick(r, []string{"存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况"}),
		org+"政府信息公开工作虽取得一定成效，但仍存在一些不足："+pick(r, problemPhrases), pick(r, improvePhrases))
	fee := "本年度未收取信息处理费。"
	if t.Template == corpus.Template2021 && r.IntN(6) == 0 {
		fee = fmt.Sprintf("本年度收取信息处理费共计%d元。", 100*(1+r.IntN(9)))
	}
	s.section("其他需要报告的事项", fee+pick(r, otherPhrases))
	t.Figures = f.list
}
