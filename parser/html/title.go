package html

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Title length bounds, in runes.
const (
	minTitle = 4
	maxTitle = 200
)

// titleWord are id/class parts naming an article title element.
var titleWord = map[string]bool{
	"title": true, "tit": true, "biaoti": true, "bt": true, "headline": true,
	"wzbt": true, "xxbt": true, "dbt": true,
}

// title returns the page title — the ArticleTitle meta, the CMS
// <ucaptitle>, the article's heading or title element, else the <title>
// with site decorations stripped — and consumes the body elements that
// repeat it, so that it does not also become a block.
func (p *page) title(q *docNodes, container *html.Node, meta map[string]string) string {
	site := meta["SiteName"]
	t := meta["ArticleTitle"]
	if t == "" {
		t = meta["ucaptitle"]
	}
	if t == "" {
		if n := p.titleElement(container, site); n != nil {
			t = textOf(n)
		}
	}
	if t == "" {
		t = cleanTitle(nodeText(q.headTitle), site)
	}
	if t != "" {
		p.consumeTitle(t)
	}
	return t
}

// nodeText is the text of every text node under n joined, as goquery's
// Text gives it; "" for nil.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var sb strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) { // depth is bounded by the parser (512)
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return sb.String()
}

// titleElement finds the article's title element: a heading inside the
// container, an element named as a title outside chrome, or any h1/h2
// outside chrome. The site name is never a title.
func (p *page) titleElement(container *html.Node, site string) *html.Node {
	ok := func(n *html.Node) bool {
		t := textOf(n)
		l := utf8.RuneCountInString(t)
		return l >= minTitle && l <= maxTitle && squeeze(t) != squeeze(site) && !p.inChrome(n)
	}
	var inside, named, heading *html.Node
	for n := range p.elements() {
		if p.consumed[n] {
			continue
		}
		isHead := n.DataAtom == atom.H1 || n.DataAtom == atom.H2
		switch {
		case inside == nil && isHead && contains(container, n) && ok(n):
			inside = n
		case named == nil && titleNamed(n) && !contains(container, n) && ok(n):
			named = n
		case heading == nil && isHead && ok(n):
			heading = n
		}
	}
	for _, n := range []*html.Node{inside, named, heading} {
		if n != nil {
			return n
		}
	}
	return nil
}

// titleNamed reports whether n's id or class names it a title.
func titleNamed(n *html.Node) bool {
	return nameMatch(n, testTitle) != 0
}

// inChrome reports whether n or an ancestor is named as site chrome.
func (p *page) inChrome(n *html.Node) bool {
	for a := n; a != nil && a != p.body; a = a.Parent {
		if chromeByName(a) {
			return true
		}
	}
	return false
}

// consumeTitle consumes headings and title-named elements whose text is
// the title. Paragraphs repeating the title are report text and stay.
func (p *page) consumeTitle(t string) {
	want := squeeze(t)
	maxRunes := 2*utf8.RuneCountInString(want) + 10
	for n := range p.elements() {
		if int(p.stats[n].runes) > maxRunes {
			continue // too long to be the title, whatever its name
		}
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3:
		default:
			if !titleNamed(n) {
				continue
			}
		}
		if squeeze(textOf(n)) == want {
			p.consumed[n] = true
		}
	}
}

// titleBrackets matches a bracketed site name before or after a title:
// "[嵊州市人民政府]…", "…【沭阳县】".
var (
	titleBracketHead = regexp.MustCompile(`^\s*[\[【][^\]】]*[\]】]\s*`)
	titleBracketTail = regexp.MustCompile(`\s*[\[【][^\[【]*[\]】]\s*$`)
)

// cleanTitle strips site decorations from a <title>: bracketed site names
// and "-site" / "_column" parts, keeping the part that names the report.
func cleanTitle(s, site string) string {
	s = normText(s)
	s = titleBracketHead.ReplaceAllString(s, "")
	s = titleBracketTail.ReplaceAllString(s, "")
	best := ""
	bestReport := false
	for _, part := range splitTitle(s) {
		if part == "" || squeeze(part) == squeeze(site) {
			continue
		}
		report := strings.Contains(part, "报告") || strings.Contains(part, "年报")
		if (report && !bestReport) || (report == bestReport && utf8.RuneCountInString(part) > utf8.RuneCountInString(best)) {
			best, bestReport = part, report
		}
	}
	return best
}

// splitTitle splits a <title> at separators (- _ | — – － ｜), except a
// hyphen between digits ("2021-2022").
func splitTitle(s string) []string {
	rs := []rune(s)
	var parts []string
	start := 0
	for i, r := range rs {
		if !strings.ContainsRune("-_|—–－｜", r) {
			continue
		}
		if r == '-' && i > 0 && i+1 < len(rs) && isDigit(rs[i-1]) && isDigit(rs[i+1]) {
			continue
		}
		parts = append(parts, strings.TrimSpace(string(rs[start:i])))
		start = i + 1
	}
	return append(parts, strings.TrimSpace(string(rs[start:])))
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
