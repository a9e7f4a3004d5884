package html

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// stat summarises the visible text under a node. Its counts are int32
// (input is at most MaxInput bytes) to halve the per-element map entry.
type stat struct {
	han     int32 // Han characters
	linkHan int32 // Han characters inside <a>
	runes   int32 // non-space characters
	links   int32 // <a href> elements
	tables  int32 // <table> elements, this one included
	depth   int32 // element depth below <body>
}

// nonLink is the Han text not inside links: the measure of body text.
func (s stat) nonLink() int { return int(s.han - s.linkHan) }

// linkDensity is the share of Han text inside links.
func (s stat) linkDensity() float64 {
	if s.han == 0 {
		if s.links > 0 {
			return 1
		}
		return 0
	}
	return float64(s.linkHan) / float64(s.han)
}

// page holds the parsed <body> with per-element text statistics and the
// set of elements consumed as metadata or title. Only visible elements
// (not hidden, not scripts and the like) have stats.
type page struct {
	body     *html.Node
	stats    map[*html.Node]stat
	consumed map[*html.Node]bool
	tableNo  map[*html.Node]int // every <table> of the document, from 1 (cellPaths)
	// order holds the elements that have stats in document order (each
	// before its descendants): elements walks it instead of the tree,
	// which asked stats for every child.
	order []*html.Node
}

func newPage(body *html.Node) *page {
	// Sized for every element up front: growing a map of a large Word
	// page's few thousand elements step by step costs as much garbage again.
	n := countElements(body, 0)
	p := &page{body: body, stats: make(map[*html.Node]stat, n), consumed: map[*html.Node]bool{}, order: make([]*html.Node, 0, n)}
	p.measure(body, 0, false)
	return p
}

// countElements counts the elements of n's subtree (n included), an upper
// bound on the entries measure makes.
func countElements(n *html.Node, depth int) int {
	if n.Type != html.ElementNode || depth > maxWalkDepth {
		return 0
	}
	k := 1
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		k += countElements(c, depth+1)
	}
	return k
}

// measure computes stats for n and its descendants. Recursion depth is
// bounded by the parser's nesting limit (512).
func (p *page) measure(n *html.Node, depth int, inLink bool) stat {
	var s stat
	switch n.Type {
	case html.TextNode:
		for _, r := range n.Data {
			if isSpace(r) || isInvisible(r) {
				continue
			}
			s.runes++
			if isHan(r) {
				s.han++
				if inLink {
					s.linkHan++
				}
			}
		}
		return s
	case html.ElementNode:
		if ignored(n) || hidden(n) {
			return s
		}
		p.order = append(p.order, n)
		if n.DataAtom == atom.Table {
			s.tables++
		}
		if n.DataAtom == atom.A {
			inLink = true
			if attr(n, "href") != "" {
				s.links++
			}
		}
	default:
		return s
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cs := p.measure(c, depth+1, inLink)
		s.han += cs.han
		s.linkHan += cs.linkHan
		s.runes += cs.runes
		s.links += cs.links
		s.tables += cs.tables
	}
	s.depth = int32(depth)
	p.stats[n] = s
	return s
}

// ignoredTags never carry report text.
var ignoredTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true,
	atom.Frame: true, atom.Frameset: true, atom.Object: true, atom.Embed: true,
	atom.Applet: true, atom.Svg: true, atom.Math: true, atom.Canvas: true,
	atom.Template: true, atom.Select: true, atom.Option: true, atom.Button: true,
	atom.Input: true, atom.Textarea: true, atom.Head: true, atom.Link: true,
	atom.Meta: true, atom.Map: true, atom.Audio: true, atom.Video: true,
	atom.Img: true, atom.Title: true,
}

// ignored reports whether element n is never content (scripts, forms
// controls, media) — or is an XML island Word leaves in pages.
func ignored(n *html.Node) bool {
	if ignoredTags[n.DataAtom] {
		return true
	}
	return n.DataAtom == 0 && (n.Data == "xml" || strings.HasPrefix(n.Data, "v:"))
}

// hidden reports whether element n is not displayed: the hidden
// attribute, or display:none, visibility:hidden or Word's mso-hide:all.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			if !mayHide(a.Val) {
				continue
			}
			s := strings.ToLower(squeeze(a.Val))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") ||
				strings.Contains(s, "mso-hide:all") {
				return true
			}
		}
	}
	return false
}

// hidden is hidden(n) answered from the stats where it can be: measure
// keeps stats only for elements that are not hidden, so an element with
// stats is not hidden. Table rows and cells, whose Word styles often name
// "border-top:none", are asked several times per table.
func (p *page) hidden(n *html.Node) bool {
	if _, ok := p.stats[n]; ok {
		return false
	}
	return hidden(n)
}

