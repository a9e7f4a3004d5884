package html

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/internal/golden"
	"gongkai/parser/layout"
)

// goldenDoc is the JSON form of a layout.Document in golden files, with
// block kinds spelled out.
type goldenDoc struct {
	Format      string              `json:"format"`
	Encoding    string              `json:"encoding"`
	Title       string              `json:"title"`
	Meta        map[string]string   `json:"meta"`
	Blocks      []goldenBlock       `json:"blocks"`
	Diagnostics []corpus.Diagnostic `json:"diagnostics,omitempty"`
}

type goldenBlock struct {
	Kind  string         `json:"kind"`
	Text  string         `json:"text,omitempty"`
	Rows  [][]goldenCell `json:"rows,omitempty"`
	Where string         `json:"where"`
}

// goldenCell is a cell; spans are given as printed. Every field is
// written, so a changed span shows in the diff.
type goldenCell struct {
	Text    string `json:"t"`
	RowSpan int    `json:"rs"`
	ColSpan int    `json:"cs"`
}

var kindNames = map[layout.Kind]string{layout.Para: "para", layout.Heading: "heading", layout.Table: "table"}

func toGolden(d *layout.Document) goldenDoc {
	g := goldenDoc{Format: d.Format, Encoding: d.Encoding, Title: d.Title, Meta: d.Meta, Diagnostics: d.Diagnostics}
	for _, b := range d.Blocks {
		gb := goldenBlock{Kind: kindNames[b.Kind], Text: b.Text, Where: b.Where}
		for _, r := range b.Rows {
			row := make([]goldenCell, len(r))
			for i, c := range r {
				row[i] = goldenCell{Text: c.Text, RowSpan: c.RowSpan, ColSpan: c.ColSpan}
			}
			gb.Rows = append(gb.Rows, row)
		}
		g.Blocks = append(g.Blocks, gb)
	}
	return g
}

func TestExtract_Golden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/*.html golden cases found")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".html")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(data)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got, err := marshalGolden(toGolden(doc))
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, strings.TrimSuffix(file, ".html")+".golden.json", got)
		})
	}
}

// marshalGolden writes indented JSON with each table cell on one line.
func marshalGolden(g goldenDoc) ([]byte, error) {
	out, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		return nil, err
	}
	return cellLine.ReplaceAll(out, []byte(`{"t": $1, "rs": $2, "cs": $3}`)), nil
}

var cellLine = regexp.MustCompile(`\{\s*"t": ("(?:[^"\\]|\\.)*"),\s*"rs": (\d+),\s*"cs": (\d+)\s*\}`)

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n want: %s\n  got: %s", i+1, wl, gl)
		}
	}
	return ""
}
