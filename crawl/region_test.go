package crawl_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/temoto/robotstxt"

	"gongkai/crawl"
)

// vhit is one request a loopback site received.
type vhit struct {
	method, uri, body string
	status            int
	browser           bool // sent by a browser (Sec-Fetch-Mode: Go's client sends none)
	cookie            string
	at                time.Time // when it arrived
}

// vsite is a loopback government site: handlers by path, robots.txt, a log.
type vsite struct {
	name   string
	srv    *httptest.Server
	robots string
	mu     sync.Mutex
	pages  map[string]http.HandlerFunc // by path
	hits   []vhit
	// gate, when set, answers instead of the page (a challenge): it
	// returns true when it wrote the response.
	gate func(w http.ResponseWriter, r *http.Request) bool
}

// newVsite starts a site on addr ("127.0.0.1:0", "127.0.0.2:0"): loopback only.
func newVsite(t *testing.T, name, addr, robots string) *vsite {
	t.Helper()
	host, _, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		t.Fatalf("test site %s on %s: only loopback addresses", name, addr)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s (a second loopback address is needed for the platform host): %v", addr, err)
	}
	s := &vsite{name: name, robots: robots, pages: map[string]http.HandlerFunc{}}
	s.srv = &httptest.Server{Listener: l, Config: &http.Server{Handler: http.HandlerFunc(s.serve)}}
	s.srv.Start()
	t.Cleanup(s.srv.Close)
	return s
}

func (s *vsite) url(p string) string { return s.srv.URL + p }
func (s *vsite) host() string        { return strings.TrimPrefix(s.srv.URL, "http://") }

func (s *vsite) handle(p string, h http.HandlerFunc) { s.pages[p] = h }

// static serves a body with a content type and an ETag (304 on a match).
func (s *vsite) static(p, ctype string, body []byte) {
	etag := fmt.Sprintf(`"%x"`, len(body)*31+int(body[len(body)/2]))
	s.handle(p, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.Write(body)
	})
}

func (s *vsite) html(p, body string) { s.static(p, "text/html; charset=utf-8", []byte(body)) }

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(c int) {
	if w.status == 0 {
		w.status = c
	}
	w.ResponseWriter.WriteHeader(c)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = 200
	}
	return w.ResponseWriter.Write(b)
}

func (s *vsite) serve(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		s.mu.Lock()
		s.hits = append(s.hits, vhit{method: r.Method, uri: r.URL.RequestURI(), body: string(body), status: sw.status,
			browser: r.Header.Get("Sec-Fetch-Mode") != "", cookie: r.Header.Get("Cookie"), at: at})
		s.mu.Unlock()
	}()
	if s.gate != nil && s.gate(sw, r) {
		return
	}
	if r.URL.Path == "/robots.txt" {
		sw.Write([]byte(s.robots))
		return
	}
	if h := s.pages[r.URL.Path]; h != nil {
		h(sw, r)
		return
	}
	http.NotFound(sw, r)
}

func (s *vsite) log() []vhit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]vhit(nil), s.hits...)
}

func (s *vsite) reset() {
	s.mu.Lock()
	s.hits = nil
	s.mu.Unlock()
}

// got200 counts the 200 answers for a path (query aside).
func (s *vsite) got200(p string) int {
	n := 0
	for _, h := range s.log() {
		if u, _ := url.Parse(h.uri); u.Path == p && h.status == 200 {
			n++
		}
	}
	return n
}

// checkRobots fails the test for any request robots.txt forbids.
func (s *vsite) checkRobots(t *testing.T) {
	t.Helper()
	data, err := robotstxt.FromString(s.robots)
	if err != nil {
		t.Fatal(err)
	}
	g := data.FindGroup("gongkai")
	for _, h := range s.log() {
		if !g.Test(h.uri) {
			t.Errorf("%s: fetched %s, which robots.txt forbids", s.name, h.uri)
		}
	}
}

