package synth

import (
	"strings"

	"gongkai/corpus"
)

// The document model every renderer walks: a title, blocks in reading order
// and a signature. Tables are held as printed (a spanning cell appears once,
// in the row where it starts), like layout.Block.
type blockKind int

const (
	kPara blockKind = iota
	kHeading
	kTable
)

type mcell struct {
	text   string
	rs, cs int
	label  bool // a label (not a value) cell
}

type mtable struct {
	cols   int
	header int // leading header rows
	rows   [][]mcell
}

type mblock struct {
	kind blockKind
	text string
	tab  *mtable
}

type model struct {
	title  string
	blocks []mblock
	signer string
	date   string
	// pictures: tables the HTML renderer shows as an <img> of this src
	// instead of markup (RenderHTMLTableImage).
	pictures map[*mtable]string
}

// slot is one grid position a row owns: the start of a cell, or the
// continuation of a cell spanning down from an earlier row (cont).
type slot struct {
	cell *mcell
	cont bool
}

// slots lays the printed rows onto the grid: for every row the cells that
// start there and the continuations of row-spanning cells, left to right.
func (t *mtable) slots() [][]slot {
	out := make([][]slot, len(t.rows))
	down := make([]int, t.cols)     // rows still covered per column
	owner := make([]*mcell, t.cols) // the covering cell per column
	for i, row := range t.rows {
		next := 0
		col := 0
		for col < t.cols {
			if down[col] > 0 {
				c := owner[col]
				out[i] = append(out[i], slot{cell: c, cont: true})
				for k := col; k < col+max(c.cs, 1) && k < t.cols; k++ {
					down[k]--
				}
				col += max(c.cs, 1)
				continue
			}
			if next >= len(row) {
				break
			}
			c := &row[next]
			next++
			out[i] = append(out[i], slot{cell: c})
			for k := col; k < col+max(c.cs, 1) && k < t.cols; k++ {
				down[k], owner[k] = max(c.rs, 1)-1, c
			}
			col += max(c.cs, 1)
		}
	}
	return out
}

func lbl(text string) mcell                 { return mcell{text: text, rs: 1, cs: 1, label: true} }
func lblSpan(text string, rs, cs int) mcell { return mcell{text: text, rs: rs, cs: cs, label: true} }
func val(text string, cs int) mcell         { return mcell{text: text, rs: 1, cs: cs} }

// buildModel lays out a Spec.
func buildModel(s *Spec) *model {
	m := &model{title: s.Truth.Title, signer: s.Signer, date: s.SignDate}
	add := func(k blockKind, text string, t *mtable) {
		m.blocks = append(m.blocks, mblock{kind: k, text: text, tab: t})
	}
	if s.Intro != "" {
		add(kPara, s.Intro, nil)
	}
	modern := s.Truth.Template == corpus.Template2019 || s.Truth.Template == corpus.Template2021
	for _, sec := range s.Body {
		add(kHeading, cnNum(sec.No)+"、"+sec.Title, nil)
		for _, p := range strings.Split(sec.Text, "\n") {
			if p != "" {
				add(kPara, p, nil)
			}
		}
		switch {
		case modern && sec.No == 2:
			add(kTable, "", activeTable(s))
		case modern && sec.No == 3:
			add(kTable, "", applyTable(s))
		case modern && sec.No == 4:
			add(kTable, "", reviewTable(s))
		case !modern && s.Stats != nil && sec.No == len(s.Body):
			add(kTable, "", statsModel(s.Stats))
		}
	}
	return m
}

