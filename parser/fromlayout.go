package parser

import (
	"strconv"
	"strings"

	"gongkai/corpus"
	"gongkai/parser/layout"
	"gongkai/parser/template"
	"gongkai/parser/text"
)

// MergedLinesKey marks documents whose lines were merged (text.MergedLinesKey).
const MergedLinesKey = text.MergedLinesKey

// firstText returns about n bytes of the document's text.
func firstText(doc *layout.Document, n int) string {
	var sb strings.Builder
	for i := range doc.Blocks {
		if sb.Len() > n {
			break
		}
		sb.WriteString(doc.Blocks[i].Text)
	}
	return sb.String()
}

// FromLayout builds the report record from an extracted document; Source
// and ID are left for the caller.
func FromLayout(doc *layout.Document) *corpus.Report {
	var stage string
	return fromLayout(doc, &stage)
}

// fromLayout is FromLayout, saying in *stage which step runs (for Parse's
// error when one panics).
func fromLayout(doc *layout.Document, stage *string) *corpus.Report {
	*stage = "title and sections"
	r := &corpus.Report{
		Schema:        corpus.ReportSchema,
		Templates:     map[string]string{},
		Sections:      []corpus.Section{},
		Cells:         []corpus.Cell{},
		Figures:       []corpus.Figure{},
		Checks:        []corpus.Check{},
		Diagnostics:   append([]corpus.Diagnostic{}, doc.Diagnostics...),
		ParserVersion: Version,
		Level:         "unknown",
		Kind:          "other",
	}
	text := doc.Text()
	r.Title = titleOf(doc)
	r.Sections = sectionsOf(text)
	*stage = "align tables"
	template.Align(r, doc)
	*stage = "recognise year and dates"
	page := pageDate(doc)
	var how string
	r.Year, how = yearOf(r.Title, text, page)
	if r.Year == 0 {
		r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: corpus.SevWarning, Message: "reporting year not found"})
	} else if how != "title" {
		r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: corpus.SevInfo, Message: "reporting year taken from the " + how})
	}
	r.Signed = signedOf(doc, r.Year)
	switch {
	case page != "":
		r.Published, r.PublishedFrom = page, corpus.PublishedFromPage
	case r.Signed != "":
		r.Published, r.PublishedFrom = r.Signed, corpus.PublishedFromSigned
	}
	if r.Year == 0 && r.Signed != "" {
		if y, _ := strconv.Atoi(r.Signed[:4]); y > 2000 {
			r.Year = y - 1
			r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: corpus.SevInfo, Message: "reporting year taken from the signature date"})
		}
	}
	if r.Template == corpus.TemplateUnknown && r.Year > 0 && r.Year < 2019 {
		r.Template = corpus.TemplateLegacy
	}
	*stage = "recognise office"
	recognise(r, doc, text)
	*stage = "figures"
	r.Figures = extractFigures(text, r.Year)
	*stage = "checks"
	check(r)
	if doc.OCR != "" {
		noteOCR(r)
	}
	*stage = "sort diagnostics"
	sortDiagnostics(r.Diagnostics)
	return r
}
