package html

import "strings"

// Site chrome shared by the generated pages: everything here must be
// dropped by Extract. chromeWords lists what must never reach a block.
var chromeWords = []string{
	"浏览次数", "网站标识码", "上一篇", "下一篇", "当前位置", "ICP备", "公网安备", "主办单位",
	"联系我们", "打印本页", "关闭窗口", "分享到", "相关链接", "网站地图", "字体", "首页",
	"政务服务", "访问量", "版权所有", "您现在的位置", "点击数", "索引号", "发布机构", "document.write",
}

const modernHeader = `<div class="top-bar"><div class="wrap"><a href="/">简体版</a> | <a href="/big5">繁体版</a> | <a href="/wza">无障碍</a></div></div>
<div class="header"><div class="logo"><h1><img src="/images/logo.png" alt="沭阳县人民政府"></h1></div>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字"><button>搜索</button></form></div></div>
<div class="main-nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjsy/">走进沭阳</a></li></ul></div>
`

const modernFooter = `<div class="footer"><div class="wrap">
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sm/">网站声明</a></p>
<p>主办单位：沭阳县人民政府办公室　承办单位：沭阳县大数据管理局</p>
<p>网站标识码：3213220037　<a href="https://beian.miit.gov.cn">苏ICP备05008765号</a>　<img src="/ga.png">苏公网安备 32132202000123号</p>
<p>地址：沭阳县沭城街道人民路1号　电话：0527-83588888</p>
<p>访问量：<span id="count">123456</span></p></div></div>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<span>统计</span>");</script>
`

