package html

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"gongkai/parser/layout"
)

// FuzzExtract checks that Extract never panics or hangs, returns either a
// document or a sentinel-classified error, and produces well-formed
// blocks: valid UTF-8, spans within bounds, no empty paragraphs.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		// Large seeds slow the instrumented fuzzer to a crawl; the golden
		// tests cover them.
		if len(data) <= 16<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte("<table><tr><td rowspan=0 colspan=99999>x</td></tr></table>"))
	f.Add([]byte(strings.Repeat("<div>", 600) + "正文"))
	f.Add([]byte("<p>索引号：1 发布时间：2 来源：</p>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Extract(data)
		if err != nil {
			if !errors.Is(err, ErrNotHTML) && !errors.Is(err, ErrNoContent) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unclassified error: %v", err)
			}
			if doc == nil {
				return
			}
		}
		for _, b := range doc.Blocks {
			checkBlock(t, b)
		}
	})
}

func checkBlock(t *testing.T, b layout.Block) {
	t.Helper()
	if b.Kind != layout.Table {
		if b.Text == "" || !utf8.ValidString(b.Text) || strings.TrimSpace(b.Text) != b.Text {
			t.Fatalf("bad paragraph %q", b.Text)
		}
		return
	}
	for r, row := range b.Rows {
		for _, c := range row {
			if c.RowSpan < 1 || c.ColSpan < 1 || c.ColSpan > maxSpan || r+c.RowSpan > len(b.Rows) {
				t.Fatalf("bad spans %+v in row %d of %d", c, r, len(b.Rows))
			}
			if !utf8.ValidString(c.Text) {
				t.Fatalf("invalid UTF-8 in cell %q", c.Text)
			}
		}
	}
}
