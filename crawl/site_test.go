package crawl_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gongkai/synth"
)

// hit is one request the test site received.
type hit struct {
	path   string
	at     time.Time
	status int
	cond   bool // sent If-None-Match or If-Modified-Since
	ua     string
}

// resource is one thing the site serves.
type resource struct {
	body        []byte
	contentType string
	fail        int // 503s still to send before serving
}

// site imitates a government site: GBK listing pages with TRS pagination,
// report pages with chrome, attachments, robots.txt, a flaky page, a
// redirect loop and an oversized file. Every request is logged.
type site struct {
	mu    sync.Mutex
	res   map[string]*resource
	hits  []hit
	srv   *httptest.Server
	big   int64 // size of /xxgk/ndbg/big.pdf, streamed without Content-Length
	robot string
}

func newSite(t *testing.T) *site {
	s := &site{res: map[string]*resource{}, big: 3 << 20,
		robot: "User-agent: *\nDisallow: /private/\n"}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) url(p string) string { return s.srv.URL + p }

func (s *site) set(p, contentType string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.res[p] = &resource{body: body, contentType: contentType}
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	h := hit{path: r.URL.RequestURI(), at: time.Now(), ua: r.UserAgent(),
		cond: r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""}
	status := s.respond(w, r)
	h.status = status
	s.mu.Lock()
	s.hits = append(s.hits, h)
	s.mu.Unlock()
}

func (s *site) respond(w http.ResponseWriter, r *http.Request) int {
	switch p := r.URL.Path; {
	case p == "/robots.txt":
		w.Write([]byte(s.robot))
		return 200
	case p == "/loop/a.html":
		http.Redirect(w, r, "/loop/b.html", http.StatusFound)
		return 302
	case p == "/loop/b.html":
		http.Redirect(w, r, "/loop/a.html", http.StatusMovedPermanently)
		return 301
	case p == "/xxgk/ndbg/big.pdf":
		w.Header().Set("Content-Type", "application/pdf")
		chunk := append([]byte("%PDF-1.4\n"), make([]byte, 64<<10)...)
		for n := int64(0); n < s.big; n += int64(len(chunk)) {
			if _, err := w.Write(chunk); err != nil {
				break
			}
			w.(http.Flusher).Flush()
		}
		return 200
	}
	s.mu.Lock()
	res := s.res[r.URL.RequestURI()]
	if res != nil && res.fail > 0 {
		res.fail--
		s.mu.Unlock()
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return 503
	}
	s.mu.Unlock()
	if res == nil {
		http.NotFound(w, r)
		return 404
	}
	sum := sha256.Sum256(res.body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Wed, 17 Jan 2024 08:00:00 GMT")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return 304
	}
	w.Header().Set("Content-Type", res.contentType)
	w.Write(res.body)
	return 200
}

// requests returns the log.
func (s *site) requests() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]hit(nil), s.hits...)
}

func (s *site) reset() {
	s.mu.Lock()
	s.hits = nil
	s.mu.Unlock()
}

// count counts the requests for a path with a status (0: any).
func (s *site) count(path string, status int) int {
	n := 0
	for _, h := range s.requests() {
		if h.path == path && (status == 0 || h.status == status) {
			n++
		}
	}
	return n
}

// loopbackOnly is a transport that refuses (and fails the test on) any
// connection to an address that is not loopback.
func loopbackOnly(t *testing.T) http.RoundTripper {
	d := &net.Dialer{Timeout: 5 * time.Second}
	return &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(addr)
			ip := net.ParseIP(host)
			if err != nil || ip == nil || !ip.IsLoopback() {
				t.Errorf("a connection to %s was attempted: only loopback is allowed", addr)
				return nil, errors.New("test transport: non-loopback address refused")
			}
			return d.DialContext(ctx, network, addr)
		},
	}
}

// gbk encodes a listing page the way older CMSes serve them.
func gbk(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode GBK: %v", err)
	}
	return b
}

// item is one entry of a listing page.
type item struct{ href, title, date string }

// listingPage renders a TRS-style column page: chrome, the list, the
// createPageHTML script on page 0 and 上一页/下一页 links.
func listingPage(t testing.TB, items []item, page, count int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>政府信息公开年报_示例县人民政府</title></head><body>
<div class="top"><a href="/">首页</a> <a href="/xxgk/">政府信息公开</a> <a href="/xxgk/ndbg/">政府信息公开年报</a> <a href="/xxgk/zcjd/">政策解读</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="./">政府信息公开年报</a></div>
<ul class="list">`)
	for _, it := range items {
		fmt.Fprintf(&b, "<li><a href=\"%s\" title=\"%s\" target=\"_blank\">%s</a><span class=\"date\">%s</span></li>\n", it.href, it.title, short(it.title), it.date)
	}
	b.WriteString("</ul><div class=\"page\">")
	if page == 0 {
		fmt.Fprintf(&b, `<script type="text/javascript">
var currentPage = %d;//所在页从0开始
var countPage = %d//共多少页
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){ /* writes the links */ }
createPageHTML(countPage, currentPage, "index", "html");
</script>`, page, count)
	}
	if page > 0 {
		prev := "index.html"
		if page > 1 {
			prev = fmt.Sprintf("index_%d.html", page-1)
		}
		fmt.Fprintf(&b, `<a href="%s">上一页</a> `, prev)
	}
	if page < count-1 {
		fmt.Fprintf(&b, `<a href="index_%d.html">下一页</a>`, page+1)
	}
	b.WriteString(`</div><div class="foot">主办：示例县人民政府办公室 网站标识码：3213220037 <a href="http://www.beian.gov.cn/">苏公网安备</a></div></body></html>`)
	return gbk(t, b.String())
}

// short cuts long titles as listings do.
func short(s string) string {
	r := []rune(s)
	if len(r) > 24 {
		return string(r[:22]) + "..."
	}
	return s
}

// wrapperPage is a report page whose body only links the attachments.
func wrapperPage(t testing.TB, title string) []byte {
	return gbk(t, `<html><head><meta charset="gbk"><title>`+title+`</title></head><body><div class="nav"><a href="/">首页</a></div>
