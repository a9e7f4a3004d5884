package figures

import (
	"strings"
	"testing"
)

func TestUnwrap(t *testing.T) {
	// wrapped is a page of hard-wrapped lines (generic wording, about 20
	// runes a line) that unwrap must recognise.
	wrapped := []string{
		"本年度报告根据政府信息公开条例的要求编制，",
		"全文包括总体情况、主动公开政府信息情况、收",
		"到和处理政府信息公开申请情况、行政复议和行",
		"政诉讼情况、存在的主要问题及改进情况等内容",
		"。本报告所列数据的统计期限自一月一日起至十",
		"二月三十一日止，电子版可在门户网站查阅下载",
		"，如对本报告有任何疑问请与本机关办公室联系",
		"（二）依申请公开方面",
		"全年共受理政府信息公开申请 1295 件，办结 11",
		"91 件。全年未发生因依申请公开被行政复议纠错",
		"— 2 —",
		"或行政诉讼败诉情形，各项工作均依法依规开展。",
		"1.主动公开方面的主要工作情况及主要成效如下",
		"\t表格\t单元格内容不参与合并操作的一行文字内容",
		"下一行文字内容是正常的段落文字并无标点结束",
	}
	got := strings.Split(unwrap(strings.Join(wrapped, "\n")), "\n")
	want := []string{
		"本年度报告根据政府信息公开条例的要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、行政复议和行政诉讼情况、存在的主要问题及改进情况等内容。本报告所列数据的统计期限自一月一日起至十二月三十一日止，电子版可在门户网站查阅下载，如对本报告有任何疑问请与本机关办公室联系",
		"（二）依申请公开方面",
		"全年共受理政府信息公开申请 1295 件，办结 11",
		"91 件。全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形，各项工作均依法依规开展。",
		"1.主动公开方面的主要工作情况及主要成效如下",
		"\t表格\t单元格内容不参与合并操作的一行文字内容",
		"下一行文字内容是正常的段落文字并无标点结束",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("unwrap:\n got: %q\nwant: %q", got, want)
	}

	cases := []struct {
		name string
		text string
	}{
		{"punctuated paragraphs", strings.Repeat("全年主动公开政府信息一百二十条，内容涵盖各个方面。\n", 10)},
		{"too few lines", "全年共受理政府信息公开申请十二件\n其中自然人申请十件法人申请两件"},
		{"long lines", strings.Repeat(strings.Repeat("政府信息公开", 20)+"\n", 10)},
		{"empty", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := unwrap(tc.text); got != tc.text {
				t.Errorf("unwrap changed text that is not hard-wrapped:\n%q", got)
			}
		})
	}
}

func TestHeadingNumber(t *testing.T) {
	cases := []struct {
		line string
		want bool
	}{
		{"一、总体情况", true}, {"（二）依申请公开方面", true}, {"(3)其他", true}, {"4.网站公开", true}, {"5、信函申请", true},
		{"第六条", true}, {"①当面申请", true}, {"十二、附表", true}, {"1.5万条信息", false}, {"一是公开内容", false},
		{"2024 年市科委", false}, {"（以下简称《条例》）", false}, {"", false},
	}
	for _, tc := range cases {
		t.Run(tc.line, func(t *testing.T) {
			if got := headingNumber(tc.line); got != tc.want {
				t.Errorf("headingNumber(%q) = %v, want %v", tc.line, got, tc.want)
			}
		})
	}
}
