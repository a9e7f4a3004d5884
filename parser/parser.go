// Package parser turns the bytes of an annual report (HTML, PDF, DOCX, DOC,
// WPS, plain text, Markdown) into a corpus.Report: format and encoding
// detected from content, text extracted per format (one subpackage each)
// into the layout form, the national-template tables aligned by their row
// labels, the office, region, year and dates recognised, and the tables'
// own accounting rules checked.
//
// Parse never fails because a report is odd: oddities are diagnostics and
// failed checks. It fails only when the file cannot be read as a report at
// all (not a supported format, encrypted, no text layer, not a report).
package parser

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gongkai/corpus"
	"gongkai/internal/debuglog"
	"gongkai/parser/doc"
	"gongkai/parser/docx"
	"gongkai/parser/html"
	"gongkai/parser/layout"
	"gongkai/parser/ocr"
	"gongkai/parser/pdf"
	"gongkai/parser/textenc"
)

// Version names the parser's logic; reports parsed by another version are
// re-parsed by `gongkai reparse --outdated`. Bump it when output changes.
const Version = "gongkai-parser/0.3.0"

// Sentinel errors, wrapped in the errors Parse returns.
var (
	ErrUnsupported = errors.New("unsupported file format")
	ErrNotReport   = errors.New("not a government information disclosure annual report")
	ErrEmpty       = errors.New("empty file")
)

// Parse parses one file. name is the file's path or name, used for
// messages, the extension hint and Source.Path. ctx cancels what runs
// outside the process (a LibreOffice conversion, OCR). Pictures in an HTML
// page are read from beside the file (LocalImages).
//
// Parse is the boundary of one file: a panic in any stage (a bug) becomes
// an error naming the file and the stage and wrapping debuglog.ErrPanic,
// its stack trace goes to the debug log, and an import goes on with the
// other files.
func Parse(ctx context.Context, data []byte, name string) (rep *corpus.Report, err error) {
	return ParseWith(ctx, data, name, Options{Images: LocalImages})
}

// Options are what ParseWith needs beyond the bytes.
type Options struct {
	// Images loads the pictures of an HTML page that has no template
	// table, for OCR; nil reads none.
	Images ImageLoader
}

// ParseWith is Parse with options.
func ParseWith(ctx context.Context, data []byte, name string, opt Options) (rep *corpus.Report, err error) {
	stage := "detect"
	defer func() {
		if p := recover(); p != nil {
			rep, err = nil, fmt.Errorf("parse %s: %w", name, debuglog.Recovered(stage, "", p))
		}
	}()
	if len(data) == 0 {
		return nil, fmt.Errorf("parse %s: %w", name, ErrEmpty)
	}
	f, err := Detect(data, name)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	stage = "extract " + f.Name
	doc, err := f.Extract(ctx, data)
	if err != nil && errors.Is(err, html.ErrNoContent) && doc != nil && len(doc.Images) > 0 && opt.Images != nil {
		err = nil // a page that is only pictures: read them below
	}
	if errors.Is(err, html.ErrNoContent) {
		// A page of site chrome and links only: a column or listing page.
		return nil, fmt.Errorf("parse %s: %w: a page without a text body (a listing or navigation page)", name, ErrNotReport)
	}
	if err != nil {
		if strings.HasPrefix(err.Error(), f.Name+":") {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		return nil, fmt.Errorf("parse %s: %s: %w", name, f.Name, err)
	}
	sum := sha256.Sum256(data)
	r := fromLayout(doc, &stage)
	if doc.Format == "html" && r.Tables.Apply == nil && len(doc.Images) > 0 {
		stage = "OCR of pictures"
		n := len(doc.Diagnostics)
		if ocrPageImages(ctx, doc, name, opt.Images) {
			r = fromLayout(doc, &stage)
		} else {
			r.Diagnostics = append(r.Diagnostics, doc.Diagnostics[n:]...)
		}
	}
	r.Source = corpus.Source{Path: name, SHA256: hex.EncodeToString(sum[:]), Format: doc.Format, Encoding: doc.Encoding, Size: int64(len(data)), Pages: doc.Pages}
	r.Source.OCR = doc.OCR
	r.ID = r.Source.SHA256[:12]
	if ok, missing := Classify(evidenceOf(r, doc)); !ok {
		return nil, fmt.Errorf("parse %s: %w: %s", name, ErrNotReport, strings.Join(missing, "; "))
	}
	return r, nil
}

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
	st := newStream(doc)
	alignTables(r, st)
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
	return r
}

