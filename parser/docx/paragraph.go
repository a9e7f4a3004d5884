package docx

import (
	"encoding/xml"
	"strings"

	"gongkai/parser/layout"
)

// paraProps are the paragraph properties that decide a heading.
type paraProps struct {
	style   string
	outline string // direct w:outlineLvl, "" when absent
}

// paragraph consumes a w:p whose start was just read. It returns the
// paragraph's block (none when it has no text) followed by the blocks of
// any text boxes anchored in it.
func (p *bodyParser) paragraph() ([]layout.Block, error) {
	var (
		sb    strings.Builder
		props paraProps
		boxes []layout.Block
	)
	for level := 1; level > 0; {
		tok, err := p.next()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			level--
		case xml.StartElement:
			consumed, err := p.inline(t, &sb, &props, &boxes)
			if err != nil {
				return nil, err
			}
			if !consumed {
				level++
			}
		}
	}
	text := strings.TrimSpace(sb.String())
	if text == "" {
		return boxes, nil
	}
	b := layout.Block{Kind: layout.Para, Text: text}
	if p.headingLevel(props) > 0 {
		b.Kind = layout.Heading
	}
	return append([]layout.Block{b}, boxes...), nil
}

// inline handles one element inside a paragraph. It reports whether it
// consumed the element up to its end tag; when it did not, the caller
// walks into the element's children.
func (p *bodyParser) inline(el xml.StartElement, sb *strings.Builder, props *paraProps, boxes *[]layout.Block) (bool, error) {
	if el.Name.Space == nsMC && el.Name.Local == "Fallback" {
		return true, p.skip()
	}
	if el.Name.Local == "txbxContent" { // text box (w: namespace) in a drawing or VML shape
		bs, err := p.container(el)
		*boxes = append(*boxes, bs...)
		return true, err
	}
	if el.Name.Space != nsW && el.Name.Space != nsWStrict {
		return false, nil // drawings, math, markup compatibility: walk in
	}
	switch el.Name.Local {
	case "pPr":
		return true, p.paraProps(props)
	case "t":
		return true, p.charData(sb)
	case "tab", "ptab":
		sb.WriteByte('\t')
	case "br", "cr":
		sb.WriteByte('\n')
	case "noBreakHyphen":
		sb.WriteByte('-')
	default:
		if skipped[el.Name.Local] {
			return true, p.skip()
		}
		return false, nil
	}
	return true, p.skip()
}

// charData appends the text content of the element just started.
func (p *bodyParser) charData(sb *strings.Builder) error {
	for level := 1; level > 0; {
		tok, err := p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			sb.Write(t)
		case xml.StartElement:
			level++
		case xml.EndElement:
			level--
		}
	}
	return nil
}

// paraProps reads a w:pPr for its style and outline level.
func (p *bodyParser) paraProps(props *paraProps) error {
	for level := 1; level > 0; {
		tok, err := p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case level == 1 && isW(t.Name, "pStyle"):
				props.style = wVal(t)
			case level == 1 && isW(t.Name, "outlineLvl"):
				props.outline = wVal(t)
			}
			level++
		case xml.EndElement:
			level--
		}
	}
	return nil
}

// headingLevel returns the paragraph's heading level, 0 for body text. A
// direct outline level overrides the style's.
func (p *bodyParser) headingLevel(props paraProps) int {
	if props.outline != "" {
		return outlineLevel(props.outline)
	}
	return p.styles[props.style]
}

// wVal returns an element's w:val attribute.
func wVal(el xml.StartElement) string {
	for _, a := range el.Attr {
		if a.Name.Local == "val" {
			return a.Value
		}
	}
	return ""
}
