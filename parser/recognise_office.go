package parser

import (
	"strings"

	"gongkai/corpus"
	"gongkai/parser/layout"
	"gongkai/parser/office"
)

// recognise fills the office, region, level and kind from the title, the
// page metadata, the letterhead and the signature block.
func recognise(r *corpus.Report, doc *layout.Document, text string) {
	lines := strings.Split(text, "\n")
	head := strings.Join(lines[:min(len(lines), 40)], "\n")
	tail := strings.Join(lines[max(0, len(lines)-15):], "\n")
	res := office.Recognize(office.Input{Title: r.Title, Meta: doc.Meta, Head: head, Body: text, Tail: tail, OCR: doc.OCR != ""})
	r.Office, r.OfficeFull, r.Region = res.Office, res.OfficeFull, res.Region
	// GB/T 2260 codes have 6 digits (350000 a province, 350500 a city);
	// towns keep their 9-digit statistical codes.
	if n := len(r.Region.Code); n > 0 && n < 6 {
		r.Region.Code += strings.Repeat("0", 6-n)
	}
	if res.Level != "" {
		r.Level = res.Level
	}
	if res.Kind != "" {
		r.Kind = res.Kind
	}
	if r.Office == "" {
		r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: corpus.SevWarning, Message: "reporting office not recognised"})
	}
}
