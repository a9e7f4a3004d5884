package parser

import (
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/parser/text"
)

// applyTable renders a one-cell-per-line table 三 with the given labels,
// each followed by 7 values (row i: i, 0, 0, 0, 0, 0, i).
func applyTable(labels []string, vals map[string][7]string) string {
	var sb strings.Builder
	sb.WriteString("三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n")
	for _, l := range labels {
		sb.WriteString(l + "\n")
		v, ok := vals[l]
		if !ok {
			v = [7]string{"0", "0", "0", "0", "0", "0", "0"}
		}
		for _, x := range v {
			sb.WriteString("\t" + x + "\n")
		}
	}
	sb.WriteString("四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n")
	for i := 0; i < 15; i++ {
		sb.WriteString("\t0\n")
	}
	sb.WriteString("五、存在的主要问题及改进情况\n")
	return sb.String()
}

var labels2019 = []string{"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
	"（三）不予公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
	"（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
	"（五）不予处理", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
	"（六）其他处理", "（七）总计", "四、结转下年度继续办理"}

func parseText(t *testing.T, s string) *corpus.Report {
	t.Helper()
	doc, err := text.Extract([]byte(s), false)
	if err != nil {
		t.Fatal(err)
	}
	return FromLayout(doc)
}

func TestTemplateDetection(t *testing.T) {
	var labels2021 []string
	for _, l := range labels2019 {
		if l == "（六）其他处理" {
			labels2021 = append(labels2021, l, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他")
			continue
		}
		labels2021 = append(labels2021, l)
	}
	skip := func(ls []string) []string { // group labels carry no values
		var out []string
		for _, l := range ls {
			if l == "三、本年度办理结果" || l == "（三）不予公开" || l == "（四）无法提供" || l == "（五）不予处理" {
				continue
			}
			out = append(out, l)
		}
		return out
	}
	active2019 := "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n0\n0\n0\n"
	active2021 := "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n0\n0\n"
	tests := []struct {
		name, text           string
		template, active, ap string
	}{
		{"2019 tables", active2019 + applyTableNoGroups(skip(labels2019), labels2019), "2019", "2019", "2019"},
		{"2021 tables", active2021 + applyTableNoGroups(skip(labels2021), labels2021), "2021", "2021", "2021"},
		{"hybrid counts as the newer", active2021 + applyTableNoGroups(skip(labels2019), labels2019), "2021", "2021", "2019"},
		{"straggler: 2022 report on 2019 tables", "2022年某镇政府信息公开工作年度报告\n" + active2019 + applyTableNoGroups(skip(labels2019), labels2019), "2019", "2019", "2019"},
		{"no tables before 2019 is legacy", "2016年某镇政府信息公开工作年度报告\n一、概述\n主动公开政府信息22条。", "legacy", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := parseText(t, tc.text)
			if r.Template != tc.template || r.Templates["active"] != tc.active || r.Templates["apply"] != tc.ap {
				t.Errorf("template %q active %q apply %q, want %q %q %q", r.Template, r.Templates["active"], r.Templates["apply"], tc.template, tc.active, tc.ap)
			}
			if tc.ap != "" {
				if n := len(r.Tables.Apply); n < len(corpus.ApplyRows(tc.ap)) {
					t.Errorf("%d apply rows", n)
				}
				for _, c := range r.Checks {
					if c.ID <= "C5" && c.Status == corpus.CheckFail {
						t.Errorf("check %s failed: %s", c.ID, c.Detail)
					}
				}
			}
		})
	}
}

// applyTableNoGroups writes all labels but values only after the value rows.
func applyTableNoGroups(valueRows, all []string) string {
	isValue := map[string]bool{}
	for _, l := range valueRows {
		isValue[l] = true
	}
	var sb strings.Builder
	sb.WriteString(applyTable(nil, nil)[:strings.Index(applyTable(nil, nil), "四、政府信息公开行政复议")])
	for _, l := range all {
		sb.WriteString(l + "\n")
		if isValue[l] {
			sb.WriteString("\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n")
		}
	}
	rest := applyTable(nil, nil)
	sb.WriteString(rest[strings.Index(rest, "四、政府信息公开行政复议"):])
	return sb.String()
}
