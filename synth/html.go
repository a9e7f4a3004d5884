package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// RenderHTML renders a report as a GBK-encoded government page declaring
// charset=gb2312: site chrome (banner, navigation, breadcrumb 当前位置, the
// metadata table 索引号/发布机构/发布日期, 浏览次数, related links, 上一篇/下一篇,
// footer with 网站标识码, ICP备 and phone), and the report body as pasted from
// Word (text split into <span> runs, <o:p></o:p>, &nbsp; padding, mso-
// styles) with the template tables' rowspan/colspan exactly as printed.
func RenderHTML(s Spec) []byte {
	return renderHTML(s, buildModel(&s))
}

func renderHTML(s Spec, m *model) []byte {
	r := renderRand(&s, 1)
	var b strings.Builder
	b.Grow(64 << 10)
	c := chromeFor(&s, r)
	writeHead(&b, &s, c)
	writeBody(&b, m, r)
	writeFoot(&b, &s, c, r)
	enc := encoding.ReplaceUnsupported(simplifiedchinese.GBK.NewEncoder())
	out, err := enc.String(b.String())
	if err != nil { // unreachable with ReplaceUnsupported; keep the UTF-8 page rather than nothing
		return []byte(b.String())
	}
	return []byte(out)
}

// chrome is the site furniture of a page.
type chrome struct {
	site, domain, siteID, column, publisher, pubTime string
}

func chromeFor(s *Spec, r *rand.Rand) chrome {
	t := &s.Truth
	o := officeOf(s)
	code := t.Region.Code
	return chrome{
		site: o.parent, domain: "www." + o.site, siteID: fmt.Sprintf("%s%04d", code, r.IntN(10000)),
		column: pick(r, []string{"政府信息公开年报", "年度报告", "政府信息公开年度报告"}), publisher: s.Signer,
		pubTime: fmt.Sprintf("%s %02d:%02d", t.Published, 8+r.IntN(10), r.IntN(60)),
	}
}

func writeHead(b *strings.Builder, s *Spec, c chrome) {
	t := &s.Truth
	title := htmlEscaper.Replace(t.Title)
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>%s_%s</title>
<meta name="SiteName" content="%s" />
<meta name="SiteDomain" content="%s" />
<meta name="SiteIDCode" content="%s" />
<meta name="ColumnName" content="%s" />
<meta name="ArticleTitle" content="%s" />
<meta name="PubDate" content="%s" />
<meta name="ContentSource" content="%s" />
<link rel="stylesheet" type="text/css" href="/images/style.css" />
<script type="text/javascript" src="/js/jquery.min.js"></script>
</head>
<body>
<div class="top"><div class="logo"><a href="/">%s</a></div><div class="search"><input type="text" name="q" value="请输入关键字" /><a href="/search/">搜索</a></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxx/">走进%s</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfxxgk/">政府信息公开</a> &gt; <a href="/zwgk/zfxxgk/ndbg/">%s</a></div>
<table class="xxgk_table" width="100%%" border="0" cellspacing="0" cellpadding="0">
<tr><td class="t1">索引号：</td><td>%s</td><td class="t1">分类：</td><td>%s</td></tr>
<tr><td class="t1">发布机构：</td><td>%s</td><td class="t1">发布日期：</td><td>%s</td></tr>
<tr><td class="t1">名称：</td><td colspan="3">%s</td></tr>
<tr><td class="t1">文号：</td><td></td><td class="t1">有效性：</td><td>有效</td></tr>
</table>
<div class="article">
<h1 class="art_title">%s</h1>
<div class="art_info">发布时间：%s&nbsp;&nbsp;来源：%s&nbsp;&nbsp;浏览次数：<span id="hits"><script type="text/javascript">document.write(getHits("%s"));</script></span>&nbsp;&nbsp;【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</div>
<div class="TRS_Editor" id="zoom">
`, title, c.site, c.site, c.domain, c.siteID, c.column, title, c.pubTime, htmlEscaper.Replace(s.Signer),
		c.site, shortPlace(c.site), c.column, s.IndexNo, c.column, htmlEscaper.Replace(c.publisher), t.Published, title,
		title, c.pubTime, htmlEscaper.Replace(t.Office), s.ID)
}

// shortPlace is the place name of a government (晋江市人民政府 → 晋江).
func shortPlace(site string) string {
	p := strings.TrimSuffix(site, "人民政府")
	if r := []rune(p); len(r) > 2 {
		return string(r[len(r)-3 : len(r)-1])
	}
	return p
}

func writeFoot(b *strings.Builder, s *Spec, c chrome, r *rand.Rand) {
	o := officeOf(s)
	b.WriteString("</div>\n<div class=\"related\"><h3>相关链接</h3><ul>\n")
	for _, l := range []string{"政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"} {
		fmt.Fprintf(b, "<li><a href=\"/zwgk/zfxxgk/%d/\">%s</a></li>\n", r.IntN(900)+100, l)
	}
	y := s.Truth.Year
	fmt.Fprintf(b, `</ul></div>
<div class="pagenav"><p>上一篇：<a href="/zwgk/zfxxgk/ndbg/%d/t%d_%d.html">%s%d年政府信息公开工作年度报告</a></p><p>下一篇：<a href="/zwgk/zfxxgk/ndbg/%d/t%d_%d.html">%s政府信息公开工作年度报告（%d年）</a></p></div>
<div class="btns"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办：%s办公室&nbsp;&nbsp;承办：%s大数据中心</p>
<p>网站标识码：%s&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/">%sICP备%08d号</a>&nbsp;&nbsp;<img src="/images/gongan.png" alt="" />%s公网安备 %s%08d号</p>
<p>联系电话：%s-%d&nbsp;&nbsp;建议使用1280×800以上分辨率浏览</p></div>
</body>
</html>
`, y+1, y+1, r.IntN(1e6), o.parent, y-1, y+1, y+1, r.IntN(1e6), o.parent, y-2,
		c.site, c.site, c.siteID, o.icp, r.IntN(1e8), o.icp, s.Truth.Region.Code, r.IntN(1e8), o.phone, 80000000+r.IntN(9999999))
}

// pageOffice is what the chrome needs to know of the publishing site.
type pageOffice struct{ parent, site, icp, phone string }

// officeOf recovers the site facts of a Spec's office from its region.
func officeOf(s *Spec) pageOffice {
	reg := s.Truth.Region
	for i := range regions {
		c := &regions[i]
		if c.Province != reg.Province {
			continue
		}
		switch {
		case reg.County == "" && reg.City == "":
			return pageOffice{reg.Province + "人民政府", provinceSites[reg.Province], c.ICP, c.Phone}
		case reg.County == "" && reg.City == c.City:
			return pageOffice{reg.City + "人民政府", citySites[reg.City], c.ICP, c.Phone}
		case reg.County == c.Name:
			return pageOffice{countyQualifier(c) + "人民政府", c.Site, c.ICP, c.Phone}
		}
	}
	return pageOffice{"人民政府", "gov.cn", "京", "010"}
}
