package parser

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/debuglog"
	"gongkai/parser/doc"
	"gongkai/parser/layout"
)

// TestParse_PanicNamesFileAndStage: a panic in a stage becomes an error
// naming the file and the stage, with no stack trace in it (the stack goes
// to the debug log), classified internal-error for the failures ledger.
func TestParse_PanicNamesFileAndStage(t *testing.T) {
	log := filepath.Join(t.TempDir(), "debug.log")
	t.Setenv("GONGKAI_DEBUG_LOG", log)
	old := pdfFormat
	t.Cleanup(func() { pdfFormat = old })
	pdfFormat = Format{Name: "pdf", Extract: func(context.Context, []byte) (*layout.Document, error) {
		var d *layout.Document
		return d, errors.New(d.Blocks[0].Text) // a nil dereference in the extractor
	}}
	_, err := Parse(context.Background(), []byte("%PDF-1.4\n"), "dir/report.pdf")
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if !strings.Contains(msg, "dir/report.pdf") || !strings.Contains(msg, "extract pdf") || strings.Contains(msg, "goroutine") {
		t.Errorf("error %q: want the file and the stage, no stack", msg)
	}
	if !errors.Is(err, debuglog.ErrPanic) || Reason(err) != "internal-error" {
		t.Errorf("reason %q for %v", Reason(err), err)
	}
	if b, _ := os.ReadFile(log); !strings.Contains(string(b), "goroutine") {
		t.Errorf("no stack trace in the debug log:\n%s", b)
	}
}

// TestParse_ContextCancelsConversion: a cancelled context stops a
// LibreOffice conversion, and Parse says so.
func TestParse_ContextCancelsConversion(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("doc", "testdata", "report.doc"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Parse(ctx, data, "report.doc")
	if errors.Is(err, doc.ErrNoConverter) {
		t.Skip("LibreOffice (soffice, Debian package libreoffice-writer) is not installed")
	}
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "report.doc") {
		t.Fatalf("Parse with a cancelled context: %v, want context.Canceled naming the file", err)
	}
}
