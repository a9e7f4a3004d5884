package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/parser/html"
)

// TestOCRUncertainCell: a table cell OCR marked uncertain keeps its place
// (the values after it stay in their columns), has no value, is flagged
// with its reading and confidence in a diagnostic; a value changed as a
// misreading would make a check fail, reported as possibly misread.
func TestOCRUncertainCell(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "synth", "example-2021.html"))
	if err != nil {
		t.Fatal(err)
	}
	read := func(edit func(text string) (string, bool, float64)) *corpus.Report {
		doc, err := html.Extract(data)
		if err != nil {
			t.Fatal(err)
		}
		done := false
		for i := range doc.Blocks {
			for _, row := range doc.Blocks[i].Rows {
				if len(row) < 8 || !strings.Contains(row[0].Text, "本年新收") || done {
					continue
				}
				c := &row[1] // 自然人
				c.Text, c.Uncertain, c.Conf = edit(c.Text)
				done = true
			}
		}
		if !done {
			t.Fatal("row 本年新收 not found")
		}
		doc.OCR = "tesseract (test)"
		return FromLayout(doc)
	}
	r := read(func(s string) (string, bool, float64) { return s + "|8", true, 0.41 })
	var cell *corpus.Cell
	for i := range r.Cells {
		if r.Cells[i].Key == "apply.new_received.natural_person" {
			cell = &r.Cells[i]
		}
	}
	if cell == nil || !cell.Uncertain || cell.Value != nil || cell.Confidence != 0.41 {
		t.Fatalf("cell = %+v, want uncertain, no value, confidence 0.41", cell)
	}
	if v := r.Tables.Apply["new_received"]; v[0] != nil || v[6] == nil {
		t.Errorf("new_received = %v: want the uncertain value null and the total still read", v)
	}
	if !hasDiag(r, "apply.new_received.natural_person: OCR reading") {
		t.Errorf("no diagnostic with the reading: %+v", r.Diagnostics)
	}
	// A misreading the engine was sure of: C1/C2 fail, named as possibly misread.
	r = read(func(s string) (string, bool, float64) { return "97", false, 0.95 })
	if !hasDiag(r, "possibly misread") || !hasDiag(r, "apply.new_received.natural_person") {
		t.Errorf("a failed check on OCR'd values is not reported as possibly misread: %+v", r.Diagnostics)
	}
}
