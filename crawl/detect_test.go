package crawl

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestChallenge(t *testing.T) {
	u, _ := url.Parse("http://www.example.gov.cn/xxgk/ndbg/index.html")
	cookie := func(v string) http.Header { h := http.Header{}; h.Add("Set-Cookie", v); return h }
	page := `<html><head><title>政府信息公开年报</title></head><body><ul><li><a href="t1.html">示例县2023年政府信息公开工作年度报告</a></li></ul>
<p>主办单位：示例县人民政府办公室 地址：示例县人民路1号 联系电话：0000-0000000 网站标识码 3213220037 政府网站找错 适老化无障碍服务</p><script src="/js/common.js"></script></body></html>`
	for _, c := range []struct {
		name   string
		status int
		h      http.Header
		body   string
		want   string // a word of the reason; "" for not a challenge
	}{
		{"ruishu 412", 412, nil, `<!DOCTYPE html><html><head><meta charset="utf-8"><script type="text/javascript" r='m'>$_ts=window['$_ts'];</script><script src="/abc.js"></script></head><body></body></html>`, "script-only"},
		{"jsl 521", 521, cookie("__jsluid_h=abc; path=/"), `<script>document.cookie=('_')+('_jsl_clearance')+'=1';location.href=location.pathname</script>`, "__jsluid_h"},
		{"waf 202", 202, nil, `<html><script>var a=1;document.cookie="acw_sc__v2="+a;location.reload()</script></html>`, "202"},
		{"captcha 412", 412, nil, `<html><body><p>请输入验证码后继续访问</p><script>x()</script></body></html>`, "CAPTCHA"},
		{"cookie on 200", 200, cookie("FSSBBIl1UgzbN7N80T=xyz"), `<html><head><script>eval(x)</script></head><body></body></html>`, "FSSBBIl1UgzbN7N80T"},
		{"refresh loop", 200, nil, `<html><head><meta http-equiv="refresh" content="0; url=/xxgk/ndbg/index.html?t=1"></head><body></body></html>`, "refreshes itself"},
		{"refresh elsewhere", 200, nil, `<html><head><meta http-equiv="refresh" content="0; url=/new/ndbg/"></head><body></body></html>`, ""},
		{"a real page", 200, cookie("JSESSIONID=1"), page, ""},
		{"a real page with a WAF cookie", 200, cookie("acw_tc=1"), page, ""},
		{"412 of an API with text", 412, nil, `{"error":"precondition failed: the If-Match header does not match the current version of this resource"}`, ""},
		{"a real 202 page", 202, nil, page, ""},
		{"503 with script", 503, nil, `<script>x()</script>`, ""},
	} {
		got := challenge(u, c.status, c.h, []byte(c.body))
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s: challenge %q, want one saying %q", c.name, got, c.want)
		}
	}
}

func TestNavScore(t *testing.T) {
	for _, c := range []struct {
		text, href string
		want       int
	}{
		{"政府信息公开年报", "/col/col123/index.html", 4},
		{"年度报告", "/xxgk/", 4},
		{"政务公开", "/zwgk/", 2},
		{"政府信息公开平台", "http://xxgk.example.gov.cn/", 2},
		{"法定主动公开内容", "/fdzdgknr/", 2},
		{"", "/xxgk/ndbg/", 3},
		{"更多", "/zfxxgk/", 1},
		{"政府信息公开指南", "/xxgk/gkzn/", 0},
		{"依申请公开", "/ysqgk/", 0},
		{"政策解读", "/xxgk/zcjd/", 0},
		{"法治政府建设年度报告", "/fzzf/", 0},
		{"示例县2023年政府信息公开工作年度报告", "/xxgk/ndbg/t1.html", 0},
		{"新闻中心", "/xwzx/", 0},
	} {
		u, _ := url.Parse("http://www.example.gov.cn/")
		u, _ = u.Parse(c.href)
		if got := navScore(c.text, u); got != c.want {
			t.Errorf("navScore(%q, %s) = %d, want %d", c.text, c.href, got, c.want)
		}
	}
	if regDomain("www.example.gov.cn:8080") != "example.gov.cn" || regDomain("xxgk.example.gov.cn") != "example.gov.cn" ||
		regDomain("127.0.0.2:80") != "127.0.0.2" || regDomain("other.gov.cn") == "example.gov.cn" {
		t.Errorf("regDomain: %s %s %s", regDomain("www.example.gov.cn:8080"), regDomain("xxgk.example.gov.cn"), regDomain("127.0.0.2:80"))
	}
}