// gbkPage is a Jiangsu-style county department page in GBK declaring
// gb2312, around a Word-pasted report on the 2021 template.
func gbkPage() string {
	var body strings.Builder
	body.WriteString("<div class=WordSection1 style='layout-grid:15.6pt'>\n")
	body.WriteString("<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>" +
		wordRuns("沭阳县发展和改革局2023年政府信息公开工作年度报告") + "</span></b></p>\n")
	body.WriteString(wordPara("本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"))
	body.WriteString(wordHeading("一、总体情况"))
	body.WriteString(wordPara("2023年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，全年主动公开政府信息326条。"))
	body.WriteString("<p class=MsoNormal><span style='display:none;mso-hide:all'>隐藏的编辑批注</span><span lang=EN-US style='mso-hide:all'>Word隐藏文字</span></p>\n")
	body.WriteString(wordHeading("二、主动公开政府信息情况"))
	body.WriteString(wordTable(table2of2021()))
	body.WriteString(wordHeading("三、收到和处理政府信息公开申请情况"))
	body.WriteString(wordTable(table3(true)))
	body.WriteString(wordHeading("四、政府信息公开行政复议、行政诉讼情况"))
	body.WriteString(wordTable(table4("1", "0", "0", "0", "1", "0", "1", "0", "0", "1", "0", "0", "0", "0", "0")))
	body.WriteString(wordHeading("五、存在的主要问题及改进情况"))
	body.WriteString(wordPara("一是公开内容不够全面；二是解读形式较为单一。2024年，我局将进一步加强培训。"))
	body.WriteString(wordHeading("六、其他需要报告的事项"))
	body.WriteString(wordPara("本年度未收取信息处理费。"))
	body.WriteString("<p class=MsoNormal align=right style='text-align:right'>" + wordRuns("沭阳县发展和改革局") + "</p>\n")
	body.WriteString("<p class=MsoNormal align=right style='text-align:right'>" + wordRuns("2024年1月17日") + "</p>\n</div>\n")

	return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>沭阳县发展和改革局2023年政府信息公开工作年度报告-沭阳县发改局</title>
<meta name="SiteName" content="沭阳县人民政府">
<meta name="SiteDomain" content="www.shuyang.gov.cn">
<meta name="SiteIDCode" content="3213220037">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ColumnType" content="政府信息公开年报">
<meta name="keywords" content="政府信息公开,年度报告">
<style type="text/css">.zoom p{line-height:2em} body{font-size:12px}</style>
<script src="/js/jquery.js"></script>
</head><body>
` + modernHeader + `<div class="container">
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/nb/">政府信息公开年报</a></div>
<div class="xxgk-table"><table class="xxgk_info" width="100%" border="1">
<tr><th>索 引 号：</th><td>014314799/2024-00002</td><th>主题分类：</th><td>综合政务/其他</td></tr>
<tr><th>发布机构：</th><td>沭阳县发展和改革局</td><th>发文日期：</th><td>2024-01-17</td></tr>
<tr><th>名　　称：</th><td colspan="3">沭阳县发展和改革局2023年政府信息公开工作年度报告</td></tr>
<tr><th>文　　号：</th><td></td><th>有 效 性：</th><td>有效</td></tr>
</table></div>
<div class="article">
<h2 class="article-title">沭阳县发展和改革局2023年政府信息公开工作年度报告</h2>
<div class="article-info">发布时间：2024-01-17 10:30　来源：沭阳县发展和改革局　浏览次数：<span id="hits"><script>document.write("12")</script></span>　【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</div>
<div id="zoom" class="article-content"><div class="TRS_Editor"><style>.TRS_Editor P{margin-top:0}</style>
` + body.String() + `</div></div>
<div class="bdsharebuttonbox"><span>分享到：</span><a href="#" class="bds_weixin">微信</a><a href="#" class="bds_tsina">微博</a></div>
<div class="article-tools"><a href="javascript:window.print()">打印本页</a>　<a href="javascript:window.close()">关闭窗口</a></div>
<div class="prevnext"><p>上一篇：<a href="/a/1.html">沭阳县发展和改革局2022年政府信息公开工作年度报告</a></p>
<p>下一篇：<a href="/a/3.html">关于印发2024年政务公开工作要点的通知</a></p></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a/4.html">沭阳县2023年政府信息公开工作年度报告</a></li>
<li><a href="/a/5.html">沭阳县财政局2023年政府信息公开工作年度报告</a></li><li><a href="/a/6.html">沭阳县教育局2023年政府信息公开工作年度报告</a></li></ul></div>
</div></div>
` + modernFooter + `</body></html>`
}

// utf8DeclaresGBKPage is a UTF-8 page that claims gbk, with a metadata
// list, a Custom_UnionStyle body on the 2019 template, and its title only
// in a bracket-decorated <title>.
func utf8DeclaresGBKPage() string {
	return `<html><head><meta charset="gbk"><title>[嵊州市人民政府]嵊州市发展和改革局2019年政府信息公开工作年度报告</title>
<meta name="description" content="嵊州市发展和改革局2019年政府信息公开工作年度报告">
<link rel="stylesheet" href="/css/main.css"></head>
<body><div id="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/bsfw">办事服务</a><a href="/hdjl">互动交流</a></div>
<div class="bread">您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/zwgk">政务公开</a></div>
<div class="content"><ul class="xxgk-meta">
<li><span>索引号：</span><span>002611230/2020-00015</span></li>
<li><span>组配分类：</span><span>政府信息公开年报</span></li>
<li><span>发布机构：</span><span>市发改局</span></li>
<li><span>生成日期：</span><span>2020-01-20</span></li>
<li><span>公开方式：</span><span>主动公开</span></li>
</ul>
<div class="Custom_UnionStyle">
<p style="text-align:center"><strong>嵊州市发展和改革局2019年政府信息公开工作年度报告</strong></p>
<p>　　一、总体情况</p>
<p>　　2019年，市发改局认真贯彻落实新修订的《中华人民共和国政府信息公开条例》，<span>主动</span><span>公开</span>政府信息<span>12</span><span>8</span>条。</p>
<p>　　二、主动公开政府信息情况</p>
` + wordTable(table2of2019()) + `<p>　　三、收到和处理政府信息公开申请情况</p>
` + wordTable(table3(false)) + `<p>　　四、政府信息公开行政复议、行政诉讼情况</p>
` + wordTable(table4("", "", "", "", "0", "", "", "", "", "0", "", "", "", "", "0")) + `<p>　　五、政府信息公开工作存在的主要问题及改进情况</p>
<p>　　信息公开的及时性有待提高。</p>
<p>　　六、其他需要报告的事项</p><p>　　无。</p>
</div>
<div class="fx">分享到：<a href="#">微信</a></div>
<table class="dy" width="100%"><tr><td><a href="javascript:window.print()">【打印本页】</a></td><td><a href="javascript:window.close()">【关闭窗口】</a></td></tr></table>
</div>
<div class="bottom">版权所有：嵊州市人民政府　浙ICP备05012345号　网站标识码：3306830001</div>
</body></html>`
}

// utf16Page is a small UTF-16LE page with a BOM, an <article> body and
// article-level meta tags.
func utf16Page() string {
	return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-16">
<title>2023年度报告_某某街道办事处</title>
<meta name="ArticleTitle" content="青阳街道办事处2023年政府信息公开工作年度报告">
<meta name="PubDate" content="2024-01-09 09:00">
<meta name="ContentSource" content="晋江市青阳街道办事处">
</head><body>
<nav><a href="/">首页</a> <a href="/xxgk">信息公开</a></nav>
<main><article>
<h1>青阳街道办事处2023年政府信息公开工作年度报告</h1>
<section><h2>一、总体情况</h2>
<p>2023年，青阳街道办事处持续推进政务公开，主动公开各类信息215条，依申请公开办理申请6件。</p>
<p>本报告电子版可在晋江市人民政府网站下载。如对本报告有疑问，请与青阳街道党政办联系。</p></section>
<section><h2>二、主动公开政府信息情况</h2>
<table border="1"><thead><tr><th colspan="4">第二十条第（一）项</th></tr>
<tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr></thead>
<tbody><tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>&nbsp;</td><td>&nbsp;&nbsp;</td><td>1</td></tr></tbody></table></section>
</article></main>
<footer><p>网站标识码：3505820001 闽ICP备12345678号</p></footer>
</body></html>`
}

