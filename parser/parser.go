package parser

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"gongkai/corpus"
	"gongkai/internal/debuglog"
	"gongkai/parser/doc"
	"gongkai/parser/docx"
	"gongkai/parser/html"
	"gongkai/parser/ocr"
	"gongkai/parser/pdf"
	"gongkai/parser/textenc"
)

// Version names the parser's logic; reports parsed by another version are
// re-parsed by `gongkai reparse --outdated`. Bump it when output changes.
const Version = "gongkai-parser/0.3.1"

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
			sortDiagnostics(r.Diagnostics)
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
