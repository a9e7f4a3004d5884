package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"gongkai/parser/layout"
)

// XML namespaces of the elements the body parser acts on.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// skipped lists WordprocessingML elements whose content is never text of
// the document: properties, deleted text, field codes, section settings.
var skipped = map[string]bool{
	"pPr": true, "rPr": true, "sectPr": true, "sdtPr": true, "sdtEndPr": true,
	"tblPr": true, "tblGrid": true, "trPr": true, "tcPr": true, "tblPrEx": true,
	"delText": true, "delInstrText": true, "instrText": true, "fldData": true,
	"bookmarkStart": true, "bookmarkEnd": true, "commentReference": true,
	"footnoteReference": true, "endnoteReference": true, "annotationRef": true,
	"moveFrom": true, "del": true,
}

// bodyParser walks the main document part's XML token stream once.
type bodyParser struct {
	dec    *xml.Decoder
	styles map[string]int // paragraph style id → heading level
	depth  int
	tables int // w:tbl elements started so far (Loc paths count them)
}

// parseBody returns the blocks of the w:body element in raw.
func parseBody(raw []byte, styles map[string]int) ([]layout.Block, error) {
	p := &bodyParser{dec: xml.NewDecoder(bytes.NewReader(raw)), styles: styles}
	for {
		tok, err := p.next()
		if err == io.EOF {
			return nil, errors.New("no w:body element")
		}
		if err != nil {
			return nil, err
		}
		if el, ok := tok.(xml.StartElement); ok && isW(el.Name, "body") {
			blocks, err := p.container(el)
			if err != nil {
				return nil, err
			}
			number(blocks)
			return blocks, nil
		}
	}
}

// number sets each block's Where: "paragraph N" or "table N", counting
// paragraphs (and headings) and tables separately in reading order.
func number(blocks []layout.Block) {
	paras, tables := 0, 0
	for i := range blocks {
		if blocks[i].Kind == layout.Table {
			tables++
			blocks[i].Where = fmt.Sprintf("table %d", tables)
		} else {
			paras++
			blocks[i].Where = fmt.Sprintf("paragraph %d", paras)
		}
	}
}

// next returns the next token, tracking and capping the nesting depth.
// Character data is copied so that it survives the following call.
func (p *bodyParser) next() (xml.Token, error) {
	tok, err := p.dec.Token()
	if err != nil {
		if err == io.EOF && p.depth > 0 {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, err
	}
	switch t := tok.(type) {
	case xml.StartElement:
		p.depth++
		if p.depth > MaxDepth {
			return nil, fmt.Errorf("XML nested deeper than %d elements", MaxDepth)
		}
	case xml.EndElement:
		p.depth--
	case xml.CharData:
		return t.Copy(), nil
	}
	return tok, nil
}

// skip consumes the rest of the element whose start was just read.
func (p *bodyParser) skip() error {
	for level := 1; level > 0; {
		tok, err := p.next()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			level++
		case xml.EndElement:
			level--
		}
	}
	return nil
}

// container returns the blocks inside el (w:body, w:sdtContent, a text box,
// a table cell …), consuming el up to its end tag.
func (p *bodyParser) container(el xml.StartElement) ([]layout.Block, error) {
	var blocks []layout.Block
	for {
		tok, err := p.next()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			bs, err := p.element(t)
			if err != nil {
				return nil, err
			}
			blocks = append(blocks, bs...)
		case xml.EndElement:
			return blocks, nil
		}
	}
}

// element consumes one child element of a container and returns its blocks.
func (p *bodyParser) element(el xml.StartElement) ([]layout.Block, error) {
	switch {
	case isW(el.Name, "p"):
		return p.paragraph()
	case isW(el.Name, "tbl"):
		return p.table()
	case isSkipped(el.Name):
		return nil, p.skip()
	default: // w:sdt, w:sdtContent, w:customXml, w:ins, mc:Choice …
		return p.container(el)
	}
}

// isW reports whether name is the WordprocessingML element local.
func isW(name xml.Name, local string) bool {
	return name.Local == local && (name.Space == nsW || name.Space == nsWStrict)
}

// isSkipped reports whether an element's content is not document text.
func isSkipped(name xml.Name) bool {
	if name.Space == nsMC {
		return name.Local == "Fallback" // the Choice branch holds the same content
	}
	return skipped[name.Local] && (name.Space == nsW || name.Space == nsWStrict)
}
