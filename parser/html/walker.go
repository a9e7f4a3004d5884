package html

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"gongkai/parser/layout"
)

// warning is a diagnostic collected while walking.
type warning struct{ where, text string }

// walker linearises the content container into blocks.
type walker struct {
	p        *page
	root     *html.Node
	cell     bool // collecting a table cell: no chrome filtering
	line     lineBuf
	kind     layout.Kind
	inLink   int
	inPre    int
	blocks   []layout.Block
	tables   int
	warnings []warning
	images   []layout.Image
}

func newWalker(p *page, root *html.Node) *walker {
	return &walker{p: p, root: root}
}

func (w *walker) warn(where, format string, args ...any) {
	w.warnings = append(w.warnings, warning{where, fmt.Sprintf(format, args...)})
}

// walk emits the blocks of n's subtree.
func (w *walker) walk(n *html.Node, depth int) {
	if depth > maxWalkDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if n.DataAtom == atom.Img {
		if !w.cell && !w.p.consumed[n] && !w.p.chromeElement(n, w.root) {
			w.image(n)
		}
		return
	}
	if _, visible := w.p.stats[n]; !visible || w.p.consumed[n] || (!w.cell && w.p.chromeElement(n, w.root)) {
		return
	}
	switch n.DataAtom {
	case atom.Br:
		w.flush()
	case atom.Table:
		w.flush()
		w.table(n, depth)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.flush()
		prev := w.kind
		w.kind = layout.Heading
		w.walkChildren(n, depth)
		w.flush()
		w.kind = prev
	case atom.Pre:
		w.flush()
		w.inPre++
		w.walkChildren(n, depth)
		w.inPre--
		w.flush()
	case atom.A:
		w.inLink++
		w.walkChildren(n, depth)
		w.inLink--
	default:
		block := isBlock(n)
		if block {
			w.flush()
		}
		w.walkChildren(n, depth)
		if block {
			w.flush()
		}
	}
}

// image notes a picture of the body where it stands (package parser reads
// it by OCR when the page has no template table).
func (w *walker) image(n *html.Node) {
	// A lazily loaded picture names its image in data-original or
	// data-src, src being a placeholder (as the crawler reads it).
	var src, lazy, alt string
	for _, a := range n.Attr {
		v := strings.TrimSpace(a.Val)
		switch a.Key {
		case "src":
			src = v
		case "data-original", "data-src":
			if lazy == "" && v != "" && !strings.HasPrefix(strings.ToLower(v), "data:") {
				lazy = v
			}
		case "alt":
			alt = a.Val
		}
	}
	if lazy != "" {
		src = lazy
	}
	if src == "" {
		return
	}
	w.flush()
	w.images = append(w.images, layout.Image{Src: src, Alt: alt, Block: len(w.blocks)})
}

func (w *walker) walkChildren(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
}

// text adds a text node to the current line; inside <pre> its newlines
// end lines.
func (w *walker) text(s string) {
	if w.inPre == 0 {
		w.line.write(s, w.inLink > 0)
		return
	}
	for i, part := range strings.Split(s, "\n") {
		if i > 0 {
			w.flush()
		}
		w.line.write(part, w.inLink > 0)
	}
}

// flush ends the current line, emitting it as a block unless it is empty
// or (outside cells) site chrome.
func (w *walker) flush() {
	if w.line.empty() {
		w.line = lineBuf{}
		return
	}
	text := w.line.take()
	if !w.cell && isChromeLine(text) {
		return
	}
	w.blocks = append(w.blocks, layout.Block{
		Kind:  w.kind,
		Text:  text,
		Where: "block " + strconv.Itoa(len(w.blocks)+1),
	})
}