func TestJSONListing(t *testing.T) {
	base, _ := url.Parse("http://www.example.gov.cn/xxgk/ndbg/")
	data := `{"code":200,"data":{"total":3,"rows":[
	 {"DOCTITLE":"示例县2023年政府信息公开工作年度报告","DOCPUBURL":"http://www.example.gov.cn/xxgk/ndbg/202401/t20240117_1.html","DOCRELTIME":"2024-01-17 09:00:00"},
	 {"DOCTITLE":"关于《示例县2023年政府信息公开工作年度报告》的解读","DOCPUBURL":"/xxgk/zcjd/t2.html","DOCRELTIME":"2024-01-18"},
	 {"DOCTITLE":"示例县<em>2022</em>年政府信息公开工作年度报告","DOCPUBURL":"../ndbg/t3.pdf","DOCRELTIME":"2023-01-20"}]}}`
	got := jsonReports([]byte(data), base)
	if len(got) != 2 || got[0].URL != "http://www.example.gov.cn/xxgk/ndbg/202401/t20240117_1.html" || got[0].Date != "2024-01-17" ||
		got[1].URL != "http://www.example.gov.cn/xxgk/ndbg/t3.pdf" || got[1].Title != "示例县2022年政府信息公开工作年度报告" {
		t.Errorf("jsonReports: %+v", got)
	}
	for _, c := range []struct {
		rq       request
		param    string
		next     string // the request of the next page (URL or body)
		notPaged bool
	}{
		{rq: request{URL: "http://h/api/list?channelId=1&pageNo=1&pageSize=20"}, param: "pageNo", next: "http://h/api/list?channelId=1&pageNo=2&pageSize=20"},
		{rq: request{Method: "POST", URL: "http://h/api/list", Body: "columnId=7&page.pageIndex=0&page.pageSize=10"}, param: "page.pageIndex", next: "columnId=7&page.pageIndex=1&page.pageSize=10"},
		{rq: request{Method: "POST", URL: "http://h/api/list", Body: `{"siteId":3,"curPage":"1","rows":15}`, ContentType: "application/json"}, param: "curPage", next: `{"curPage":"2","rows":15,"siteId":3}`},
		{rq: request{URL: "http://h/api/list?channelId=1&pageSize=20"}, notPaged: true},
	} {
		e, ok := pagedEndpoint(c.rq)
		if ok == c.notPaged || (ok && e.Param != c.param) {
			t.Errorf("pagedEndpoint(%+v) = %+v, %v", c.rq, e, ok)
			continue
		}
		if !ok {
			continue
		}
		n := e.at(e.Page + 1)
		if got := n.URL; c.rq.Body != "" {
			got = n.Body
			if got != c.next {
				t.Errorf("next page of %+v: %s, want %s", c.rq, got, c.next)
			}
		} else if got != c.next {
			t.Errorf("next page of %+v: %s, want %s", c.rq, got, c.next)
		}
	}
}

func TestPostAndScriptPagination(t *testing.T) {
	base, _ := url.Parse("http://www.example.gov.cn/col/list.do")
	page := `<html><body><ul><li><a href="/art/1.html">示例县2023年政府信息公开工作年度报告</a></li></ul>
<form name="f" action="list.do" method="POST"><input type="hidden" name="channelId" value="9"><input type="hidden" name="pageNo" value="2"><input type="submit" value="go"></form>
<div class="pages">共4页 <a href="javascript:goPage(1)">首页</a> <a href="javascript:void(0)" onclick="goPage(3)">下一页</a> <a href="javascript:goPage(4)">尾页</a></div>
<div><a href="javascript:location.href='list_5.html'">5</a> <a href="javascript:window.open('/other/x.html')">外链</a></div></body></html>`
	l, err := parseLinks(page, base)
	if err != nil {
		t.Fatal(err)
	}
	var posts, gets []string
	for _, p := range l.Pages {
		if p.Method == "POST" {
			posts = append(posts, p.Body)
		} else {
			gets = append(gets, p.URL)
		}
	}
	want := map[string]bool{"channelId=9&pageNo=1": true, "channelId=9&pageNo=3": true, "channelId=9&pageNo=4": true}
	if len(posts) != 3 {
		t.Errorf("POST pages %v, want pages 1, 3 and 4", posts)
	}
	for _, p := range posts {
		if !want[p] {
			t.Errorf("POST page %q", p)
		}
	}
	if len(l.Same) != 1 || l.Same[0].Body != "channelId=9&pageNo=2" || l.Same[0].URL != "http://www.example.gov.cn/col/list.do" {
		t.Errorf("the page itself: %+v", l.Same)
	}
	if len(gets) != 1 || gets[0] != "http://www.example.gov.cn/col/list_5.html" {
		t.Errorf("javascript: page links %v, want list_5.html only", gets)
	}
	vue := `<div id="app"><li v-for="x in items"><a :href="x.url">{{x.title}}</a></li></div><script src="vue.js"></script>`
	if l, _ := parseLinks(vue, base); !l.scripted() || !strings.Contains(strings.Join(l.Markers, " "), "v-for") {
		t.Errorf("vue page: markers %v, scripted %v", l.Markers, l.scripted())
	}
}
