package html

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// chromeName matches id/class tokens of site chrome: navigation,
// breadcrumbs, share bars, print/close tools, related links, pagers,
// footers. A token matches when a chrome word is one of its -/_ separated
// parts, or for the distinctive words anywhere in it.
var (
	chromeWord = map[string]bool{
		"nav": true, "navbar": true, "menu": true, "breadcrumb": true, "crumb": true,
		"crumbs": true, "position": true, "location": true, "loc": true, "dqwz": true,
		"weizhi": true, "footer": true, "foot": true, "bottom": true, "copyright": true,
		"share": true, "fenxiang": true, "print": true, "close": true, "related": true,
		"relate": true, "xgwz": true, "xglj": true, "xgxx": true, "xgxw": true, "relevant": true,
		"pager": true, "prevnext": true, "sxp": true, "sxy": true, "fontsize": true,
		"zihao": true, "sidebar": true, "side": true, "topbar": true, "header": true,
		"toolbar": true, "tools": true, "tool": true, "search": true, "login": true,
		"links": true, "friendlink": true, "yqlj": true, "counter": true, "visit": true,
		"hits": true, "djl": true, "fjx": true, "pre": true, "next": true, "prev": true,
		"gotop": true, "backtop": true, "qrcode": true, "ewm": true, "erweima": true,
	}
	chromeSubstr = []string{"breadcrumb", "bdshare", "copyright", "fenxiang", "sharebar",
		"navbar", "footer", "printpage", "closewin", "prevnext", "friendlink"}
	chromeSubstrBytes = func() [][]byte {
		b := make([][]byte, len(chromeSubstr))
		for i, s := range chromeSubstr {
			b[i] = []byte(s)
		}
		return b
	}()
)

// nameParts splits an id/class token into its words: "news-nav_2" is
// news, nav.
func nameParts(tok string) []string {
	return strings.FieldsFunc(tok, isPartSep)
}

func isPartSep(r rune) bool {
	return r == '-' || r == '_' || (r >= '0' && r <= '9') || isSpace(r)
}

// anyPart reports whether a word of tok (nameParts) is in words, without
// allocating for an ASCII token.
func anyPart(tok []byte, words map[string]bool) bool {
	if !isASCIIBytes(tok) {
		for _, p := range nameParts(string(tok)) {
			if words[p] {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(tok); {
		for i < len(tok) && isPartSep(rune(tok[i])) {
			i++
		}
		j := i
		for j < len(tok) && !isPartSep(rune(tok[j])) {
			j++
		}
		if j > i && words[string(tok[i:j])] {
			return true
		}
		i = j
	}
	return false
}

// chromeByName reports whether n's id or class names it as site chrome.
func chromeByName(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Footer, atom.Aside:
		return true
	}
	return nameMatch(n, testChrome) != 0
}

// Link lists: a block with several links and most of its text in them is
// navigation or a related-links list, unless it lists attachments.
const (
	navMinLinks   = 3
	navMinDensity = 0.7
	// maxAttachmentList bounds the text searched for "附件" (attachments).
	maxAttachmentList = 2000
)

// chromeElement reports whether element n, inside the content container
// root, is chrome to skip. An element holding most of the container's text
// is never skipped, whatever its name.
func (p *page) chromeElement(n, root *html.Node) bool {
	if n == root {
		return false
	}
	s := p.stats[n]
	if rs := p.stats[root]; rs.nonLink() > 0 && s.nonLink()*2 >= rs.nonLink() && s.nonLink() > 200 {
		return false
	}
	if chromeByName(n) {
		return true
	}
	switch n.DataAtom {
	case atom.Div, atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.P, atom.Span, atom.Td:
		if s.links >= navMinLinks && s.linkDensity() >= navMinDensity &&
			(s.runes > maxAttachmentList || !strings.Contains(textOf(n), "附件")) {
			return true
		}
	}
	return false
}

// Site chrome that survives structural filtering, recognised in short
// lines: breadcrumbs, counters, prev/next links, print/close buttons,
// font-size switches, share prompts, footer lines, related-links headings.
var (
	chromePrefixes = []string{"当前位置", "您当前的位置", "您现在的位置", "您的位置", "当前的位置",
		"所在位置", "现在位置", "位置：", "位置:", "主办：", "主办:", "承办：", "承办:"}
	chromeSubstrings = []string{"浏览次数", "浏览量", "访问量", "访问次数", "点击数", "点击量", "点击率",
		"阅读次数", "阅读量", "上一篇", "下一篇", "上一条", "下一条", "打印本页", "关闭窗口", "打印此页",
		"关闭本页", "打印文章", "收藏本页", "加入收藏", "返回顶部", "设为首页", "【打印】", "【关闭】",
		"[打印]", "[关闭]", "分享到", "分享至", "网站标识码", "ICP备", "ICP证", "公网安备", "主办单位",
		"承办单位", "版权所有", "技术支持", "网站地图", "联系我们", "Copyright", "COPYRIGHT", "copyright", "©"}
	chromeWhole = map[string]bool{"相关链接": true, "相关文章": true, "相关阅读": true, "相关新闻": true,
		"相关信息": true, "相关稿件": true, "相关附件": true, "扫一扫": true, "打印": true, "关闭": true,
		"返回": true, "收藏": true, "分享": true}
	fontSwitch = regexp.MustCompile(`字[体号][:：]?[【\[]?大[】\]]?[【\[]?中`)
)

// Lines longer than this are body text even if they mention chrome words.
const maxChromeLine = 150

// isChromeLine reports whether a line of text outside table cells is site
// chrome.
func isChromeLine(s string) bool {
	if utf8.RuneCountInString(s) > maxChromeLine {
		return false
	}
	sq := squeeze(s)
	if chromeWhole[strings.TrimRight(sq, ":：")] {
		return true
	}
	head := strings.TrimLeft(sq, "【[（(")
	for _, p := range chromePrefixes {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	for _, w := range chromeSubstrings {
		if strings.Contains(sq, w) {
			return true
		}
	}
	return strings.Contains(sq, "大") && fontSwitch.MatchString(sq)
}

// isChromeTable reports whether a small table's cells are chrome (a footer
// or a print/close bar laid out as a table).
func isChromeTable(rows [][]string) bool {
	if len(rows) > 3 {
		return false
	}
	for _, r := range rows {
		for _, c := range r {
			if isChromeLine(c) {
				return true
			}
		}
	}
	return false
}
