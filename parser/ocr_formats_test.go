package parser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/parser/ocr"
	"gongkai/synth"
)

func TestReasonNeedsOCR(t *testing.T) {
	err := fmt.Errorf("parse x.pdf: pdf: PDF has no usable text layer (3 pages): %w", fmt.Errorf("ocr: tesseract not found on PATH: %w", ocr.ErrNoEngine))
	if got := Reason(err); got != "needs-ocr" {
		t.Errorf("Reason = %q, want needs-ocr", got)
	}
	if !strings.Contains(ocr.ErrNoEngine.Error(), "tesseract-ocr-chi-sim") {
		t.Errorf("the error does not name the Debian packages: %v", ocr.ErrNoEngine)
	}
}

// TestOCRImageDOCX: a .docx made only of page images (a scan pasted into
// Word) imports with its tables read by OCR.
func TestOCRImageDOCX(t *testing.T) {
	needOCRTools(t)
	pdf, err := os.ReadFile(filepath.Join("..", "testdata", "synth", "example-2021.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	var truth corpus.Report
	if err := readJSON(filepath.Join("..", "testdata", "synth", "example-2021.truth.json"), &truth); err != nil {
		t.Fatal(err)
	}
	pages, err := synth.ScanPages(context.Background(), pdf, synth.Scan{DPI: 200, Quality: 85})
	if err != nil {
		t.Fatal(err)
	}
	docx, err := synth.ImageDOCX(pages, 200)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(context.Background(), docx, "scan.docx")
	if err != nil {
		t.Fatal(err)
	}
	if r.Source.Format != "docx" || !strings.Contains(r.Source.OCR, "tesseract") {
		t.Errorf("source %+v: want a docx read by tesseract", r.Source)
	}
	n, right, unc, wrong := synth.ScoreCells(r.Cells, truth.Cells, "")
	t.Logf("image docx: %d cells, %d right, %d uncertain, %d wrong", n, right, unc, len(wrong))
	if len(wrong) > 0 || right*100 < n*95 {
		t.Errorf("image docx: %d of %d right, %d uncertain; wrong without a flag: %v", right, n, unc, wrong)
	}
	if r.Year != truth.Year || r.Template != truth.Template || r.OfficeFull != truth.OfficeFull {
		t.Errorf("metadata %s %d %s, want %s %d %s", r.OfficeFull, r.Year, r.Template, truth.OfficeFull, truth.Year, truth.Template)
	}
}

// TestOCRHTMLTablePicture: an HTML page whose table 三 is pasted as a
// picture, imported from disk with the picture beside it, gets table 三
// from OCR; without the picture the page still imports, with a
// diagnostic naming it.
func TestOCRHTMLTablePicture(t *testing.T) {
	needOCRTools(t)
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not found: apt-get install libreoffice-writer-nogui (renders the table picture)")
	}
	spec, page, pic, err := synth.TablePictureReport(context.Background(), "report_files/table3.png", 120)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "report.html")
	if err := os.WriteFile(name, page, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := Parse(context.Background(), page, name)
	if err != nil {
		t.Fatal(err)
	}
	if r.Tables.Apply != nil || r.Source.OCR != "" {
		t.Fatalf("without its picture the page has table 三 (%v) or says OCR %q", r.Tables.Apply != nil, r.Source.OCR)
	}
	if !hasDiag(r, "report_files/table3.png") {
		t.Errorf("no diagnostic names the missing picture: %+v", r.Diagnostics)
	}
	if err := os.MkdirAll(filepath.Join(dir, "report_files"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report_files", "table3.png"), pic, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err = Parse(context.Background(), page, name)
	if err != nil {
		t.Fatal(err)
	}
	if r.Tables.Apply == nil || !strings.Contains(r.Source.OCR, "picture") {
		t.Fatalf("table 三 not read from the picture (OCR %q): %+v", r.Source.OCR, r.Diagnostics)
	}
	n, right, unc, wrong := synth.ScoreCells(r.Cells, spec.Truth.Cells, "apply.")
	t.Logf("table 三 picture: %d cells, %d right, %d uncertain, %d wrong", n, right, unc, len(wrong))
	if len(wrong) > 0 || right*100 < n*95 {
		t.Errorf("table 三 picture: %d of %d right, %d uncertain; wrong without a flag: %v", right, n, unc, wrong)
	}
}

func hasDiag(r *corpus.Report, s string) bool {
	for _, d := range r.Diagnostics {
		if strings.Contains(d.Message, s) {
			return true
		}
	}
	return false
}

func TestLocalImagesStaysBesideThePage(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "sub", "page.html")
	for _, src := range []string{"../secret.png", "/etc/passwd", "http://example.com/a.png", "a/../../x.png"} {
		if _, err := LocalImages(context.Background(), base, src); !errors.Is(err, ErrNoImage) {
			t.Errorf("LocalImages(%q) = %v, want ErrNoImage", src, err)
		}
	}
	if b, err := LocalImages(context.Background(), base, "data:image/png;base64,iVBORw0KGgo="); err != nil || len(b) != 8 {
		t.Errorf("data URI: %v %d bytes", err, len(b))
	}
}
