// Package sourceview shows an original file with one place marked: the
// table cell of a value in an HTML page (the archived page itself, the
// cell outlined), in a DOCX (a readable rendering of its paragraphs and
// tables), or the line of a text or Markdown file. The place is the one
// the parser recorded in cells[].at (corpus.Loc). PDFs are not rendered
// here: the browser draws the page with pdf.js (server/web/static).
//
// Every output is a UTF-8 HTML page in which the marked element has the
// id MarkID, so that a URL fragment #gongkai-mark scrolls to it without
// any script: the server shows these pages in a CSP sandbox.
package sourceview

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"gongkai/parser/doc"
	"gongkai/parser/docx"
	phtml "gongkai/parser/html"
	"gongkai/parser/layout"
	"gongkai/parser/textenc"
)

// MarkID is the id of the marked element.
const MarkID = "gongkai-mark"

// markCSS outlines the marked element; !important beats the page's own
// styles.
const markCSS = `#gongkai-mark{outline:3px solid #d00000 !important;outline-offset:-2px;background:#fff176 !important;color:#000 !important}`

// HTML returns the HTML page data with the table cell at path (a
// corpus.Loc.Path of an HTML report) marked, re-serialised as UTF-8. The
// page is parsed as the parser parsed it, so the path finds the same cell.
func HTML(data []byte, path string) ([]byte, error) {
	root, _, err := phtml.Tree(data)
	if err != nil {
		return nil, fmt.Errorf("mark html: %w", err)
	}
	cell, err := phtml.FindCell(root, path)
	if err != nil {
		return nil, fmt.Errorf("mark html: %w", err)
	}
	attrs := cell.Attr[:0]
	for _, a := range cell.Attr {
		if a.Key != "id" {
			attrs = append(attrs, a)
		}
	}
	cell.Attr = append(attrs, html.Attribute{Key: "id", Val: MarkID}, html.Attribute{Key: "data-gongkai-path", Val: path})
	style := &html.Node{Type: html.ElementNode, Data: "style", DataAtom: atom.Style}
	style.AppendChild(&html.Node{Type: html.TextNode, Data: markCSS})
	head := find(root, atom.Head)
	if head == nil { // the HTML5 parser always makes one; keep the mark visible anyway
		head = root
	}
	// The page's own charset declaration would contradict the UTF-8 it is
	// now written in; the HTTP header wins, but say it here too.
	meta := &html.Node{Type: html.ElementNode, Data: "meta", DataAtom: atom.Meta, Attr: []html.Attribute{{Key: "charset", Val: "utf-8"}}}
	head.InsertBefore(meta, head.FirstChild)
	head.AppendChild(style)
	var buf bytes.Buffer
	if err := html.Render(&buf, root); err != nil {
		return nil, fmt.Errorf("mark html: render: %w", err)
	}
	return buf.Bytes(), nil
}

func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>body{font:15px/1.6 "Noto Sans CJK SC",sans-serif;margin:1.5em auto;max-width:60em;padding:0 1em}
table{border-collapse:collapse;margin:1em 0}td{border:1px solid #999;padding:.2em .5em;vertical-align:top}
.lines{font-family:"Noto Sans Mono CJK SC",monospace;white-space:pre-wrap;border-collapse:collapse}
.lines td{border:0;padding:0 .6em}.lines td.n{color:#888;text-align:right;user-select:none}
` + markCSS + `</style></head><body>
<p><small>{{.Note}}</small></p>
{{.Body}}
</body></html>
`))

func render(title, note string, body template.HTML) []byte {
	var buf bytes.Buffer
	_ = page.Execute(&buf, struct {
		Title, Note string
		Body        template.HTML
	}{title, note, body}) // a fixed template over strings: cannot fail
	return buf.Bytes()
}

// Text returns a text or Markdown file as a page of numbered lines with
// line (from 1) marked. Lines are split as the text extractor splits them
// (\r\n, \r and \n), so the numbers agree with corpus.Loc.Line.
func Text(data []byte, line int, title string) ([]byte, error) {
	s, _, err := textenc.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("text view: %w", err)
	}
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n")
	if line < 1 || line > len(lines) {
		return nil, fmt.Errorf("text view: line %d of %d", line, len(lines))
	}
	var b strings.Builder
	b.WriteString(`<table class="lines">`)
	for i, l := range lines {
		id := ""
		if i+1 == line {
			id = ` id="` + MarkID + `"`
		}
		fmt.Fprintf(&b, `<tr%s><td class="n">%d</td><td>%s</td></tr>`, id, i+1, template.HTMLEscapeString(l))
	}
	b.WriteString(`</table>`)
	return render(title, fmt.Sprintf("原文第 %d 行", line), template.HTML(b.String())), nil
}

// DOCX returns a readable rendering of a .docx file — its paragraphs and
// tables as the extractor reads them — with the table cell at path (a
// corpus.Loc.Path "tbl[k]/tr[r]/tc[c]") marked.
func DOCX(data []byte, path, title string) ([]byte, error) {
	doc, err := docx.Extract(data)
	if err != nil {
		return nil, fmt.Errorf("docx view: %w", err)
	}
	var b strings.Builder
	found := false
	for _, blk := range doc.Blocks {
		if blk.Kind != layout.Table {
			tag := "p"
			if blk.Kind == layout.Heading {
				tag = "h3"
			}
			fmt.Fprintf(&b, "<%s>%s</%s>\n", tag, template.HTMLEscapeString(blk.Text), tag)
			continue
		}
		b.WriteString("<table>")
		for _, row := range blk.Rows {
			b.WriteString("<tr>")
			for _, c := range row {
				attrs := ""
				if c.RowSpan > 1 {
					attrs += fmt.Sprintf(` rowspan="%d"`, c.RowSpan)
				}
				if c.ColSpan > 1 {
					attrs += fmt.Sprintf(` colspan="%d"`, c.ColSpan)
				}
				if at := c.At; at != nil && at.Path != "" {
					attrs += ` data-gongkai-path="` + template.HTMLEscapeString(at.Path) + `"`
					if at.Path == path && !found {
						attrs += ` id="` + MarkID + `"`
						found = true
					}
				}
				text := strings.ReplaceAll(template.HTMLEscapeString(c.Text), "\n", "<br>")
				fmt.Fprintf(&b, "<td%s>%s</td>", attrs, text)
			}
			b.WriteString("</tr>")
		}
		b.WriteString("</table>\n")
	}
	if !found {
		return nil, fmt.Errorf("docx view: no table cell at %q", path)
	}
	return render(title, "DOCX 原文的文字与表格（版式从略）；标出的是 "+path, template.HTML(b.String())), nil
}

// Word is DOCX for a Word 97-2003 or WPS original (or RTF, or a .docx
// misnamed .doc): LibreOffice converts it to .docx as the parser did, so
// the cell path the parser recorded finds the same cell. Conversion takes
// seconds and needs LibreOffice (the error wraps doc.ErrNoConverter).
func Word(ctx context.Context, data []byte, path, title string) ([]byte, error) {
	kind := "doc"
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return DOCX(data, path, title)
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		kind = "rtf"
	case doc.Sniff(data) == "wps":
		kind = "wps"
	}
	var c doc.Converter
	out, err := c.ToDOCX(ctx, data, kind)
	if err != nil {
		return nil, fmt.Errorf("%s view: %w", kind, err)
	}
	return DOCX(out, path, title)
}