// alignTables finds and reads tables 二, 三 and 四, detecting each table's
// template from its own headers (reference §2.7).
func alignTables(r *corpus.Report, st *stream) {
	rg := st.locate()
	r.Template = corpus.TemplateUnknown
	if rg.t3[0] >= 0 {
		tpl := corpus.Template2019
		if st.containsAny(applyMarkers2021, rg.t3[0], rg.t3[1]) {
			tpl = corpus.Template2021
		}
		r.Templates["apply"] = tpl
		r.Templates["review"] = tpl
		putApply(r, st.alignApply(rg, tpl))
		r.Template = tpl
	}
	if rg.t2[0] >= 0 {
		has21 := st.containsAny(activeMarkers2021, rg.t2[0], rg.t2[1])
		has19 := st.containsAny(activeMarkers2019, rg.t2[0], rg.t2[1])
		tpl := r.Templates["apply"]
		switch {
		case has21 && !has19:
			tpl = corpus.Template2021
		case has19 && !has21:
			tpl = corpus.Template2019
		case tpl == "":
			tpl = corpus.Template2021
			r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: corpus.SevWarning, Message: "table 二: template markers not found; read as 2021", Where: "table 二"})
		}
		r.Templates["active"] = tpl
		rows, defs := st.alignActive(rg, tpl)
		putActive(r, rows, defs)
		if r.Template == corpus.TemplateUnknown {
			r.Template = tpl
		}
		if a := r.Templates["apply"]; a != "" && a != tpl {
			// A hybrid (seen: a 2023 report with the 2021 table 二 and a table
			// 三 whose （六）其他处理 has no sub-rows). Table 二's 2021 headers
			// cannot appear in a 2019-form report, while a 2021 table 三 can
			// lack its sub-rows, so the report counts as the newer template;
			// each table keeps its own template in Templates.
			r.Template = max(tpl, a)
			r.Diagnostics = append(r.Diagnostics, corpus.Diagnostic{Severity: corpus.SevWarning, Message: fmt.Sprintf("hybrid: table 二 follows the %s template, table 三 the %s template; the report counts as %s", tpl, a, r.Template)})
		}
	}
	if rg.t4[0] >= 0 {
		putReview(r, st.alignReview(rg))
		if r.Templates["review"] == "" {
			r.Templates["review"] = r.Template
		}
	}
}

// Reason classifies a Parse error into a short, stable code for the
// failures ledger ("no-text-layer" lists the files that need OCR;
// "internal-error" a recovered panic, whose stage the error names).
func Reason(err error) string {
	for _, r := range []struct {
		target error
		code   string
	}{
		{ocr.ErrNoEngine, "needs-ocr"},
		{pdf.ErrNoTextLayer, "no-text-layer"},
		{pdf.ErrEncrypted, "encrypted"},
		{doc.ErrEncrypted, "encrypted"},
		{doc.ErrNoConverter, "needs-libreoffice"},
		{doc.ErrTimeout, "convert-timeout"},
		{ErrNotReport, "not-a-report"},
		{ErrEmpty, "empty"},
		{pdf.ErrNotPDF, "corrupt-pdf"},
		{debuglog.ErrPanic, "internal-error"}, // a bug, or a decoder that could not cope
		{docx.ErrNotDOCX, "corrupt-docx"},
		{docx.ErrMalformed, "corrupt-docx"},
		{docx.ErrTooLarge, "too-large"},
		{doc.ErrUnsupported, "unsupported-format"},
		{ErrUnsupported, "unsupported-format"},
		{textenc.ErrBinary, "binary"},
	} {
		if errors.Is(err, r.target) {
			return r.code
		}
	}
	return "parse-error"
}
