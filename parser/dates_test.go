package parser

import (
	"context"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/parser/layout"
)

// datedDoc lays out a short report as a format's extractor does: the
// title, an optional date line under it, the sections, and a signature
// whose lines the layout may split.
func datedDoc(format, dateLine string, signature []string) *layout.Document {
	d := &layout.Document{Format: format, Meta: map[string]string{}}
	add := func(s string) { d.Blocks = append(d.Blocks, layout.Block{Kind: layout.Para, Text: s, Where: "page 1"}) }
	add("莆田市城市管理局2019年度政府信息公开工作年度报告")
	if dateLine != "" {
		add(dateLine)
	}
	add("根据《中华人民共和国政府信息公开条例》编制。2019年3月5日召开专题会议。")
	add("一、总体情况")
	add("2019年，我局主动公开政府信息50条。")
	add("二、其他需要报告的事项")
	add("无。")
	for _, s := range signature {
		add(s)
	}
	return d
}

// TestDates reads published and signed the same way in every format: the
// 发布日期 line under the title (DOCX, PDF), signatures split over lines.
func TestDates(t *testing.T) {
	cases := []struct {
		name, dateLine string
		signature      []string
		published      string
		from           string
		signed         string
	}{
		{"date line and signature", "发布日期：2020-01-31", []string{"莆田市城市管理局", "2020年1月14日"}, "2020-01-31", corpus.PublishedFromPage, "2020-01-14"},
		{"发布时间 with a time", "发布时间: 2020-01-15 16:18", []string{"莆田市城市管理局 2020年1月14日"}, "2020-01-15", corpus.PublishedFromPage, "2020-01-14"},
		{"page info bar", "发布时间：2020年01月15日 来源：市城市管理局 浏览次数：12", nil, "2020-01-15", corpus.PublishedFromPage, ""},
		{"signature split over lines", "", []string{"莆田市城市管理局", "2020", "年", "1", "月", "14", "日"}, "2020-01-14", corpus.PublishedFromSigned, "2020-01-14"},
		{"signature in Chinese numerals", "", []string{"莆田市城市管理局", "二〇二〇年一月十四日"}, "2020-01-14", corpus.PublishedFromSigned, "2020-01-14"},
		{"date in brackets under the title", "（2020年1月20日）", []string{"莆田市城市管理局", "2020年1月", "14日"}, "2020-01-20", corpus.PublishedFromPage, "2020-01-14"},
		{"no date: a date in the prose is not a signature", "", []string{"我局将于2020年3月1日前完成整改，确保各项工作落实到位并按时报送。"}, "", "", ""},
		{"signature followed by an annex note", "", []string{"莆田市城市管理局", "2020年1月14日", "附件：政府信息公开情况统计表"}, "2020-01-14", corpus.PublishedFromSigned, "2020-01-14"},
	}
	for _, tc := range cases {
		for _, format := range []string{"html", "docx", "pdf", "text", "markdown"} {
			r := FromLayout(datedDoc(format, tc.dateLine, tc.signature))
			if r.Published != tc.published || r.PublishedFrom != tc.from || r.Signed != tc.signed {
				t.Errorf("%s (%s): published %q from %q, signed %q; want %q from %q, signed %q",
					tc.name, format, r.Published, r.PublishedFrom, r.Signed, tc.published, tc.from, tc.signed)
			}
		}
	}
}

// TestDates_Meta: metadata dates (meta tags, an export's header block)
// come first; the listing date ranks above the signature only.
func TestDates_Meta(t *testing.T) {
	d := datedDoc("html", "", []string{"莆田市城市管理局", "2020年1月14日"})
	d.Meta["PubDate"] = "2020-01-16 09:00"
	r := FromLayout(d)
	if r.Published != "2020-01-16" || r.PublishedFrom != corpus.PublishedFromPage || r.Signed != "2020-01-14" {
		t.Errorf("meta PubDate: published %q from %q signed %q", r.Published, r.PublishedFrom, r.Signed)
	}
	UseListingDate(r, "2020-02-01")
	if r.Published != "2020-01-16" {
		t.Errorf("a listing date replaced the page's date: %q", r.Published)
	}
	r = FromLayout(datedDoc("pdf", "", []string{"莆田市城市管理局", "2020年1月14日"}))
	UseListingDate(r, "2020/01/19")
	if r.Published != "2020-01-19" || r.PublishedFrom != corpus.PublishedFromListing || r.Signed != "2020-01-14" {
		t.Errorf("listing date: published %q from %q signed %q", r.Published, r.PublishedFrom, r.Signed)
	}
	UseListingDate(r, "not a date")
	if r.Published != "2020-01-19" {
		t.Errorf("a bad listing date was taken: %q", r.Published)
	}
}

// TestParse_ExportHeader: an archive export's header block gives the title
// (without its label), the publication date and the office.
func TestParse_ExportHeader(t *testing.T) {
	txt := "标题: 莆田市应急管理局2023年度政府信息公开工作年度报告\n发布时间: 2024-01-18 23:45\n文号: \n发布机构: 莆田市应急管理局\n栏目: 政府信息公开年报\n原始链接: https://www.putian.gov.cn/a/t20240118_1.htm\n正文:\n" +
		"本年度报告是根据《中华人民共和国政府信息公开条例》的要求编制。\n一、总体情况\n2023年，我局主动公开政府信息30条。\n二、主动公开政府信息情况\n略。\n三、收到和处理政府信息公开申请情况\n本年度未收到申请。\n"
	r, err := Parse(context.Background(), []byte(txt), "export.txt")
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "莆田市应急管理局2023年度政府信息公开工作年度报告" || r.Office != "莆田市应急管理局" || r.Published != "2024-01-18" || r.Year != 2023 || r.Signed != "" {
		t.Errorf("title %q office %q published %q signed %q year %d", r.Title, r.Office, r.Published, r.Signed, r.Year)
	}
	if strings.Contains(r.Title+r.Office+r.OfficeFull, "标题") {
		t.Errorf("label leaked: %q %q", r.Title, r.OfficeFull)
	}
	if len(r.Sections) == 0 || r.Sections[0].No != 0 || !strings.Contains(r.Sections[0].Text, "原始链接") {
		t.Errorf("the header block must be in section 0: %+v", r.Sections)
	}
}
