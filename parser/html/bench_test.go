package html

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// typicalPage is a ~30 KB report page: site chrome, a metadata table,
// ~30 paragraphs and the 2021 table 三 as a CMS editor writes it.
func typicalPage() []byte {
	var body strings.Builder
	for i := range 30 {
		body.WriteString("<p style=\"text-indent:2em\">（" + string(rune('一'+i%9)) + "）2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，" +
			"全面推进决策、执行、管理、服务、结果公开，主动公开政府信息<span>3</span><span>26</span>条，办理依申请公开<strong>39</strong>件。</p>\n")
	}
	var tbl strings.Builder
	tbl.WriteString("<table border=1 cellspacing=0>")
	for _, r := range table3(true) {
		tbl.WriteString("<tr>")
		for _, c := range r {
			tbl.WriteString("<td")
			if c.rs > 1 {
				tbl.WriteString(" rowspan=" + itoa(c.rs))
			}
			if c.cs > 1 {
				tbl.WriteString(" colspan=" + itoa(c.cs))
			}
			tbl.WriteString("><p style=\"text-align:center\"><span style=\"font-size:12px\">" + c.text + "</span></p></td>")
		}
		tbl.WriteString("</tr>\n")
	}
	tbl.WriteString("</table>\n")
	page := `<html><head><meta charset="utf-8"><title>某县2023年政府信息公开工作年度报告-某县人民政府</title>
<meta name="SiteName" content="某县人民政府"></head><body>` + modernHeader +
		`<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/nb/">年报</a></div>
<table class="xxgk"><tr><th>索引号：</th><td>014314799/2024-00002</td><th>发布机构：</th><td>某县人民政府办公室</td></tr></table>
<h1 class="title">某县2023年政府信息公开工作年度报告</h1><div id="zoom">` + body.String() + tbl.String() + body.String() +
		`</div><div class="prevnext">上一篇：<a href="/1">某通知</a></div>` + modernFooter + `</body></html>`
	return []byte(page)
}

func itoa(i int) string {
	return strings.TrimLeft(string([]byte{byte('0' + i/10), byte('0' + i%10)}), "0")
}

func BenchmarkExtract(b *testing.B) {
	gbk, err := os.ReadFile(filepath.Join("testdata", "gbk-2021-word.html"))
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
	}{
		{"typical30KB", typicalPage()},
		{"gbkWord130KB", gbk},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if _, err := Extract(c.data); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Extract(c.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestTypicalPageSize(t *testing.T) {
	n := len(typicalPage())
	if n < 25_000 || n > 40_000 {
		t.Errorf("typical page is %d bytes, want about 30 KB", n)
	}
	doc, err := Extract(typicalPage())
	if err != nil {
		t.Fatal(err)
	}
	if len(tables(doc)) != 1 || doc.Title != "某县2023年政府信息公开工作年度报告" {
		t.Errorf("tables=%d title=%q", len(tables(doc)), doc.Title)
	}
}

// BenchmarkParseOnly is the floor: x/net/html parsing the typical page,
// to compare Extract against on a loaded machine.
func BenchmarkParseOnly(b *testing.B) {
	data := string(typicalPage())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := html.Parse(strings.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