// activeTable builds table 二 (§1.2 with Shanghai's 5-column grid, §2.2).
func activeTable(s *Spec) *mtable {
	v := func(key string, cs int) mcell { return val(s.Raw["active."+key], cs) }
	tpl := s.Truth.Template
	t := &mtable{cols: 5, header: 1}
	title := func(item int) {
		t.rows = append(t.rows, []mcell{lblSpan("第二十条第（"+cnNum(item)+"）项", 1, t.cols)})
	}
	if tpl == corpus.Template2021 {
		t.cols = 4
		title(1)
		t.rows = append(t.rows, []mcell{lbl("信息内容"), lbl("本年制发件数"), lbl("本年废止件数"), lbl("现行有效件数")})
		for _, r := range [][2]string{{"规章", "rules"}, {"行政规范性文件", "normative"}} {
			t.rows = append(t.rows, []mcell{lbl(r[0]), v("a20_1."+r[1]+".issued", 1), v("a20_1."+r[1]+".repealed", 1), v("a20_1."+r[1]+".valid", 1)})
		}
		one := func(item int, head string, rows [][2]string) {
			title(item)
			t.rows = append(t.rows, []mcell{lbl("信息内容"), lblSpan(head, 1, 3)})
			for _, r := range rows {
				t.rows = append(t.rows, []mcell{lbl(r[0]), v(r[1], 3)})
			}
		}
		one(5, "本年处理决定数量", [][2]string{{"行政许可", "a20_5.licensing.decisions"}})
		one(6, "本年处理决定数量", [][2]string{{"行政处罚", "a20_6.penalty.decisions"}, {"行政强制", "a20_6.coercion.decisions"}})
		one(8, "本年收费金额（单位：万元）", [][2]string{{"行政事业性收费", "a20_8.fees.amount_wan"}})
		return t
	}
	title(1)
	t.rows = append(t.rows, []mcell{lbl("信息内容"), lbl("本年新制作数量"), lbl("本年新公开数量"), lblSpan("对外公开总数量", 1, 2)})
	for _, r := range [][2]string{{"规章", "rules"}, {"规范性文件", "normative"}} {
		t.rows = append(t.rows, []mcell{lbl(r[0]), v("a20_1."+r[1]+".new_made", 1), v("a20_1."+r[1]+".new_published", 1), v("a20_1."+r[1]+".total_published", 2)})
	}
	three := func(item int, rows [][2]string) {
		title(item)
		t.rows = append(t.rows, []mcell{lbl("信息内容"), lbl("上一年项目数量"), lblSpan("本年增/减", 1, 2), lbl("处理决定数量")})
		for _, r := range rows {
			t.rows = append(t.rows, []mcell{lbl(r[0]), v(r[1]+".prev_items", 2), v(r[1]+".delta", 1), v(r[1]+".decisions", 1)})
		}
	}
	three(5, [][2]string{{"行政许可", "a20_5.licensing"}, {"其他对外管理服务事项", "a20_5.other_services"}})
	three(6, [][2]string{{"行政处罚", "a20_6.penalty"}, {"行政强制", "a20_6.coercion"}})
	title(8)
	t.rows = append(t.rows, []mcell{lbl("信息内容"), lblSpan("上一年项目数量", 1, 2), lblSpan("本年增/减", 1, 2)},
		[]mcell{lbl("行政事业性收费"), v("a20_8.fees.prev_items", 2), v("a20_8.fees.delta", 2)})
	title(9)
	t.rows = append(t.rows, []mcell{lbl("信息内容"), lblSpan("采购项目数量", 1, 2), lblSpan("采购总金额", 1, 2)},
		[]mcell{lbl("政府集中采购"), v("a20_9.procurement.projects", 2), v("a20_9.procurement.amount", 2)})
	return t
}

// applyLabels are the printed row labels of table 三 by row key.
var applyLabels = map[string]string{
	"new_received": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
	"granted": "（一）予以公开", "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
	"denied_state_secret": "1.属于国家秘密", "denied_law_prohibited": "2.其他法律行政法规禁止公开",
	"denied_security_stability": "3.危及“三安全一稳定”", "denied_third_party": "4.保护第三方合法权益",
	"denied_internal_affairs": "5.属于三类内部事务信息", "denied_process_info": "6.属于四类过程性信息",
	"denied_enforcement_file": "7.属于行政执法案卷", "denied_admin_query": "8.属于行政查询事项",
	"unable_not_held": "1.本机关不掌握相关政府信息", "unable_need_create": "2.没有现成信息需要另行制作",
	"unable_unclear": "3.补正后申请内容仍不明确",
	"np_petition":    "1.信访举报投诉类申请", "np_repeat": "2.重复申请", "np_publication": "3.要求提供公开出版物",
	"np_massive": "4.无正当理由大量反复申请", "np_confirm": "5.要求行政机关确认或重新出具已获取信息",
	"other_total":         "（六）其他处理",
	"other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	"other_no_fee":        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
	"other_misc":          "3.其他",
	"result_total":        "（七）总计", "carry_forward": "四、结转下年度继续办理",
}

