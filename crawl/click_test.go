package crawl_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"gongkai/crawl"
)

// TestCrawl_ClickPagination: a vue-style column whose entries sit in a
// script (no JSON endpoint) and whose pages are drawn by clicking 下一页.
// The browser clicks through all three pages; a request robots.txt forbids
// (the page's own XHR to /search/) never reaches the site; every request,
// the browser's included, keeps to the rate limit; --render reads it again.
func TestCrawl_ClickPagination(t *testing.T) {
	chromium := needChromium(t)
	s := newVsite(t, "vue", "127.0.0.1:0", "User-agent: *\nDisallow: /search/\n")
	// The template library comes from another host (a CDN); so does a
	// JSON file the page asks for, which the browser must not fetch.
	cdn := newVsite(t, "cdn", "127.0.0.2:0", "User-agent: *\nDisallow:\n")
	cdn.static("/libs/mini-vue.js", "application/javascript", []byte(`window.miniVue = { item: function (e) {
  var li = document.createElement("li"), a = document.createElement("a");
  a.href = e.url; a.textContent = e.title; li.appendChild(a); return li; } };`))
	cdn.static("/data/extra.json", "application/json", []byte(`{"list":[]}`))
	entries := []entry{
		{"/ndbg/v1.html", "示例县水利局2022年政府信息公开工作年度报告", "straggler-2022-on-2019.html"},
		{"/ndbg/v2.html", "示例县水利局2016年政府信息公开工作年度报告", "legacy-2016-stats.html"},
		{"/ndbg/v3.pdf", "示例县水利局2021年政府信息公开工作年度报告", "example-2021.pdf"},
		{"/ndbg/v4.docx", "示例县水利局2023年政府信息公开工作年度报告", "city-large.docx"},
		{"/ndbg/v5.html", "示例县水利局2019年政府信息公开工作年度报告", "template-2019.html"},
	}
	for _, e := range entries {
		s.report(t, e.path, e.file)
	}
	var data []map[string]string
	for _, e := range entries {
		data = append(data, map[string]string{"url": e.path, "title": e.title})
	}
	js, _ := json.Marshal(data)
	s.html("/ndbg/", `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>
<div id="app"><ul id="list"><li v-for="item in items"><a :href="item.url">{{ item.title }}</a></li></ul>
<div class="pagination"><button class="btn-prev">上一页</button> <button class="btn-next" id="next">下一页</button></div></div>
<script src="`+cdn.url("/libs/mini-vue.js")+`"></script>
<script>
var data = `+string(js)+`, page = 0, size = 2;
function draw() {
  var ul = document.getElementById("list");
  ul.innerHTML = "";
  data.slice(page * size, (page + 1) * size).forEach(function (e) { ul.appendChild(window.miniVue.item(e)); });
  var n = document.getElementById("next");
  if ((page + 1) * size >= data.length) { n.disabled = true; n.className = "btn-next is-disabled"; }
}
document.getElementById("next").onclick = function () { if ((page + 1) * size < data.length) { page++; setTimeout(draw, 100); } };
draw();
var x = new XMLHttpRequest(); x.open("GET", "/search/hot.json"); x.send();
var y = new XMLHttpRequest(); y.open("GET", "`+cdn.url("/data/extra.json")+`"); y.send();
</script></body></html>`)
	st, state := openArchive(t)
	opt := fastOptions(t)
	opt.Chromium = chromium
	opt.Rate = 10
	seeds := []crawl.Seed{{URL: s.url("/ndbg/")}}

	res, _ := run(t, st, state, seeds, opt)
	logSites(t, "click pagination", res)
	site := res.Sites[0]
	if site.Rendered != 3 || site.Reports != 5 || site.New != 5 || site.Endpoint != "" {
		t.Errorf("%d pages rendered, %d reports, %d new, endpoint %q; want 3, 5, 5 and none", site.Rendered, site.Reports, site.New, site.Endpoint)
	}
	for _, e := range entries {
		if n := s.got200(e.path); n != 1 {
			t.Errorf("%s answered 200 %d times, want 1", e.path, n)
		}
	}
	if n := count(t, st, `SELECT count(*) FROM reports`); n != 5 {
		t.Errorf("%d reports, want 5", n)
	}
	s.checkRobots(t)
	browser := 0
	for _, h := range s.log() {
		if h.browser {
			browser++
		}
	}
	if browser != 1 {
		t.Errorf("the browser made %d requests, want 1 (the listing; no images, no /search/, clicks without loads)", browser)
	}
	checkRate(t, s, opt.Rate)
	var cdnAsked []string
	for _, h := range cdn.log() {
		cdnAsked = append(cdnAsked, h.uri)
	}
	if strings.Join(cdnAsked, " ") != "/robots.txt /libs/mini-vue.js" {
		t.Errorf("the CDN host was asked for %v, want its robots.txt and the script only", cdnAsked)
	}

	// --render reads the listing in the browser again (no endpoint to use);
	// the reports are unchanged.
	s.reset()
	opt.Render = true
	res2, sum2 := run(t, st, state, seeds, opt)
	logSites(t, "click pagination, --render", res2)
	if r := res2.Sites[0]; r.Rendered != 3 || r.Unchanged != 5 || sum2.Imported != 0 {
		t.Errorf("--render: %d rendered, %d unchanged, %d imported; want 3, 5, 0", r.Rendered, r.Unchanged, sum2.Imported)
	}
	checkRate(t, s, opt.Rate)
}

// checkRate fails the test when requests reached the site faster than the
// rate allows: any run of k+1 consecutive requests must span at least k
// intervals. The limiter spaces the starts of requests on the client;
// arrival times at the server move with connection set-up and scheduling
// on a loaded machine (load averages of 30–45 seen here), hence 75 ms of
// slack on every span, which still catches any burst of three.
func checkRate(t *testing.T, s *vsite, rate float64) {
	t.Helper()
	interval := time.Duration(float64(time.Second) / rate)
	hs := s.log()
	for i := range hs {
		for j := i + 1; j < len(hs); j++ {
			if d, want := hs[j].at.Sub(hs[i].at), time.Duration(j-i)*interval-75*time.Millisecond; d < want {
				t.Errorf("%s … %s: %d requests in %v (browser %v/%v), faster than %.0f/s", hs[i].uri, hs[j].uri, j-i+1, d, hs[i].browser, hs[j].browser, rate)
			}
		}
	}
}
