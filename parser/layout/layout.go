// Package layout is the intermediate form every format extractor produces:
// a document linearised into blocks (paragraphs, headings, tables) in
// reading order, plus page metadata. Template alignment (package parser)
// works on this form only, never on a format's own structures.
package layout

import (
	"fmt"
	"strings"

	"gongkai/corpus"
)

// Kind is the kind of a block.
type Kind int

const (
	Para    Kind = iota // a paragraph or one line of text
	Heading             // a heading (h1–h6, a Word heading style, a title line)
	Table               // a table: rows of cells
)

// Cell is one table cell as printed. Text keeps the cell's text with inner
// line breaks as "\n"; spans are 1 for an ordinary cell.
type Cell struct {
	Text    string
	RowSpan int
	ColSpan int
	// Conf is the recognition confidence (0–1) of a cell read by OCR; 0
	// for cells read from a text layer.
	Conf float64 `json:",omitempty"`
	// OCR marks a cell read by OCR (whatever its confidence, which may be
	// 0): its text is a reading, each value in a cell of its own.
	OCR bool `json:",omitempty"`
	// Uncertain marks an OCR reading that is not trusted (low confidence,
	// or two readings that disagree): Text holds the reading, and the value
	// is withheld.
	Uncertain bool `json:",omitempty"`
	// At is where the cell's text stands in the original (corpus.Loc);
	// nil when the extractor does not know.
	At *corpus.Loc `json:",omitempty"`
}

// Block is one unit of the document in reading order.
type Block struct {
	Kind Kind
	Text string // Para and Heading
	// Rows holds a table's cells as printed: a cell spanning several rows or
	// columns appears once, in the row where it starts. Empty cells are kept
	// (Text ""), so that blank values keep their place.
	Rows  [][]Cell
	Where string // where the block starts: "page 3", "line 12", "table 2"
	// At is where a paragraph or heading stands in the original (a table's
	// cells carry their own); nil when the extractor does not know.
	At *corpus.Loc `json:",omitempty"`
}

// Document is an extracted document.
type Document struct {
	Format   string // html|pdf|docx|doc|wps|text|markdown
	Encoding string // the encoding the bytes were decoded from
	Title    string // title from the format's metadata (<title>, docx core props), "" if none
	// Meta holds page metadata by label as the page prints it ("发布机构",
	// "发布日期", "索引号", "SiteName", "ColumnName", "url" …).
	Meta   map[string]string
	Blocks []Block
	Pages  int // PDF pages; 0 for other formats
	// OCR names the engine and version that read pages or images of the
	// document, and which ("tesseract 5.3.0: pages 1–5"); "" when none.
	OCR         string `json:",omitempty"`
	Diagnostics []corpus.Diagnostic
	// Images are the pictures the body shows (HTML <img>), where they
	// stand: a page whose table is pasted as a picture is read by OCR.
	Images []Image `json:",omitempty"`
}

// Image is a picture in the document body: its source as written (an
// HTML src) and the number of blocks before it.
type Image struct {
	Src   string
	Alt   string
	Block int
}

// Grid expands a table block into a rectangular grid: a cell spanning
// several rows or columns is repeated in every grid position it covers.
func (b *Block) Grid() [][]string {
	var grid [][]string
	occupied := map[[2]int]bool{}
	put := func(r, c int, s string) {
		for len(grid) <= r {
			grid = append(grid, nil)
		}
		for len(grid[r]) <= c {
			grid[r] = append(grid[r], "")
		}
		grid[r][c] = s
		occupied[[2]int{r, c}] = true
	}
	for r, row := range b.Rows {
		c := 0
		for _, cell := range row {
			for occupied[[2]int{r, c}] {
				c++
			}
			rs, cs := max(cell.RowSpan, 1), max(cell.ColSpan, 1)
			for dr := range rs {
				for dc := range cs {
					put(r+dr, c+dc, cell.Text)
				}
			}
			c += cs
		}
	}
	width := 0
	for _, row := range grid {
		width = max(width, len(row))
	}
	for i := range grid {
		for len(grid[i]) < width {
			grid[i] = append(grid[i], "")
		}
	}
	return grid
}

// Text returns the document's text in reading order: paragraphs one per
// line, table rows one per line with cells separated by tabs.
func (d *Document) Text() string {
	var sb strings.Builder
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.Kind != Table {
			sb.WriteString(b.Text)
			sb.WriteByte('\n')
			continue
		}
		for _, row := range b.Rows {
			for j, c := range row {
				if j > 0 {
					sb.WriteByte('\t')
				}
				sb.WriteString(strings.ReplaceAll(c.Text, "\n", ""))
			}
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

// Warn appends a warning diagnostic.
func (d *Document) Warn(where, format string, args ...any) {
	d.Diagnostics = append(d.Diagnostics, corpus.Diagnostic{Severity: corpus.SevWarning, Message: fmt.Sprintf(format, args...), Where: where})
}