// blockTags are elements that start a new line.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Html: true, atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true,
	atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
	atom.Caption: true, atom.Br: true,
}

// cmsBlockTags are non-standard tags of government CMSes that act as blocks.
var cmsBlockTags = map[string]bool{"ucapcontent": true, "ucaptitle": true, "publishtime": true}

// isBlock reports whether element n breaks the line.
func isBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom != 0 {
		return blockTags[n.DataAtom]
	}
	return cmsBlockTags[n.Data]
}

// hasBlockChild reports whether n has a visible block element child.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && isBlock(c) && c.DataAtom != atom.Br && !ignored(c) && !hidden(c) {
			return true
		}
	}
	return false
}

// textOf returns the collapsed text of n's visible subtree, block
// boundaries and <br> rendered as single spaces. Used for short elements
// (labels, titles); the walker builds body text.
func textOf(n *html.Node) string {
	var b lineBuf
	var rec func(*html.Node, int)
	rec = func(n *html.Node, depth int) {
		if depth > maxWalkDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			b.write(n.Data, false)
		case html.ElementNode:
			if ignored(n) || hidden(n) {
				return
			}
			if isBlock(n) {
				b.write(" ", false)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				rec(c, depth+1)
			}
			if isBlock(n) {
				b.write(" ", false)
			}
		}
	}
	rec(n, 0)
	return b.take()
}

// maxWalkDepth bounds every recursive walk (the parser already limits
// nesting to 512).
const maxWalkDepth = 600

// nameTest is what nameMatch asks of an element's id and class tokens.
type nameTest int

const (
	testChrome    nameTest = iota // 1 when a token names site chrome (chromeSubstr, chromeWord)
	testTitle                     // 1 when a token names a title (titleWord)
	testContainer                 // the tier (1 or 2) of the first token naming a content container
)

// nameMatch answers test for n's lower-cased id and class tokens, as
// classTokens lists them, 0 when none matches. Each token is lower-cased
// into a buffer on the stack, so that asking every element of a page what
// its class names — the container search, the title search and the walker
// all do — allocates nothing for ASCII names. (The tests are a switch, not
// a function argument, so that the buffer does not escape to the heap.)
func nameMatch(n *html.Node, test nameTest) int {
	var buf [64]byte
	match := func(t []byte) int {
		switch test {
		case testChrome:
			for _, s := range chromeSubstrBytes {
				if bytes.Contains(t, s) {
					return 1
				}
			}
			if anyPart(t, chromeWord) {
				return 1
			}
		case testTitle:
			if anyPart(t, titleWord) {
				return 1
			}
		case testContainer:
			if containerTier1[string(t)] {
				return 1
			}
			if containerTier2[string(t)] {
				return 2
			}
		}
		return 0
	}
	if id := attr(n, "id"); id != "" {
		if m := match(lowerToken(buf[:0], id)); m != 0 {
			return m
		}
	}
	class := attr(n, "class")
	if !isASCII(class) {
		for _, c := range strings.Fields(class) {
			if m := match(lowerToken(buf[:0], c)); m != 0 {
				return m
			}
		}
		return 0
	}
	for i := 0; i < len(class); {
		for i < len(class) && isSpace(rune(class[i])) {
			i++
		}
		j := i
		for j < len(class) && !isSpace(rune(class[j])) {
			j++
		}
		if j > i {
			if m := match(lowerToken(buf[:0], class[i:j])); m != 0 {
				return m
			}
		}
		i = j
	}
	return 0
}

// lowerToken appends strings.ToLower(s) to dst.
func lowerToken(dst []byte, s string) []byte {
	if !isASCII(s) {
		return append(dst, strings.ToLower(s)...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// classTokens returns the lower-cased id and class tokens of n.
func classTokens(n *html.Node) []string {
	var toks []string
	if id := attr(n, "id"); id != "" {
		toks = append(toks, strings.ToLower(id))
	}
	for _, c := range strings.Fields(attr(n, "class")) {
		toks = append(toks, strings.ToLower(c))
	}
	return toks
}

// mayHide reports whether a style attribute contains "none" or "hid",
// ignoring ASCII case, in one pass without allocating: most styles (Word
// puts a long one on every element) contain neither, and this is what
// hidden pays for them.
func mayHide(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		switch s[i] | 0x20 {
		case 'n':
			if i+4 <= len(s) && s[i+1]|0x20 == 'o' && s[i+2]|0x20 == 'n' && s[i+3]|0x20 == 'e' {
				return true
			}
		case 'h':
			if s[i+1]|0x20 == 'i' && s[i+2]|0x20 == 'd' {
				return true
			}
		}
	}
	return false
}
