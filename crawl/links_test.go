package crawl

import (
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

func mustURL(t testing.TB, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func urls(ls []link) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.URL)
	}
	sort.Strings(out)
	return out
}

func TestExtractLinks(t *testing.T) {
	base := "http://www.example.gov.cn/xxgk/ndbg/index.html"
	for _, c := range []struct {
		name                 string
		html                 string
		reports, pages, atts []string
		date                 string // of the first report
	}{
		{
			name: "trs createPageHTML with literals",
			html: `<script>createPageHTML(3, 0, "index", "shtml");</script>`,
			pages: []string{"http://www.example.gov.cn/xxgk/ndbg/index.shtml", "http://www.example.gov.cn/xxgk/ndbg/index_1.shtml",
				"http://www.example.gov.cn/xxgk/ndbg/index_2.shtml"},
		},
		{
			name:  "trs createPageHTML with a div id and a record count",
			html:  `<script>createPageHTML('page_div',2, 1,'index','html',35);</script>`,
			pages: []string{"http://www.example.gov.cn/xxgk/ndbg/index.html", "http://www.example.gov.cn/xxgk/ndbg/index_1.html"},
		},
		{
			name:  "trs createPageHTML with variables and its definition",
			html:  "<script>var countPage = 2//共多少页\nvar currentPage = 0;\nfunction createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){}\ncreatePageHTML(countPage, currentPage, \"index\", \"htm\");</script>",
			pages: []string{"http://www.example.gov.cn/xxgk/ndbg/index.htm", "http://www.example.gov.cn/xxgk/ndbg/index_1.htm"},
		},
		{
			name:  "next page and page parameters",
			html:  `<a href="list.jsp?page=2">下一页</a> <a href="index.html?pageNo=3">3</a> <a href="/other/">其他栏目</a> <a href="javascript:void(0)">下一页</a>`,
			pages: []string{"http://www.example.gov.cn/xxgk/ndbg/index.html?pageNo=3", "http://www.example.gov.cn/xxgk/ndbg/list.jsp?page=2"},
		},
		{
			name: "report links with title attributes and dates",
			html: `<ul><li><a href="t1.html" title="示例县2023年政府信息公开工作年度报告">示例县2023年政府信息...</a><span>2024-01-17</span></li>
<li><a href="t2.html">关于示例县2023年政府信息公开工作年度报告的解读</a><span>2024-01-18</span></li></ul>`,
			reports: []string{"http://www.example.gov.cn/xxgk/ndbg/t1.html"},
			date:    "2024-01-17",
		},
		{
			name: "attachments",
			html: `<base href="http://www.example.gov.cn/files/"><p>附件：<a href="a.pdf">年报.pdf</a> <a href="dl.jsp?filename=b.docx">下载</a>
<a href="c.wps">c</a> <a href="d.zip">d</a> <a href="e.jpg">e</a> <a href="f.pdf">图解.pdf</a></p>`,
			atts: []string{"http://www.example.gov.cn/files/a.pdf", "http://www.example.gov.cn/files/c.wps", "http://www.example.gov.cn/files/d.zip",
				"http://www.example.gov.cn/files/dl.jsp?filename=b.docx"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := extractLinks([]byte("<html><body>"+c.html+"</body></html>"), mustURL(t, base))
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range []struct {
				what      string
				got, want []string
			}{{"reports", urls(got.Reports), c.reports}, {"pages", urls(got.Pages), c.pages}, {"attachments", urls(got.Attachments), c.atts}} {
				if len(x.got) != 0 || len(x.want) != 0 {
					if !reflect.DeepEqual(x.got, x.want) {
						t.Errorf("%s = %q, want %q", x.what, x.got, x.want)
					}
				}
			}
			if c.date != "" && (len(got.Reports) == 0 || got.Reports[0].Date != c.date) {
				t.Errorf("reports %+v, want date %s", got.Reports, c.date)
			}
		})
	}
}

func TestExtractLinks_GBK(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "listing-gbk.html"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := extractLinks(page, mustURL(t, "http://www.example.gov.cn/xxgk/ndbg/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Reports) != 2 || got.Reports[0].Title != "示例县发展和改革局2023年政府信息公开工作年度报告" || got.Reports[0].Date != "2024-01-17" {
		t.Errorf("reports: %+v", got.Reports)
	}
	if len(got.Pages) != 3 {
		t.Errorf("pages: %+v", got.Pages)
	}
}

func FuzzExtractLinks(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "listing-gbk.html")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`<script>createPageHTML(99999999, 0, "index", "html")</script><a href="index_1.html">下一页</a>`))
	f.Add([]byte(`<base href="javascript:x"><a href="::">2023年政府信息公开年报</a>`))
	base, _ := url.Parse("http://www.example.gov.cn/a/index.html")
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := extractLinks(data, base)
		if err != nil {
			return
		}
		if n := len(got.Reports) + len(got.Pages) + len(got.Attachments); n > 3*maxLinks+8*1000 {
			t.Fatalf("%d links", n)
		}
		for _, l := range append(append(got.Reports, got.Pages...), got.Attachments...) {
			if _, err := checkURL(l.URL); err != nil {
				t.Fatalf("link %q: %v", l.URL, err)
			}
		}
	})
}

func BenchmarkExtractLinks(b *testing.B) {
	page, err := os.ReadFile(filepath.Join("testdata", "listing-gbk.html"))
	if err != nil {
		b.Fatal(err)
	}
	base := mustURL(b, "http://www.example.gov.cn/xxgk/ndbg/index.html")
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := extractLinks(page, base); err != nil {
			b.Fatal(err)
		}
	}
}