// synthFile is a generated report of testdata/synth with its content type.
func synthFile(t testing.TB, name string) (string, []byte) {
	types := map[string]string{".html": "text/html; charset=utf-8", ".pdf": "application/pdf",
		".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
	return types[path.Ext(name)], testdataFile(t, name)
}

// report serves a synth report at p.
func (s *vsite) report(t testing.TB, p, name string) {
	ct, b := synthFile(t, name)
	s.static(p, ct, b)
}

func chrome(title, body string) string {
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a> <a href="/bsfw/">办事服务</a></div>` + body +
		`<div class="foot">主办：示例县人民政府办公室 <a href="http://www.beian.gov.cn/">苏公网安备</a></div></body></html>`
}

// entry is a listed report: its path on the site, its title and the
// synth file it serves.
type entry struct{ path, title, file string }

func listHTML(es []entry) string {
	var b strings.Builder
	b.WriteString(`<ul class="list">`)
	for _, e := range es {
		fmt.Fprintf(&b, `<li><a href="%s" target="_blank">%s</a><span>2024-01-17</span></li>`, e.path, e.title)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

// The loopback region: five sites behaving like real ones.
type region struct {
	home, platform *vsite            // 政务公开 → 政府信息公开平台 (another host) → 法定主动公开内容 → 年报
	avalon         *vsite            // a column whose list an avalon template fills from a JSON endpoint
	post           *vsite            // a column paginated by a POST form and javascript: links
	passes         *vsite            // a 412 challenge a browser passes (cookie, reload)
	never          *vsite            // a column one of whose reports sits behind a challenge that never passes
	wall           *vsite            // a site entirely behind a 521 challenge that never passes
	reports        map[string]string // served report URL → synth file
}

// chain1Wrapper is the chain's report page that links its report as an
// attachment and shows a scan.
const chain1Wrapper = "/zdgk/ndbg/t20230301_3.html"

func newRegion(t *testing.T) *region {
	rg := &region{reports: map[string]string{}}
	add := func(s *vsite, es ...entry) {
		for _, e := range es {
			s.report(t, e.path, e.file)
			rg.reports[s.url(e.path)] = e.file
		}
	}

	// The chain. robots.txt of the home host forbids /admin/ (linked as
	// 政务公开管理), the platform's forbids /private/ (a listed report).
	rg.home = newVsite(t, "home", "127.0.0.1:0", "User-agent: *\nDisallow: /admin/\n")
	rg.platform = newVsite(t, "platform", "127.0.0.2:0", "User-agent: *\nDisallow: /private/\n")
	h, p := rg.home, rg.platform
	h.html("/", chrome("示例县人民政府", `<div class="menu"><a href="/zwgk/">政务公开</a> <a href="/admin/">政务公开管理</a> <a href="/hdjl/">互动交流</a></div>
<div class="news"><a href="/xwzx/t1.html">关于做好2023年政府信息公开工作年度报告编制工作的通知</a> <a href="/xwzx/t2.html">我县召开2024年工作会议</a></div>`))
	h.html("/zwgk/", chrome("政务公开_示例县人民政府", `<div class="menu"><a href="`+p.url("/")+`">政府信息公开平台</a> <a href="/zwgk/zcjd/">政策解读</a>
<a href="/zwgk/gkzn/">政府信息公开指南</a> <a href="http://www.gov.cn/zhengce/">国务院政策文件库</a></div>`))
	h.html("/admin/", chrome("管理", "forbidden"))
	p.html("/", chrome("示例县政府信息公开平台", `<div class="menu"><a href="/gkzn/">政府信息公开指南</a> <a href="/zdgk/">法定主动公开内容</a>
<a href="/ysqgk/">依申请公开</a> <a href="`+h.url("/")+`">示例县人民政府</a></div>`))
	p.html("/zdgk/", chrome("法定主动公开内容", `<div class="menu"><a href="/zdgk/jgzn/">机构职能</a> <a href="/zdgk/zcwj/">政策文件</a>
<a href="/zdgk/ndbg/index.html">政府信息公开年报</a></div>`))
	chain1 := []entry{
		{"/zdgk/ndbg/t20240117_1.html", "示例县人民政府2023年政府信息公开工作年度报告", "city-large.html"},
		{"/zdgk/ndbg/t20230117_2.html", "示例县人民政府2010年政府信息公开工作年度报告", "legacy-2010.html"},
		{"/zdgk/ndbg/t20230301_3.html", "示例县人民政府2021年政府信息公开工作年度报告", ""},
		{"/private/t1.html", "示例县2023年政府信息公开工作年度报告（内部稿）", ""},
	}
	chain2 := []entry{
		{"/zdgk/ndbg/t20200117_4.html", "示例县人民政府2019年政府信息公开工作年度报告", "template-2019.html"},
		{"/zdgk/ndbg/P020200118.pdf", "示例镇2022年政府信息公开工作年度报告", "township-blanks-dashes.pdf"},
	}
	p.html("/zdgk/ndbg/index.html", chrome("政府信息公开年报", listHTML(chain1)+`<div class="page"><a href="index_1.html">下一页</a></div>`))
	p.html("/zdgk/ndbg/index_1.html", chrome("政府信息公开年报", listHTML(chain2)+`<div class="page"><a href="index.html">上一页</a></div>`))
	add(p, chain1[0], chain1[1], chain2[0], chain2[1])
	// A page that links its report as an attachment on the home host.
	// Its body shows a scan (fetched with it, for OCR); the footer's badge
	// is chrome (never fetched).
	p.html(chain1[2].path, chrome(chain1[2].title, `<h1>`+chain1[2].title+`</h1><div class="content"><p><img src="/zdgk/ndbg/W020230301_scan.png" alt="第1页"></p>
<p>附件：<a href="`+h.url("/uploads/W020230301.pdf")+`">`+chain1[2].title+`.pdf</a></p></div><div class="footer"><img src="/images/badge.png"></div>`))
	p.static("/zdgk/ndbg/W020230301_scan.png", "image/png", testdataFile(t, "broken/broken-image-000003ea.png"))
	p.static("/images/badge.png", "image/png", testdataFile(t, "broken/broken-image-000003ea.png"))
	add(h, entry{"/uploads/W020230301.pdf", "", "example-2021.pdf"})
	p.html("/private/t1.html", chrome("内部稿", "x"))

	// avalon: the column page carries a template; its script asks a JSON
	// endpoint for each page (two entries a page, five in all).
	rg.avalon = newVsite(t, "avalon", "127.0.0.1:0", "User-agent: *\nDisallow: /search/\n")
	a := rg.avalon
	a.html("/", chrome("示例市人民政府", `<a href="/xxgk/">信息公开</a> <a href="/search/">站内搜索</a>`))
	a.html("/xxgk/", chrome("信息公开", `<a href="/xxgk/ndbg/">政府信息公开年度报告</a> <a href="/xxgk/zcwj/">政策文件</a>`))
	avalonEntries := []entry{
		{"/xxgk/ndbg/c1.html", "示例市2022年政府信息公开工作年度报告", "straggler-2022-on-2019.html"},
		{"/xxgk/ndbg/c2.html", "示例市2016年政府信息公开工作年度报告", "legacy-2016-stats.html"},
		{"/xxgk/ndbg/c3.html", "示例市交通运输局2021年政府信息公开工作年度报告", "broken-c1.html"},
		{"/xxgk/ndbg/c4.pdf", "示例市财政局2023年政府信息公开工作年度报告", "city-large.pdf"},
		{"/xxgk/ndbg/c5.pdf", "示例市2010年政府信息公开工作年度报告", "legacy-2010.pdf"},
	}
	add(a, avalonEntries...)
	a.html("/xxgk/ndbg/", `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年度报告</title></head><body>
<div ms-controller="list"><ul id="list"><li ms-repeat="items"><a ms-attr-href="el.url" target="_blank">{{el.title}}</a><span>{{el.pubDate}}</span></li></ul>
<div class="pager"><a href="javascript:;" id="prev">上一页</a> <a href="javascript:;" id="next">下一页</a></div></div>
<script>
var page = 1;
function load(p) {
  var x = new XMLHttpRequest();
  x.open("GET", "/api/list?channelId=123&pageNo=" + p + "&pageSize=2");
  x.onload = function () {
    var d = JSON.parse(x.responseText), ul = document.getElementById("list");
    ul.innerHTML = "";
    d.data.list.forEach(function (e) {
      var li = document.createElement("li");
      li.innerHTML = '<a href="' + e.url + '" target="_blank">' + e.title + '</a><span>' + e.pubDate + '</span>';
      ul.appendChild(li);
    });
  };
  x.send();
}
document.getElementById("next").onclick = function () { page++; load(page); };
load(1);
</script></body></html>`)
	a.handle("/api/list", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("pageNo"))
		size, _ := strconv.Atoi(r.URL.Query().Get("pageSize"))
		var list []map[string]string
		for i := (n - 1) * size; i >= 0 && i < n*size && i < len(avalonEntries); i++ {
			list = append(list, map[string]string{"title": avalonEntries[i].title, "url": avalonEntries[i].path, "pubDate": "2024-01-1" + strconv.Itoa(i)})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"code": 0, "data": map[string]any{"total": len(avalonEntries), "list": list}})
	})

	// POST pagination: the page number travels in a form, the pager is
	// javascript: links; three pages of two.
	rg.post = newVsite(t, "post", "127.0.0.1:0", "User-agent: *\nDisallow: /cms/preview/\n")
	po := rg.post
	postPages := [][]entry{
		{{"/art/2024/1/17/a1.html", "示例区2021年政府信息公开工作年度报告", "example-2021.html"}, {"/art/2024/1/18/a2.pdf", "示例区2019年政府信息公开工作年度报告", "template-2019.pdf"}},
		{{"/art/2023/1/17/a3.html", "示例区某镇2022年度政府信息公开工作年度报告", "township-blanks-dashes.html"}, {"/art/2023/1/18/a4.pdf", "示例区2022年政府信息公开工作年度报告", "straggler-2022-on-2019.pdf"}},
		{{"/art/2022/1/17/a5.pdf", "示例区2016年政府信息公开工作年度报告", "legacy-2016-stats.pdf"}, {"/art/2022/1/18/a6.pdf", "示例区卫健委2021年政府信息公开工作年度报告", "broken-c1.pdf"}},
	}
	for _, pg := range postPages {
		add(po, pg...)
	}
	po.handle("/col/list.do", func(w http.ResponseWriter, r *http.Request) {
		n := 1
		if r.Method == http.MethodPost {
			r.ParseForm()
			if r.PostForm.Get("channelId") != "4021" {
				http.Error(w, "bad form", http.StatusBadRequest)
				return
			}
			n, _ = strconv.Atoi(r.PostForm.Get("pageNo"))
		}
		if n < 1 || n > len(postPages) {
			http.Error(w, "no such page", http.StatusBadRequest)
			return
		}
		var pager strings.Builder
		for i := 1; i <= len(postPages); i++ {
			fmt.Fprintf(&pager, `<a href="javascript:goPage(%d)">%d</a> `, i, i)
		}
		if n < len(postPages) {
			fmt.Fprintf(&pager, `<a href="javascript:void(0)" onclick="goPage(%d)">下一页</a>`, n+1)
		}
		fmt.Fprintf(w, chrome("年度报告", listHTML(postPages[n-1])+`<form id="pageForm" action="/col/list.do" method="post">
<input type="hidden" name="channelId" value="4021"><input type="hidden" name="pageNo" value="%d"><input type="hidden" name="pageSize" value="2"></form>
<div class="pager">共%d页 %s <a href="/cms/preview/list.do">预览</a></div>
<script>function goPage(n){ var f=document.getElementById("pageForm"); f.pageNo.value=n; f.submit(); }</script>`), n, len(postPages), pager.String())
	})

	// A 412 challenge in front of everything (robots.txt too): a script
	// sets the clearance cookie and reloads, as 瑞数-style WAFs do.
	rg.passes = newVsite(t, "passes", "127.0.0.1:0", "User-agent: *\nDisallow: /internal/\n")
	ps := rg.passes
	ps.gate = func(w http.ResponseWriter, r *http.Request) bool {
		if c, err := r.Cookie("gk_clearance"); err == nil && c.Value == "ok-7f3a" {
			return false
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusPreconditionFailed)
		io.WriteString(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><script>var _0x1=["gk_clearance","ok-","7f3a"];document.cookie=_0x1[0]+"="+_0x1[1]+_0x1[2]+"; path=/";location.reload();</script></head><body></body></html>`)
		return true
	}
	passEntries := []entry{
		{"/ndbg/t1.html", "示例街道2021年政府信息公开工作年度报告", "example-2021.docx"},
		{"/ndbg/t2.docx", "示例街道2023年政府信息公开工作年度报告", "city-large.docx"},
		{"/internal/t3.docx", "示例街道2019年政府信息公开工作年度报告", "template-2019.docx"},
	}
	add(ps, passEntries[:2]...)
	ps.html("/ndbg/index.html", chrome("政府信息公开年报", listHTML(passEntries)))
	ps.report(t, passEntries[2].path, passEntries[2].file)

	// A column one of whose reports is behind a challenge that never
	// passes (a wrong cookie, reloading for ever).
	rg.never = newVsite(t, "never", "127.0.0.1:0", "User-agent: *\nDisallow:\n")
	nv := rg.never
	nv.gate = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/ndbg/t2.html" {
			return false
		}
		w.WriteHeader(http.StatusPreconditionFailed)
		io.WriteString(w, `<html><head><script>document.cookie="FSSBBIl1UgzbN7N80T=nope"; setTimeout(function(){location.reload()}, 50);</script></head><body></body></html>`)
		return true
	}
	neverEntries := []entry{
		{"/ndbg/t1.docx", "示例乡2010年政府信息公开工作年度报告", "legacy-2010.docx"},
		{"/ndbg/t2.html", "示例乡2023年政府信息公开工作年度报告", ""},
	}
	add(nv, neverEntries[0])
	nv.html("/ndbg/index.html", chrome("政府信息公开年报", listHTML(neverEntries)))

	// A whole site behind a 521 challenge (加速乐-style cookie) that
	// never passes.
	rg.wall = newVsite(t, "wall", "127.0.0.1:0", "User-agent: *\nDisallow:\n")
	rg.wall.gate = func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Add("Set-Cookie", "__jsluid_h=0b1c; path=/")
		w.WriteHeader(521)
		io.WriteString(w, `<script>document.cookie=('_')+('_jsl_clearance')+('=1700000000.1|0|x')+';path=/';location.href=location.pathname+location.search</script>`)
		return true
	}
	return rg
}