<h1>`+title+`</h1><div class="content"><p>现将本单位年度报告予以公布。</p>
<p>附件：<a href="/xxgk/ndbg/W020240117_1.pdf">`+title+`.pdf</a></p>
<p>附件：<a href="/module/download/downfile.jsp?classid=0&amp;filename=W020240117_2.docx">`+title+`.docx</a></p>
<p><a href="/xxgk/ndbg/jd_2.pdf">图解：`+title+`.pdf</a></p></div></body></html>`)
}

// testdataFile reads a ready-made synthetic report of the repository.
func testdataFile(t testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "synth", name))
	if err != nil {
		t.Fatalf("read synthetic report: %v", err)
	}
	return b
}

// annualSite fills a site with a three-page column. It returns the specs
// whose pages it serves (the last one is the next version of the page
// that changes).
func annualSite(t testing.TB, s *site) []synth.Spec {
	specs := synth.Generate(synth.Options{Seed: 11, Years: []int{2021, 2022, 2023}}, 4)
	html := "text/html; charset=gb2312"
	s.set("/xxgk/ndbg/t20240117_1.html", html, synth.RenderHTML(specs[0]))
	s.set("/xxgk/ndbg/t20240118_2.html", html, wrapperPage(t, "示例县农业农村局2023年政府信息公开工作年度报告"))
	s.set("/xxgk/ndbg/W020240117_1.pdf", "application/pdf", testdataFile(t, "example-2021.pdf"))
	s.set("/module/download/downfile.jsp?classid=0&filename=W020240117_2.docx", "application/octet-stream", testdataFile(t, "township-blanks-dashes.docx"))
	s.set("/xxgk/ndbg/t20230120_3.html", html, synth.RenderHTML(specs[1]))
	s.res["/xxgk/ndbg/t20230120_3.html"].fail = 1
	s.set("/xxgk/ndbg/P020230101.pdf", "application/pdf", testdataFile(t, "city-large.pdf"))
	s.set("/xxgk/ndbg/t20220125_4.html", html, synth.RenderHTML(specs[2]))
	for _, p := range []string{"/xxgk/ndbg/jd.html", "/xxgk/ndbg/tj.html", "/xxgk/ndbg/tz.html", "/xxgk/ndbg/fz.html", "/private/t1.html", "/xxgk/ndbg/jd_2.pdf"} {
		s.set(p, html, gbk(t, "<html><body><p>不应抓取的页面</p></body></html>"))
	}
	s.set("/xxgk/ndbg/index.html", html, listingPage(t, []item{
		{"./t20240117_1.html", specs[0].Truth.Title, "2024-01-17"},
		{"/xxgk/ndbg/t20240118_2.html", "示例县农业农村局2023年政府信息公开工作年度报告", "2024-01-18"},
		{"./jd.html", "关于《示例县2023年政府信息公开工作年度报告》的解读", "2024-01-18"},
		{"./tj.html", "图解：示例县2023年政府信息公开工作年度报告", "2024-01-18"},
		{"./tz.html", "关于做好2023年政府信息公开工作年度报告编制和发布工作的通知", "2023-12-01"},
		{"./fz.html", "示例县2023年法治政府建设年度报告", "2024-01-10"},
		{"/private/t1.html", "示例县2023年政府信息公开工作年度报告（内部稿）", "2024-01-10"},
		{"http://www.example.gov.cn/xxgk/t2.html", "示例市2023年政府信息公开工作年度报告", "2024-01-10"},
	}, 0, 3))
	s.set("/xxgk/ndbg/index_1.html", html, listingPage(t, []item{
		{"t20230120_3.html", specs[1].Truth.Title, "2023年01月20日"},
		{"P020230101.pdf", "示例市2022年政府信息公开工作年度报告", "2023-01-01"},
		{"/loop/a.html", "示例县2022年度政府信息公开工作年度报告", "2023-01-05"},
	}, 1, 3))
	s.set("/xxgk/ndbg/index_2.html", html, listingPage(t, []item{
		{"t20220125_4.html", specs[2].Truth.Title, "2022-01-25"},
		{"big.pdf", "示例县2021年政府信息公开工作年度报告（扫描件）", "2022-01-20"},
	}, 2, 3))
	return specs
}

func synthHTML(s synth.Spec) []byte { return synth.RenderHTML(s) }
