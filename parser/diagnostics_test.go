package parser

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gongkai/corpus"
)

func TestPositionOf(t *testing.T) {
	tests := map[string]position{
		"":                       {},
		"document":               {},
		"page 3":                 {3, 0, 0, 0, 0},
		"page 12, table 三 row 5": {12, 0, 3, 5, 0},
		"table 三 row 17":         {0, 0, 3, 17, 0},
		"table 三":                {0, 0, 3, 0, 0},
		"table 二 第二十条第（八）项":      {0, 0, 2, 8, 0},
		"page 2, table 二 第二十条第（一）项": {2, 0, 2, 1, 0},
		"table 四 column 11":         {0, 0, 4, 0, 11},
		"line 40":                   {0, 40, 0, 0, 0},
		"block 7":                   {0, 7, 0, 0, 0},
		"paragraph 12":              {0, 12, 0, 0, 0},
		"table 3":                   {0, 3, 0, 0, 0},
		"image 2":                   {0, 2, 0, 0, 0},
	}
	for where, want := range tests {
		if got := positionOf(where); got != want {
			t.Errorf("positionOf(%q) = %v, want %v", where, got, want)
		}
	}
}

// TestSortDiagnostics: page, then place in the document, then table, row
// and column; equal positions keep the order they were made in.
func TestSortDiagnostics(t *testing.T) {
	d := func(where, msg string) corpus.Diagnostic {
		return corpus.Diagnostic{Severity: corpus.SevInfo, Where: where, Message: msg}
	}
	got := []corpus.Diagnostic{
		d("table 四 column 3", "r1"),
		d("page 2, table 三 row 10", "p2-row10"),
		d("table 三 row 10", "row10"),
		d("", "year-a"),
		d("table 三 row 2", "row2"),
		d("page 1", "p1"),
		d("table 二 第二十条第（五）项", "item5"),
		d("table 三 row 2", "row2-second"),
		d("table 三", "t3"),
		d("document", "year-b"),
		d("page 2, table 三 row 1", "p2-row1"),
		d("table 二 第二十条第（一）项", "item1"),
	}
	sortDiagnostics(got)
	var order []string
	for _, x := range got {
		order = append(order, x.Message)
	}
	want := []string{"year-a", "year-b", "item1", "item5", "t3", "row2", "row2-second", "row10", "r1", "p1", "p2-row1", "p2-row10"}
	if !slices.Equal(order, want) {
		t.Errorf("order %v\nwant  %v", order, want)
	}
}

// TestDiagnosticsInOrder parses reports whose stages make diagnostics out
// of position order — the table reading first, then the year (which has
// no position) — and checks that the record has them in order: a generated
// report with no year in its title and an extra value in table 三's first
// row, then the generated fixtures in every format and the real samples.
func TestDiagnosticsInOrder(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "synth", "example-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), "罗山街道办事处2025年政府信息公开年度报告", "罗山街道办事处政府信息公开年度报告", 1)
	s = strings.Replace(s, "一、本年新收政府信息公开申请数量\n\t3\n", "一、本年新收政府信息公开申请数量\n\t3\n\t9\n", 1)
	if s == string(data) {
		t.Fatal("the fixture changed: the edits no longer apply")
	}
	r, err := Parse(context.Background(), []byte(s), "edited.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range r.Diagnostics {
		got = append(got, d.Where+": "+d.Message)
	}
	if len(r.Diagnostics) < 2 || r.Diagnostics[0].Where != "" || !strings.Contains(r.Diagnostics[0].Message, "reporting year") || !strings.HasPrefix(r.Diagnostics[1].Where, "table 三 row 1") {
		t.Errorf("diagnostics %q, want the year's (no position) first, then table 三 row 1's", got)
	}

	files, _ := filepath.Glob(filepath.Join("..", "testdata", "synth", "*.*"))
	if d, why := findSamples(); d != "" {
		more, _ := filepath.Glob(filepath.Join(d, "*-*.*"))
		files = append(files, more...)
	} else {
		t.Log(why, "(only the generated fixtures are checked)")
	}
	checked := 0
	for _, f := range files {
		switch filepath.Ext(f) {
		case ".json", ".doc":
			continue // truth files; .doc needs LibreOffice (TestSynthRenditions covers it)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Parse(context.Background(), data, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i, dg := range r.Diagnostics {
			cur, prev := positionOf(dg.Where), positionOf(r.Diagnostics[max(i-1, 0)].Where)
			if slices.Compare(prev[:], cur[:]) > 0 {
				t.Errorf("%s: diagnostic %d (%q) comes after %q", filepath.Base(f), i, dg.Where, r.Diagnostics[i-1].Where)
			}
		}
		checked++
	}
	t.Logf("%d files parsed", checked)
}
