package synth

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// docxParts are the fixed parts of the package besides document.xml and core.xml.
var docxParts = []struct{ name, body string }{
	{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`},
	{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`},
	{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`},
	{"docProps/app.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application></Properties>`},
}

// RenderDOCX renders a report as a WordprocessingML package written with
// archive/zip: document.xml with w:tbl tables whose merged cells use
// w:gridSpan and w:vMerge restart/continue, plus [Content_Types].xml, the
// relationships, core.xml (title, creator, dates) and app.xml. The bytes are
// deterministic (fixed zip timestamps).
func RenderDOCX(s Spec) ([]byte, error) {
	m := buildModel(&s)
	var doc strings.Builder
	doc.Grow(64 << 10)
	writeDocument(&doc, m)
	when, err := time.Parse("2006-01-02", s.Truth.Published)
	if err != nil {
		when = time.Date(s.Truth.Year+1, 1, 15, 0, 0, 0, 0, time.UTC)
	}
	core := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title><dc:creator>%s</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>`,
		xmlText(s.Truth.Title), xmlText(s.Signer), when.Add(-72*time.Hour).Format(time.RFC3339), when.Format(time.RFC3339))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stamp := time.Date(when.Year(), when.Month(), when.Day(), 9, 0, 0, 0, time.UTC)
	parts := append([]struct{ name, body string }{}, docxParts[:1]...)
	parts = append(parts, docxParts[1], struct{ name, body string }{"word/document.xml", doc.String()}, docxParts[2],
		struct{ name, body string }{"docProps/core.xml", core}, docxParts[3])
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return nil, fmt.Errorf("docx %s: %w", p.name, err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, fmt.Errorf("docx %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return buf.Bytes(), nil
}

// xmlText escapes character data.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func writeDocument(b *strings.Builder, m *model) {
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:document xmlns:w="` + wNS + `"><w:body>`)
	para(b, m.title, `<w:jc w:val="center"/>`, `<w:b/><w:sz w:val="44"/>`)
	for _, blk := range m.blocks {
		switch blk.kind {
		case kHeading:
			para(b, blk.text, `<w:ind w:firstLine="640"/>`, `<w:b/><w:sz w:val="32"/>`)
		case kPara:
			para(b, blk.text, `<w:ind w:firstLine="640"/>`, `<w:sz w:val="32"/>`)
		case kTable:
			writeDocxTable(b, blk.tab)
			b.WriteString("<w:p/>")
		}
	}
	para(b, m.signer, `<w:jc w:val="right"/>`, `<w:sz w:val="32"/>`)
	para(b, m.date, `<w:jc w:val="right"/>`, `<w:sz w:val="32"/>`)
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1080" w:bottom="1440" w:left="1080" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
}

// para writes one paragraph with one run; text may hold "\n" (a w:br).
func para(b *strings.Builder, text, pPr, rPr string) {
	b.WriteString("<w:p><w:pPr>" + pPr + "</w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"宋体\"/>" + rPr + "</w:rPr>")
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		b.WriteString(`<w:t xml:space="preserve">` + xmlText(line) + "</w:t>")
	}
	b.WriteString("</w:r></w:p>")
}

func writeDocxTable(b *strings.Builder, t *mtable) {
	const total = 9700 // text width in twips
	col := total / t.cols
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(col*t.cols) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, e := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + e + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for i := 0; i < t.cols; i++ {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, col)
	}
	b.WriteString("</w:tblGrid>")
	for _, row := range t.slots() {
		b.WriteString("<w:tr>")
		for _, sl := range row {
			cs := max(sl.cell.cs, 1)
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, col*cs)
			if cs > 1 {
				fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, cs)
			}
			switch {
			case sl.cont:
				b.WriteString(`<w:vMerge/>`)
			case sl.cell.rs > 1:
				b.WriteString(`<w:vMerge w:val="restart"/>`)
			}
			b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			if sl.cont || sl.cell.text == "" {
				b.WriteString(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>`)
			} else {
				para(b, sl.cell.text, `<w:jc w:val="center"/>`, `<w:sz w:val="21"/>`)
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
}