// applyGroups are the group cells of table 三: the first row of each group
// and the label of its rowspan cell.
var applyGroups = map[string]string{
	"denied_state_secret": "（三）不予公开", "unable_not_held": "（四）无法提供", "np_petition": "（五）不予处理",
	"other_no_correction": "（六）其他处理",
}

// applyTable builds table 三 (§1.3, §2.3): 3 header rows over 10 grid columns.
func applyTable(s *Spec) *mtable {
	tpl := s.Truth.Template
	rows := corpus.ApplyRows(tpl)
	t := &mtable{cols: 10, header: 3}
	t.rows = append(t.rows,
		[]mcell{lblSpan("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), lblSpan("申请人情况", 1, 7)},
		[]mcell{lblSpan("自然人", 2, 1), lblSpan("法人或其他组织", 1, 5), lblSpan("总计", 2, 1)},
		[]mcell{lbl("商业企业"), lbl("科研机构"), lbl("社会公益组织"), lbl("法律服务机构"), lbl("其他")})
	groupSize := map[string]int{"denied_state_secret": 8, "unable_not_held": 3, "np_petition": 5, "other_no_correction": 3}
	for _, key := range rows {
		var cells []mcell
		switch key {
		case "new_received", "carried_over", "carry_forward":
			cells = append(cells, lblSpan(applyLabels[key], 1, 3))
		case "granted":
			cells = append(cells, lblSpan("三、本年度办理结果", len(rows)-5+2, 1), lblSpan(applyLabels[key], 1, 2))
		case "partial", "other_total", "result_total":
			cells = append(cells, lblSpan(applyLabels[key], 1, 2))
		default:
			if g, ok := applyGroups[key]; ok {
				cells = append(cells, lblSpan(g, groupSize[key], 1))
			}
			cells = append(cells, lbl(applyLabels[key]))
		}
		for _, col := range corpus.ApplyColumns {
			cells = append(cells, val(s.Raw["apply."+key+"."+col], 1))
		}
		t.rows = append(t.rows, cells)
	}
	return t
}

// reviewTable builds table 四 (§1.4): 3 header rows and one row of 15 values.
func reviewTable(s *Spec) *mtable {
	t := &mtable{cols: 15, header: 3}
	five := func(rs int) []mcell {
		var out []mcell
		for _, l := range []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"} {
			out = append(out, lblSpan(l, rs, 1))
		}
		return out
	}
	t.rows = append(t.rows, []mcell{lblSpan("行政复议", 1, 5), lblSpan("行政诉讼", 1, 10)})
	t.rows = append(t.rows, append(five(2), lblSpan("未经复议直接起诉", 1, 5), lblSpan("复议后起诉", 1, 5)))
	t.rows = append(t.rows, append(five(1), five(1)...))
	var data []mcell
	for _, g := range []string{"review", "suit_direct", "suit_after_review"} {
		for _, c := range corpus.ReviewColumns {
			data = append(data, val(s.Raw[g+"."+c], 1))
		}
	}
	t.rows = append(t.rows, data)
	return t
}

// statsModel builds the legacy 统计表: 统计指标 · 单位 · 统计数.
func statsModel(rows [][3]string) *mtable {
	t := &mtable{cols: 3, header: 1}
	t.rows = append(t.rows, []mcell{lbl("统计指标"), lbl("单位"), lbl("统计数")})
	for _, r := range rows {
		if r[1] == "" && r[2] == "" {
			t.rows = append(t.rows, []mcell{lblSpan(r[0], 1, 3)})
			continue
		}
		t.rows = append(t.rows, []mcell{lbl(r[0]), lbl(r[1]), val(r[2], 1)})
	}
	return t
}
