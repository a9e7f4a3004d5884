package pdf

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	lpdf "github.com/ledongthuc/pdf"

	goldenfile "gongkai/internal/golden"
	"gongkai/parser/layout"
)

// golden is what a golden file holds for one input.
type golden struct {
	Error    string           `json:"error,omitempty"`
	Document *layout.Document `json:"document,omitempty"`
}

func TestExtract_Golden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.pdf")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.pdf cases (err %v)", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(data)
			g := golden{Document: doc}
			if err != nil {
				g.Error = err.Error()
			}
			got, err := json.MarshalIndent(g, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := strings.TrimSuffix(f, ".pdf") + ".golden.json"
			goldenfile.Check(t, path, got)
		})
	}
}

func TestExtract_Errors(t *testing.T) {
	tests := []struct {
		name string
		file string
		data []byte
		want error
	}{
		{name: "not a pdf", data: []byte("<html><body>report</body></html>"), want: ErrNotPDF},
		{name: "empty", data: nil, want: ErrNotPDF},
		{name: "header only", data: []byte("%PDF-1.7\n%%EOF\n"), want: ErrNotPDF},
		{name: "truncated", file: "truncated.pdf", want: ErrNotPDF},
		{name: "encrypted with a user password", file: "encrypted-password.pdf", want: ErrEncrypted},
		{name: "image only", file: "image-only.pdf", want: ErrNoTextLayer},
		{name: "identity-h without tounicode", file: "garbled-cid.pdf", want: ErrNoTextLayer},
		{name: "encrypted, empty user password", file: "encrypted-empty-user.pdf"},
		{name: "trailer size too small", file: "bad-size.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			if tt.file != "" {
				data = readFile(t, "testdata/"+tt.file)
			}
			doc, err := Extract(data)
			if tt.want == nil {
				if err != nil || doc == nil || len(doc.Blocks) == 0 {
					t.Fatalf("Extract = %v blocks, %v; want text", doc, err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Extract error = %v, want %v", err, tt.want)
			}
		})
	}
}

// The bad-size fixture must really exercise the repair: the library alone
// opens it without error and reports no pages.
func TestRepairSize(t *testing.T) {
	data := readFile(t, "testdata/bad-size.pdf")
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || r.NumPage() != 0 {
		t.Fatalf("library on the raw file: %v, err %v; fixture no longer shows the fault", r, err)
	}
	doc, err := Extract(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doc.Text(), "Annual report 2023 Second line of text.\n"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

func TestExtract_Diagnostics(t *testing.T) {
	doc, err := Extract(readFile(t, "testdata/image-only.pdf"))
	if !errors.Is(err, ErrNoTextLayer) || doc == nil {
		t.Fatalf("Extract = %v, %v", doc, err)
	}
	if len(doc.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %+v, want one", doc.Diagnostics)
	}
	d := doc.Diagnostics[0]
	if d.Severity != "error" || d.Where != "page 1" || !strings.Contains(d.Message, "image") {
		t.Errorf("diagnostic = %+v", d)
	}
}

func TestExtract_LibreOfficeTables(t *testing.T) {
	doc, err := Extract(readFile(t, "testdata/libreoffice-tables.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	tables := tablesOf(doc)
	if len(tables) != 2 {
		t.Fatalf("got %d tables, want 2:\n%s", len(tables), doc.Text())
	}
	values := tables[0].Rows[len(tables[0].Rows)-1]
	want := []string{"3", "", "0", "0", "3", "1", "0", "", "0", "1", "0", "0", "0", "0", "0"}
	if got := cellTexts(values); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("table 四 values = %q, want %q", got, want)
	}
	first := tables[1].Rows[0]
	if first[0].Text != "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" || first[0].RowSpan != 2 {
		t.Errorf("wrapped label cell = %+v", first[0])
	}
	if got := cellTexts(first[1:]); strings.Join(got, "|") != "4||0" {
		t.Errorf("row values = %q, want 4, blank, 0", got)
	}
}

func tablesOf(doc *layout.Document) []layout.Block {
	var out []layout.Block
	for _, b := range doc.Blocks {
		if b.Kind == layout.Table {
			out = append(out, b)
		}
	}
	return out
}

func cellTexts(cells []layout.Cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.Text
	}
	return out
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.pdf")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Extract(data)
		if err == nil && doc == nil {
			t.Fatal("nil document without error")
		}
		if err != nil && !errors.Is(err, ErrNotPDF) && !errors.Is(err, ErrEncrypted) && !errors.Is(err, ErrNoTextLayer) {
			t.Fatalf("error wraps no sentinel: %v", err)
		}
	})
}
