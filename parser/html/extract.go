package html

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"gongkai/corpus"
	"gongkai/internal/debuglog"
	"gongkai/parser/layout"
	"gongkai/parser/textenc"
)

// Format is the layout.Document.Format value this package sets.
const Format = "html"

// MaxInput is the largest input Extract accepts (64 MiB). Report pages are
// well under 1 MiB; anything larger is not a page worth parsing.
const MaxInput = 64 << 20

var (
	// ErrNotHTML is returned (wrapped) for data that is not an HTML page:
	// binary data, a PDF or Office file, or text without any HTML markup.
	ErrNotHTML = errors.New("not an HTML page")
	// ErrNoContent is returned (wrapped) when the page has no text body:
	// only site chrome, or an empty page. The document returned with it
	// still carries the page's metadata.
	ErrNoContent = errors.New("HTML page has no text body")
	// ErrTooLarge is returned (wrapped) for input over MaxInput bytes.
	ErrTooLarge = errors.New("HTML input too large")
)

// binaryMagic are file signatures of formats that are never HTML.
var binaryMagic = []struct {
	magic []byte
	name  string
}{
	{[]byte("%PDF-"), "PDF"},
	{[]byte("PK\x03\x04"), "ZIP/OOXML"},
	{[]byte{0xD0, 0xCF, 0x11, 0xE0}, "OLE2 (doc/wps/xls)"},
	{[]byte("\x89PNG"), "PNG"},
	{[]byte("GIF8"), "GIF"},
	{[]byte{0xFF, 0xD8, 0xFF}, "JPEG"},
	{[]byte("{\\rtf"), "RTF"},
	{[]byte{0x1F, 0x8B}, "gzip"},
}

// htmlMarkup recognises a tag that only HTML has. Plain text and Markdown
// without such a tag are not HTML.
var htmlMarkup = regexp.MustCompile(`(?i)<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|tr|td|span|font|br|h[1-6]|ucapcontent|article|section|center)[\s/>]`)

// Extract reads an HTML report page and returns its metadata and body blocks.
//
// The encoding is decided by the bytes (textenc.Decode); a charset declared
// by the page or the HTTP Content-Type is deliberately not consulted, as
// government pages often declare the wrong one.
//
// Errors: ErrNotHTML for data that is not an HTML page, ErrTooLarge over
// MaxInput, and ErrNoContent — returned together with the document, which
// still holds the metadata — when the page has no text body. A panic of the
// HTML decoder (x/net/html) on hostile markup is returned as an
// error wrapping debuglog.ErrPanic, its stack in the debug log.
func Extract(data []byte) (doc *layout.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, debuglog.Recovered("extract html", "", r)
		}
	}()
	if len(data) > MaxInput {
		return nil, fmt.Errorf("extract html: %d bytes over the %d limit: %w", len(data), MaxInput, ErrTooLarge)
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(data, m.magic) {
			return nil, fmt.Errorf("extract html: data is %s: %w", m.name, ErrNotHTML)
		}
	}
	text, enc, err := textenc.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("extract html: decode: %w: %w", ErrNotHTML, err)
	}
	if !htmlMarkup.MatchString(text) {
		return nil, fmt.Errorf("extract html: no HTML markup in %d bytes of %s text: %w", len(data), enc, ErrNotHTML)
	}
	root, flattened, err := parse(pruneStyles(text))
	if err != nil {
		return nil, fmt.Errorf("extract html: %w", err)
	}
	doc = &layout.Document{Format: Format, Encoding: enc, Meta: map[string]string{}}
	if flattened {
		doc.Warn("", "page nested deeper than %d elements; deeper tags were dropped", maxDepth)
	}
	extractDocument(scanDocument(root), doc)
	if len(doc.Blocks) == 0 {
		return doc, fmt.Errorf("extract html: %w", ErrNoContent)
	}
	return doc, nil
}

// docNodes are the elements of the document that extraction looks up by
// name, found in one walk (scanDocument).
type docNodes struct {
	body      *html.Node   // the first <body>
	metas     []*html.Node // <meta> with a name attribute
	cms       []*html.Node // <publishtime> and <ucaptitle>
	ucap      []*html.Node // <ucapcontent>
	headTitle *html.Node   // the first <title> inside a <head>
}

// scanDocument finds the docNodes of the document under root, each list in
// document order. It stands for the goquery selectors "body",
// "meta[name]", "publishtime, ucaptitle", "ucapcontent" and "head title",
// which matched by tag name as this does: five walks of the whole tree
// with selector compiling and result slices cost a large page about as
// much as measuring it, and one walk finds all five.
func scanDocument(root *html.Node) *docNodes {
	d := &docNodes{}
	var rec func(n *html.Node, inHead bool)
	rec = func(n *html.Node, inHead bool) { // depth is bounded by the parser (512)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "body":
				if d.body == nil {
					d.body = c
				}
			case "meta":
				if hasAttr(c, "name") {
					d.metas = append(d.metas, c)
				}
			case "publishtime", "ucaptitle":
				d.cms = append(d.cms, c)
			case "ucapcontent":
				d.ucap = append(d.ucap, c)
			case "title":
				if inHead && d.headTitle == nil {
					d.headTitle = c
				}
			}
			rec(c, inHead || c.Data == "head")
		}
	}
	rec(root, false)
	return d
}

// hasAttr reports whether n has the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// extractDocument fills doc from the parsed page.
func extractDocument(q *docNodes, doc *layout.Document) {
	if q.body == nil {
		return
	}
	p := newPage(q.body)
	headMeta(q, doc.Meta)
	p.cmsMeta(q, doc.Meta)
	p.pageMeta(doc.Meta)
	container, how := p.findContainer(q)
	doc.Diagnostics = append(doc.Diagnostics, corpus.Diagnostic{
		Severity: corpus.SevInfo, Message: "content container " + how,
	})
	doc.Title = p.title(q, container, doc.Meta)
	w := newWalker(p, container)
	w.walk(container, 0)
	w.flush()
	doc.Blocks = w.blocks
	doc.Images = w.images
	for _, msg := range w.warnings {
		doc.Warn(msg.where, "%s", msg.text)
	}
}

// describe names an element for diagnostics: tag#id.class.
func describe(n *html.Node) string {
	var sb strings.Builder
	sb.WriteString(n.Data)
	if id := attr(n, "id"); id != "" {
		sb.WriteString("#" + id)
	}
	if c := strings.Fields(attr(n, "class")); len(c) > 0 {
		sb.WriteString("." + strings.Join(c, "."))
	}
	return sb.String()
}

// attr returns the value of the attribute key of n, "" if absent.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// isElem reports whether n is an element with atom a.
func isElem(n *html.Node, a atom.Atom) bool {
	return n != nil && n.Type == html.ElementNode && n.DataAtom == a
}
