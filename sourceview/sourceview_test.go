package sourceview

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"gongkai/corpus"
	"gongkai/parser"
)

// parsed returns the synth fixture's bytes and its report.
func parsed(t *testing.T, name string) ([]byte, *corpus.Report) {
	t.Helper()
	path := filepath.Join("..", "testdata", "synth", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := parser.Parse(context.Background(), data, path)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return data, rep
}

// marked parses a view and returns its marked element and the texts of
// all its cells by count.
func marked(t *testing.T, out []byte) (*goquery.Selection, map[string]int) {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	m := doc.Find("#" + MarkID)
	if m.Length() != 1 {
		t.Fatalf("%d elements marked, want 1", m.Length())
	}
	count := map[string]int{}
	doc.Find("td, th").Each(func(_ int, c *goquery.Selection) { count[strings.TrimSpace(c.Text())]++ })
	return m, count
}

// TestCellPaths marks the cell of every located value of table 三 in the
// HTML and DOCX fixtures. The marked cell holds the value's text; it is
// the value's column among the row's last 7 cells; and the rows come in
// the template's order, each below the one before. Text alone would not
// tell the cells apart: most values are 0.
func TestCellPaths(t *testing.T) {
	for _, tc := range []struct {
		file string
		view func(data []byte, path string) ([]byte, error)
	}{
		{"template-2019.html", HTML},
		{"example-2021.html", HTML},
		{"template-2019.docx", func(d []byte, p string) ([]byte, error) { return DOCX(d, p, "t") }},
		{"city-large.docx", func(d []byte, p string) ([]byte, error) { return DOCX(d, p, "t") }},
	} {
		t.Run(tc.file, func(t *testing.T) {

			data, rep := parsed(t, tc.file)
			n, unique := 0, 0
			lastRow, lastKey := -1, ""
			for _, c := range rep.Cells {
				if !strings.HasPrefix(c.Key, "apply.") || c.At == nil || c.State == corpus.StateBlank {
					continue
				}
				out, err := tc.view(data, c.At.Path)
				if err != nil {
					t.Fatalf("%s at %q: %v", c.Key, c.At.Path, err)
				}
				m, count := marked(t, out)
				if got := strings.TrimSpace(m.Text()); got != c.Raw {
					t.Errorf("%s = %q: the cell at %s holds %q", c.Key, c.Raw, c.At.Path, got)
				}
				parts := strings.Split(c.Key, ".")
				col := slices.Index(corpus.ApplyColumns, parts[len(parts)-1])
				tr := m.Parent()
				cells := tr.Children().Filter("td, th")
				if at := cells.IndexOfSelection(m); col < 0 || at != cells.Length()-7+col {
					t.Errorf("%s: marked cell %d of %d in its row, want column %d of the last 7", c.Key, at, cells.Length(), col)
				}
				row := m.Closest("html").Find("tr").IndexOfSelection(tr) // in document order
				rowKey := strings.Join(parts[:len(parts)-1], ".")
				if rowKey != lastKey {
					if row <= lastRow {
						t.Errorf("%s: row %d is not below the previous row's %d", c.Key, row, lastRow)
					}
					lastRow, lastKey = row, rowKey
				}
				n++
				if count[c.Raw] == 1 {
					unique++
				}
			}
			if n < 7*20 {
				t.Errorf("%d values of table 三 located, want every one", n)
			}
			t.Logf("%d values of table 三 marked in their cells (%d printed once in the page)", n, unique)
		})
	}
}

// TestWordCells marks cells of a Word 97-2003 fixture, converted by
// LibreOffice as the parser converted it (seconds per conversion: a few
// values only, the first and last of table 三).
func TestWordCells(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not found (Debian: libreoffice-writer): .doc needs LibreOffice")
	}
	data, rep := parsed(t, "template-2019.doc")
	var cells []corpus.Cell
	for _, c := range rep.Cells {
		if strings.HasPrefix(c.Key, "apply.") && c.At != nil && c.Raw != "" {
			cells = append(cells, c)
		}
	}
	if len(cells) < 7*20 {
		t.Fatalf("%d values of table 三 located", len(cells))
	}
	for _, c := range []corpus.Cell{cells[0], cells[len(cells)-1]} {
		out, err := Word(context.Background(), data, c.At.Path, "t")
		if err != nil {
			t.Fatalf("%s at %q: %v", c.Key, c.At.Path, err)
		}
		m, _ := marked(t, out)
		if got := strings.TrimSpace(m.Text()); got != c.Raw {
			t.Errorf("%s = %q: the cell at %s holds %q", c.Key, c.Raw, c.At.Path, got)
		}
	}
}

// TestTextLines marks the line of every located value of the text and
// Markdown fixtures: the line holds the value's text.
func TestTextLines(t *testing.T) {
	for _, name := range []string{"template-2019.txt", "template-2019.md"} {
		t.Run(name, func(t *testing.T) {
			data, rep := parsed(t, name)
			n := 0
			for _, c := range rep.Cells {
				if c.At == nil || c.Raw == "" {
					continue
				}
				out, err := Text(data, c.At.Line, "t")
				if err != nil {
					t.Fatalf("%s: %v", c.Key, err)
				}
				m, _ := marked(t, out)
				if num := m.Find("td.n").Text(); num != strconv.Itoa(c.At.Line) || !strings.Contains(m.Text(), c.Raw) {
					t.Errorf("%s = %q: marked line %s %q", c.Key, c.Raw, num, m.Text())
				}
				n++
			}
			if n < 100 {
				t.Errorf("%d values located by line", n)
			}
		})
	}
}

// TestBadPlaces: a path or line that names nothing is an error saying so,
// never a page with nothing marked.
func TestBadPlaces(t *testing.T) {
	data, _ := parsed(t, "template-2019.html")
	for _, p := range []string{"", "table[99]/tr[1]/td[1]", "table[1]/tr[999]/td[1]", "table[1]/tr[1]/td[999]", "tbl[1]/tr[1]/tc[1]"} {
		if _, err := HTML(data, p); err == nil {
			t.Errorf("HTML path %q: no error", p)
		}
	}
	if _, err := Text([]byte("a\nb\n"), 9, "t"); err == nil {
		t.Error("line 9 of 3: no error")
	}
	ddata, _ := parsed(t, "template-2019.docx")
	if _, err := DOCX(ddata, "tbl[9]/tr[1]/tc[1]", "t"); err == nil {
		t.Error("DOCX path to no table: no error")
	}
}