// sitesFile writes the region's --sites file.
func (rg *region) sitesFile(t *testing.T) string {
	lines := []string{
		"# a region: sites, their offices and regions",
		rg.home.url("/") + "\toffice=示例县人民政府\tregion=321322\tdiscover",
		rg.avalon.url("/") + "\toffice=示例市人民政府\tdiscover",
		rg.post.url("/col/list.do") + "\toffice=示例区人民政府",
		rg.passes.url("/ndbg/index.html") + "\toffice=示例街道办事处",
		rg.never.url("/ndbg/index.html") + "\toffice=示例乡人民政府",
		rg.wall.url("/") + "\toffice=示例镇人民政府\tdiscover",
	}
	f := t.TempDir() + "/sites.txt"
	if err := os.WriteFile(f, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func (rg *region) sites() []*vsite {
	return []*vsite{rg.home, rg.platform, rg.avalon, rg.post, rg.passes, rg.never, rg.wall}
}

func readSites(t *testing.T, file string) []crawl.Seed {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seeds, err := crawl.ReadSites(f)
	if err != nil {
		t.Fatal(err)
	}
	return seeds
}

func needChromium(t *testing.T) string {
	t.Helper()
	p, err := crawl.FindChromium()
	if err != nil {
		t.Skip("browser test: no chromium in PATH (Debian: apt-get install -y chromium)")
	}
	return p
}

// logSites writes the per-site table of a crawl (for the note).
func logSites(t *testing.T, label string, res crawl.Result) {
	t.Logf("%s: %d requests in %s", label, res.Requests, res.Elapsed.Round(time.Millisecond))
	for _, s := range res.Sites {
		col := "(start URL)"
		if s.Column != nil {
			col = s.Column.URL + " via " + strings.Join(s.Column.Via, " › ")
			if s.Column.Stored {
				col += " (stored)"
			}
		}
		per := "-"
		if s.Reports > 0 {
			per = fmt.Sprintf("%.1f", float64(s.Requests)/float64(s.Reports))
		}
		t.Logf("  %-28s reports %d new %d unchanged %d failed %d blocked %d rendered %d endpoint %q requests %d (%s/report) %s  column %s",
			s.Seed.URL, s.Reports, s.New, s.Unchanged, s.Failed, len(s.Blocked), s.Rendered, s.Endpoint, s.Requests, per,
			s.Elapsed.Round(time.Millisecond), col)
		for _, b := range s.Blocked {
			t.Logf("    blocked %s: %v", b.URL, b.Err)
		}
		for _, n := range s.NeedBrowser {
			t.Logf("    needs a browser: %s", n)
		}
	}
}

func siteOf(res crawl.Result, u string) crawl.SiteResult {
	for _, s := range res.Sites {
		if s.Seed.URL == u {
			return s
		}
	}
	return crawl.SiteResult{}
}

// TestCrawl_Region crawls the loopback region from its --sites file with a
// real headless Chromium: the chain's column is found across the platform
// host, the avalon list is read through its JSON endpoint, the POST pages
// are posted, the 412 challenge is passed by the browser, the challenges
// that never pass are recorded as blocked. Every report arrives exactly
// once; nothing robots.txt forbids is fetched. A second crawl resumes from
// the state: stored columns, the stored endpoint, no browser.
func TestCrawl_Region(t *testing.T) {
	chromium := needChromium(t)
	rg := newRegion(t)
	seeds := readSites(t, rg.sitesFile(t))
	st, state := openArchive(t)
	opt := fastOptions(t)
	opt.Chromium = chromium
	opt.Parallel = 4

	res, sum := run(t, st, state, seeds, opt)
	logSites(t, "first crawl", res)
	t.Logf("import: %+v", sum)

	for _, s := range rg.sites() {
		s.checkRobots(t)
	}
	// Every report arrived exactly once: one 200 for its URL, one source,
	// a report parsed from it.
	for u, file := range rg.reports {
		pu, _ := url.Parse(u)
		var srv *vsite
		for _, s := range rg.sites() {
			if s.host() == pu.Host {
				srv = s
			}
		}
		if n := srv.got200(pu.Path); n != 1 {
			t.Errorf("%s (%s): answered 200 %d times, want 1", u, file, n)
		}
		if n := count(t, st, `SELECT count(*) FROM sources s JOIN reports r ON r.sha256 = s.sha256 WHERE s.path = ?`, u); n != 1 {
			t.Errorf("%s (%s): %d report sources, want 1", u, file, n)
		}
	}
	if n := count(t, st, `SELECT count(*) FROM reports`); n != len(rg.reports) {
		t.Errorf("%d reports in the archive, want %d", n, len(rg.reports))
	}
	// The chain: the column on the platform host, found by its links.
	home := siteOf(res, rg.home.url("/"))
	if home.Column == nil || home.Column.URL != rg.platform.url("/zdgk/ndbg/index.html") {
		t.Fatalf("chain: column %+v, want the platform's 年报 column", home.Column)
	}
	if got := strings.Join(home.Column.Via, "/"); got != "政务公开/政府信息公开平台/法定主动公开内容/政府信息公开年报" {
		t.Errorf("chain: via %q", got)
	}
	if home.Reports != 5 || home.New != 7 { // 5 reports listed (/private/ left alone), their 5 documents, 1 attachment, 1 image
		t.Errorf("chain: %d reports, %d new; want 5 and 7", home.Reports, home.New)
	}
	// The image of a report page's body is one of its sources, with the
	// page as referrer, neither report nor failure; the footer's badge was
	// left alone.
	scan := rg.platform.url("/zdgk/ndbg/W020230301_scan.png")
	if n := count(t, st, `SELECT count(*) FROM sources WHERE path = ? AND referrer = ?`, scan, rg.platform.url(chain1Wrapper)); n != 1 {
		t.Errorf("the scan in the report page's body: %d sources with the page as referrer, want 1", n)
	}
	if n := count(t, st, `SELECT count(*) FROM failures WHERE path = ?`, scan); n != 0 {
		t.Errorf("the scan was recorded as a failure")
	}
	if rg.platform.got200("/zdgk/ndbg/W020230301_scan.png") != 1 || rg.platform.got200("/images/badge.png") != 0 {
		t.Errorf("images: scan fetched %d times, badge %d; want 1 and 0", rg.platform.got200("/zdgk/ndbg/W020230301_scan.png"), rg.platform.got200("/images/badge.png"))
	}
	if rg.home.got200("/hdjl/") != 0 || rg.home.got200("/xwzx/t2.html") != 0 || rg.home.got200("/zwgk/gkzn/") != 0 {
		t.Errorf("chain: discovery followed links that do not lead to the column")
	}
	// avalon: rendered once, then the endpoint.
	av := siteOf(res, rg.avalon.url("/"))
	if av.Column == nil || av.Column.URL != rg.avalon.url("/xxgk/ndbg/") || !av.Column.Render {
		t.Errorf("avalon: column %+v, want /xxgk/ndbg/ (script-built)", av.Column)
	}
	if av.Endpoint == "" || av.Rendered != 1 || av.Reports != 5 {
		t.Errorf("avalon: endpoint %q, %d rendered, %d reports; want the endpoint, 1 and 5", av.Endpoint, av.Rendered, av.Reports)
	}
	api := map[string]int{}
	for _, h := range rg.avalon.log() {
		if strings.HasPrefix(h.uri, "/api/list") {
			api[h.uri]++
		}
	}
	for uri, n := range api {
		if n != 1 {
			t.Errorf("avalon: %s asked %d times, want once", uri, n)
		}
	}
	if len(api) != 4 { // pages 1 (browser), 2, 3, and the empty 4th
		t.Errorf("avalon: endpoint pages asked %v, want pageNo 1–4", api)
	}
	// POST: pages 2 and 3 posted once each, page 1 never posted.
	posts := map[string]int{}
	for _, h := range rg.post.log() {
		if h.method == http.MethodPost {
			v, _ := url.ParseQuery(h.body)
			posts[v.Get("pageNo")]++
		}
	}
	if posts["2"] != 1 || posts["3"] != 1 || posts["1"] != 0 || len(posts) != 2 {
		t.Errorf("post: pages posted %v, want 2 and 3 once each", posts)
	}
	// The challenge the browser passes: nothing blocked there.
	pass := siteOf(res, rg.passes.url("/ndbg/index.html"))
	if len(pass.Blocked) != 0 || pass.New != 2 {
		t.Errorf("passing challenge: %d blocked, %d new; want 0 and 2", len(pass.Blocked), pass.New)
	}
	// The challenges that never pass are blocked, with reasons, in the
	// result, the state and the catalog's failures; never imported.
	nv := siteOf(res, rg.never.url("/ndbg/index.html"))
	if len(nv.Blocked) != 1 || nv.Blocked[0].URL != rg.never.url("/ndbg/t2.html") || nv.New != 1 {
		t.Errorf("never: blocked %+v, %d new; want t2.html blocked and 1 new", nv.Blocked, nv.New)
	}
	wall := siteOf(res, rg.wall.url("/"))
	if wall.Column == nil || wall.Column.URL != "" || len(wall.Blocked) != 1 || wall.Blocked[0].URL != rg.wall.url("/") {
		t.Errorf("wall: column %+v blocked %+v; want no column and the home page blocked", wall.Column, wall.Blocked)
	}
	if n := count(t, st, `SELECT count(*) FROM failures WHERE reason = 'blocked' AND path = ?`, rg.never.url("/ndbg/t2.html")); n != 1 {
		t.Errorf("never: %d blocked failures in the catalog, want 1", n)
	}
	if n := count(t, st, `SELECT count(*) FROM sources WHERE path = ?`, rg.never.url("/ndbg/t2.html")); n != 0 {
		t.Errorf("never: the challenge page was imported (%d sources)", n)
	}
	status, err := state.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	blocked := map[string]string{}
	for _, s := range status {
		for _, b := range s.Blocked {
			blocked[b.URL] = b.Error
		}
	}
	if len(blocked) != 2 || !strings.Contains(blocked[rg.never.url("/ndbg/t2.html")], "challenge") ||
		!strings.Contains(blocked[rg.wall.url("/")], "521") {
		t.Errorf("state: blocked %v, want t2.html and the wall's home with reasons", blocked)
	}

	// Second crawl: resumes from the state.
	for _, s := range rg.sites() {
		s.reset()
	}
	res2, sum2 := run(t, st, state, seeds, opt)
	logSites(t, "second crawl", res2)
	t.Logf("import: %+v", sum2)
	if sum2.Imported != 0 {
		t.Errorf("second crawl imported %d, want 0", sum2.Imported)
	}
	if rg.home.got200("/") != 0 || rg.home.got200("/zwgk/") != 0 {
		t.Errorf("second crawl: discovery ran again instead of taking the stored column")
	}
	av2 := siteOf(res2, rg.avalon.url("/"))
	if av2.Rendered != 0 || av2.Endpoint == "" {
		t.Errorf("second crawl: avalon rendered %d pages (endpoint %q); want the stored endpoint and no browser", av2.Rendered, av2.Endpoint)
	}
	for _, h := range rg.avalon.log() {
		if h.browser {
			t.Errorf("second crawl: the browser asked avalon for %s", h.uri)
		}
	}
	for _, s := range rg.sites() {
		s.checkRobots(t)
	}
}

// TestCrawl_RegionWithoutBrowser crawls the same region with no browser:
// the chain and the POST pages are crawled all the same, the avalon page
// is reported as needing a browser (with its markers), and every challenge
// is blocked with a reason saying there was no browser to retry in.
func TestCrawl_RegionWithoutBrowser(t *testing.T) {
	rg := newRegion(t)
	seeds := readSites(t, rg.sitesFile(t))
	st, state := openArchive(t)
	opt := fastOptions(t)
	opt.Chromium = "-"
	res, sum := run(t, st, state, seeds, opt)
	logSites(t, "crawl without a browser", res)
	t.Logf("import: %+v", sum)
	for _, s := range rg.sites() {
		s.checkRobots(t)
	}
	home := siteOf(res, rg.home.url("/"))
	if home.Column == nil || home.Column.URL != rg.platform.url("/zdgk/ndbg/index.html") || home.New != 7 {
		t.Errorf("chain: column %+v, %d new", home.Column, home.New)
	}
	if po := siteOf(res, rg.post.url("/col/list.do")); po.Reports != 6 || po.New != 6 {
		t.Errorf("post: %d reports, %d new; want 6 and 6", po.Reports, po.New)
	}
	av := siteOf(res, rg.avalon.url("/"))
	if len(av.NeedBrowser) != 1 || !strings.Contains(av.NeedBrowser[0], rg.avalon.url("/xxgk/ndbg/")) || !strings.Contains(av.NeedBrowser[0], "ms-repeat") {
		t.Errorf("avalon: needs-browser %q, want the column page with its markers", av.NeedBrowser)
	}
	ps := siteOf(res, rg.passes.url("/ndbg/index.html"))
	if len(ps.Blocked) != 1 || !strings.Contains(ps.Blocked[0].Err.Error(), "no browser") {
		t.Errorf("passes: blocked %+v, want the column blocked for want of a browser", ps.Blocked)
	}
	for _, s := range rg.sites() {
		for _, h := range s.log() {
			if h.browser {
				t.Errorf("%s: a browser asked for %s", s.name, h.uri)
			}
		}
	}
	// Challenge pages are never documents.
	if n := count(t, st, `SELECT count(*) FROM failures WHERE reason = 'blocked'`); n != 1 { // never's t2.html
		t.Errorf("%d blocked documents in the catalog, want 1", n)
	}
	want := 5 + 6 + 1 // chain, post, never's good report
	if n := count(t, st, `SELECT count(*) FROM reports`); n != want {
		t.Errorf("%d reports, want %d", n, want)
	}
	var names []string
	for _, s := range res.Sites {
		names = append(names, s.Seed.URL)
	}
	sort.Strings(names)
	if len(res.Sites) != 6 {
		t.Errorf("%d site results, want 6: %v", len(res.Sites), names)
	}
}

// TestCrawl_DryRun prints what would be crawled and fetches no report.
func TestCrawl_DryRun(t *testing.T) {
	rg := newRegion(t)
	opt := fastOptions(t)
	opt.Chromium = "-"
	opt.DryRun = true
	res, err := crawl.Crawl(context.Background(), []crawl.Seed{{URL: rg.home.url("/"), Discover: true}, {URL: rg.post.url("/col/list.do")}}, opt,
		func(_ context.Context, d crawl.Document) error {
			t.Errorf("dry run handed over %s", d.Origin.Path)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	home, po := res.Sites[0], res.Sites[1]
	if len(home.Planned) != 5 || len(po.Planned) != 6 { // /private/ is not planned: robots.txt forbids it
		t.Errorf("planned %d and %d reports, want 5 and 6", len(home.Planned), len(po.Planned))
	}
	for _, p := range append(home.Planned, po.Planned...) {
		if !crawl.IsReportTitle(p.Title) {
			t.Errorf("planned %q (%s)", p.Title, p.URL)
		}
	}
	for _, s := range rg.sites() {
		for _, h := range s.log() {
			if strings.Contains(h.uri, "/t2") || strings.HasSuffix(h.uri, ".pdf") || strings.HasPrefix(h.uri, "/art/") {
				t.Errorf("dry run fetched %s from %s", h.uri, s.name)
			}
		}
	}
}
