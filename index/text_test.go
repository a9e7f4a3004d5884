package index

import (
	"strings"
	"testing"

	"gongkai/corpus"
)

func TestClean(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"政务新\n媒体", "政务新媒体"},
		{"社会公益 组织", "社会公益组织"},
		{"社会公益\u3000\u3000组织", "社会公益组织"},
		{"一半句子\n— 4 —\n另一半", "一半句子另一半"},
		{"一半句子\n- 12 -\n另一半", "一半句子另一半"},
		{"一半句子\r\n第 4 页 共 9 页\r\n另一半", "一半句子另一半"},
		{"结束。\n下一段", "结束。\n下一段"},
		{"第一段\n\n第二段", "第一段\n\n第二段"},
		{"收到 12 件", "收到12件"},
		{"LED display", "LED display"},
		{"2019 2020", "2019 2020"},
		{"  前后  ", "前后"},
		{"表格\n3\n4", "表格3\n4"},
		{"", ""},
	} {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestText(t *testing.T) {
	d := Text(textFixture)
	for _, want := range []string{"政府信息公开工作年度报告", "前言", "政府信息公开条例》\n规定", "某某街道某某路1号", "政务新媒体社会公益组织收到12件", "LED display 2023年", "12 13", "尾部签名"} {
		if !strings.Contains(d.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, d.Body)
		}
	}
	if strings.Contains(d.Body, "— 4 —") || strings.Contains(d.Body, "第 3 页") {
		t.Errorf("page numbers kept:\n%s", d.Body)
	}
	if d.Headings != "某某区人民政府2023年政府信息公开工作年度报告\n前言\n一、总体情况" {
		t.Errorf("headings %q", d.Headings)
	}
	// Every non-space character of the record is in the body, except page numbers.
	r := &corpus.Report{Title: "题", Sections: []corpus.Section{{No: 0, Text: "前 言 文字"}, {No: 9, Title: "附件", Text: "注：表中 数据"}}}
	if got := Text(r).Body; got != "题\n前言文字\n附件\n注：表中数据" {
		t.Errorf("body %q", got)
	}
	if TextFingerprint() == "" || !strings.HasPrefix(TextFingerprint(), TextVersion) {
		t.Error(TextFingerprint())
	}
}