// ucapPage is a Shuyang-style page of the UCAP CMS: <publishtime>,
// <ucaptitle> and <ucapcontent> tags.
func ucapPage() string {
	return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局</title>
<meta name="SiteName" content="沭阳县人民政府"><meta name="SiteDomain" content="www.shuyang.gov.cn">
<meta name="SiteIDCode" content="3213220037"><meta name="ColumnName" content="年度报告">
<meta name="ColumnType" content="政府信息公开年报">
</head><body>
` + modernHeader + `<div class="con-box">
<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/fgj/">县发改局</a></div>
<div class="xl-title"><ucaptitle>沭阳县发展和改革局2023年政府信息公开年度报告</ucaptitle></div>
<div class="xl-info"><span>发布日期：<publishtime>2024-01-17</publishtime></span><span>浏览次数：<font id="fwl">356</font></span><span>字体：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</span></div>
<div class="xl-con"><ucapcontent>
<p style="text-align:center;"><strong>沭阳县发展和改革局2023年政府信息公开年度报告</strong></p>
<p style="text-indent:2em;">本报告由沭阳县发展和改革局根据《中华人民共和国政府信息公开条例》要求编制。全文包括总体情况、主动公开政府信息情况等六个部分。</p>
<p style="text-indent:2em;"><strong>一、总体情况</strong></p>
<p style="text-indent:2em;">2023年，县发改局围绕中心工作，扎实推进政务公开。<br/>（一）主动公开。全年公开信息150条。<br/>（二）依申请公开。全年收到申请2件。</p>
<table border="1" cellspacing="0"><tbody>
<tr><td rowspan="2">行政复议</td><td colspan="2">结果</td></tr>
<tr><td>维持</td><td>纠正</td></tr>
<tr><td>数量</td><td>0</td><td>0</td></tr>
</tbody></table>
<p style="text-indent:2em;">特此报告。</p>
</ucapcontent></div>
<div class="xl-bottom"><a href="javascript:window.print();">打印本页</a> <a href="javascript:window.close();">关闭窗口</a></div>
</div>
` + modernFooter + `</body></html>`
}

// layoutTablePage is an old-style site: the whole page laid out with
// nested tables, <font> everywhere, no known container names, a legacy
// statistics table inside the article cell.
func layoutTablePage() string {
	return `<HTML><HEAD><META http-equiv=Content-Type content="text/html; charset=gb2312">
<TITLE>平潭县人民政府--平潭县人民政府2011年政府信息公开工作年度报告</TITLE></HEAD>
<BODY leftMargin=0 topMargin=0>
<TABLE width=980 align=center border=0 cellPadding=0 cellSpacing=0>
<TR><TD><IMG src="/images/banner.jpg" width=980 height=120></TD></TR>
<TR><TD bgColor=#0066cc height=30><A href="/">首页</A> | <A href="/zwgk/">政务公开</A> | <A href="/bsfw/">办事服务</A> | <A href="/gzcy/">公众参与</A></TD></TR>
<TR><TD>
 <TABLE width="100%" border=0><TR>
 <TD width=200 vAlign=top><TABLE><TR><TD><A href="/l1">通知公告</A></TD></TR><TR><TD><A href="/l2">政策法规</A></TD></TR><TR><TD><A href="/l3">规划计划</A></TD></TR></TABLE></TD>
 <TD vAlign=top>
  <TABLE width="100%"><TR><TD height=25><FONT color=#666666>您现在的位置：<A href="/">首页</A> &gt; <A href="/zwgk/">政务公开</A></FONT></TD></TR>
  <TR><TD align=center><FONT size=4><B>平潭县人民政府2011年政府信息公开工作年度报告</B></FONT></TD></TR>
  <TR><TD align=center><FONT color=#999999>发布时间：2012-03-25　　信息来源：县政府办　　点击数：<SCRIPT>document.write(208)</SCRIPT></FONT></TD></TR>
  <TR><TD style="FONT-SIZE: 14px; LINE-HEIGHT: 24px">
<FONT face=宋体>　　本报告根据《中华人民共和国政府信息公开条例》要求，由平潭县人民政府办公室编制。</FONT><BR>
<FONT face=宋体>　　一、概述</FONT><BR>
<FONT face=宋体>　　2011年，我县政府信息公开工作在县委、县政府的领导下，按照“以公开为原则、不公开为例外”的要求，扎实推进。</FONT><FONT face=宋体>全年主动公开政府信息</FONT><FONT face=宋体>42</FONT><FONT face=宋体>51条。</FONT><BR>
<FONT face=宋体>　　二、主动公开政府信息情况</FONT><BR>
<TABLE border=1 cellSpacing=0 cellPadding=2 width="90%">
<TR><TD>统计指标</TD><TD>单位</TD><TD>统计数</TD></TR>
<TR><TD>一、主动公开情况</TD><TD>——</TD><TD>——</TD></TR>
<TR><TD>（一）主动公开政府信息数</TD><TD>条</TD><TD>4251</TD></TR>
<TR><TD>其中：主动公开规范性文件数</TD><TD>条</TD><TD>51</TD></TR>
<TR><TD>二、依申请公开情况</TD><TD>——</TD><TD>——</TD></TR>
<TR><TD>（一）收到申请数</TD><TD>件</TD><TD>6</TD></TR>
<TR><TD rowspan=99999>备注</TD><TD colspan=5000>无</TD><TD></TD></TR>
</TABLE>
<FONT face=宋体>　　三、依申请公开情况</FONT><BR><FONT face=宋体>　　全年共受理政府信息公开申请6件，均已按时答复。</FONT><BR>
<FONT face=宋体>　　四、存在的主要问题及改进措施</FONT><BR><FONT face=宋体>　　我县政府信息公开工作还存在一些不足。</FONT>
  </TD></TR>
  <TR><TD align=right><A href="javascript:window.print()">【打印本页】</A> <A href="javascript:window.close()">【关闭窗口】</A></TD></TR>
  </TABLE>
 </TD></TR></TABLE>
</TD></TR>
<TR><TD align=center bgColor=#eeeeee><FONT size=2>版权所有：平潭县人民政府　　主办单位：平潭县人民政府办公室<BR>闽ICP备06012345号　联系电话：0591-24322222</FONT></TD></TR>
</TABLE></BODY></HTML>`
}
