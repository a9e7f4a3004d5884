package docx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/internal/golden"
	"gongkai/parser/layout"
)

// goldenView is the deterministic JSON form of a Document for golden files.
type goldenView struct {
	Format      string            `json:"format"`
	Encoding    string            `json:"encoding"`
	Title       string            `json:"title"`
	Blocks      []goldenBlock     `json:"blocks"`
	Diagnostics []string          `json:"diagnostics,omitempty"`
	Meta        map[string]string `json:"meta,omitempty"`
}

type goldenBlock struct {
	Kind  string          `json:"kind"`
	Text  string          `json:"text,omitempty"`
	Where string          `json:"where"`
	Rows  [][]layout.Cell `json:"rows,omitempty"`
}

func view(doc *layout.Document) goldenView {
	v := goldenView{Format: doc.Format, Encoding: doc.Encoding, Title: doc.Title, Meta: doc.Meta}
	for _, b := range doc.Blocks {
		kind := map[layout.Kind]string{layout.Para: "para", layout.Heading: "heading", layout.Table: "table"}[b.Kind]
		v.Blocks = append(v.Blocks, goldenBlock{Kind: kind, Text: b.Text, Where: b.Where, Rows: b.Rows})
	}
	for _, d := range doc.Diagnostics {
		v.Diagnostics = append(v.Diagnostics, d.Where+": "+d.Message)
	}
	return v
}

func TestExtract_Golden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.docx")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/*.docx golden cases found")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(data)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got, err := json.MarshalIndent(view(doc), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, strings.TrimSuffix(file, ".docx")+".golden.json", got)
		})
	}
}

// buildZip returns a zip archive holding the given name → content entries.
func buildZip(t testing.TB, entries map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range entries {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipBomb returns a small archive whose document.xml inflates past MaxPartSize.
func zipBomb(t testing.TB) []byte {
	return zipBombOf(t, MaxPartSize)
}

// zipBombOf returns an archive whose document.xml inflates past size.
func zipBombOf(t testing.TB, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("<w:p/>"), 1<<12)
	for written := 0; written <= size; written += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// manyEntries returns an archive of n empty entries.
func manyEntries(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		if _, err := zw.Create(fmt.Sprintf("f%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const docHead = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`

func TestExtract_Errors(t *testing.T) {
	deep := docHead + strings.Repeat("<w:sdt>", MaxDepth+10) + strings.Repeat("</w:sdt>", MaxDepth+10) + "</w:body></w:document>"
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotDOCX},
		{"text", []byte("政府信息公开工作年度报告"), ErrNotDOCX},
		{"ole", append(append([]byte{}, oleSignature...), make([]byte, 512)...), ErrNotDOCX},
		{"no document part", buildZip(t, map[string]string{"word/other.xml": "<x/>"}), ErrNotDOCX},
		{"malformed xml", buildZip(t, map[string]string{"word/document.xml": docHead + "<w:p><w:r>"}), ErrMalformed},
		{"no body", buildZip(t, map[string]string{"word/document.xml": "<w:document/>"}), ErrMalformed},
		{"too deep", buildZip(t, map[string]string{"word/document.xml": deep}), ErrMalformed},
		{"zip bomb", zipBomb(t), ErrTooLarge},
		{"too many entries", manyEntries(t, MaxEntries+1), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Extract error = %v, want %v", err, tt.want)
			}
			if doc != nil {
				t.Errorf("Extract returned a document with error %v", err)
			}
		})
	}
}

func TestExtract_Parts(t *testing.T) {
	body := docHead + `<w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>`
	core := func(title string) string {
		return `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` + title + `</dc:title></cp:coreProperties>`
	}
	tests := []struct {
		name      string
		entries   map[string]string
		wantTitle string
		wantText  string
	}{
		{"title kept", map[string]string{"word/document.xml": body, "docProps/core.xml": core(" 2020年 年度报告 ")}, "2020年 年度报告", "正文\n"},
		{"junk title", map[string]string{"word/document.xml": body, "docProps/core.xml": core("Microsoft Word - 报告.doc")}, "", "正文\n"},
		{"default title", map[string]string{"word/document.xml": body, "docProps/core.xml": core("新建 Microsoft Word 文档")}, "", "正文\n"},
		{"main part from rels", map[string]string{
			"_rels/.rels":        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>`,
			"word/document2.xml": body}, "", "正文\n"},
		{"rels target escaping", map[string]string{
			"_rels/.rels":       `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="x/officeDocument" Target="../../../etc/passwd"/></Relationships>`,
			"word/document.xml": body}, "", "正文\n"},
		{"backslash names", map[string]string{`word\document.xml`: body}, "", "正文\n"},
		{"malformed core", map[string]string{"word/document.xml": body, "docProps/core.xml": "<cp:core"}, "", "正文\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(buildZip(t, tt.entries))
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if doc.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", doc.Title, tt.wantTitle)
			}
			if got := doc.Text(); got != tt.wantText {
				t.Errorf("Text() = %q, want %q", got, tt.wantText)
			}
		})
	}
}

// TestExtract_Template checks the merged cells of the national table 三
// in the LibreOffice-written fixture through the grid view.
func TestExtract_Template(t *testing.T) {
	data, err := os.ReadFile("testdata/report.docx")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Extract(data)
	if err != nil {
		t.Fatal(err)
	}
	var tables []*layout.Block
	for i := range doc.Blocks {
		if doc.Blocks[i].Kind == layout.Table {
			tables = append(tables, &doc.Blocks[i])
		}
	}
	if len(tables) != 3 {
		t.Fatalf("got %d tables, want 3", len(tables))
	}
	t3 := tables[1]
	if got := t3.Rows[5][0]; got.Text != "三、本年度办理结果" || got.RowSpan != 20 {
		t.Errorf("group cell = %+v, want 三、本年度办理结果 rowspan 20", got)
	}
	grid := t3.Grid()
	if len(grid) != 26 || len(grid[0]) != 10 {
		t.Fatalf("grid is %dx%d, want 26x10", len(grid), len(grid[0]))
	}
	if got := grid[7][1]; got != "（三）不予公开" {
		t.Errorf("grid[7][1] = %q, want （三）不予公开", got)
	}
	if got := strings.Join(grid[24][2:], " "); got != "（七）总计 3 1 0 0 0 0 4" {
		t.Errorf("总计 row = %q", got)
	}
}

func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.docx")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(buildZip(f, map[string]string{"word/document.xml": docHead + `<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val="99999"/></w:tcPr></w:tc></w:tr></w:tbl></w:body></w:document>`}))
	// Small limits keep each run fast; a full-size bomb takes seconds
	// under coverage instrumentation. TestExtract_Errors runs the real one.
	small := limits{part: 1 << 20, small: 1 << 18, total: 2 << 20, entries: 64}
	f.Add(zipBombOf(f, int(small.part)))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := extract(data, small)
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			for _, row := range b.Rows {
				for _, c := range row {
					if c.RowSpan < 1 || c.ColSpan < 1 || c.ColSpan > maxSpan {
						t.Fatalf("bad spans %+v", c)
					}
				}
			}
		}
	})
}

func BenchmarkExtract(b *testing.B) {
	data, err := os.ReadFile("testdata/report.docx")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Extract(data); err != nil {
			b.Fatal(err)
		}
	}
}
