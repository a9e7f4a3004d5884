package doc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"gongkai/internal/golden"
	"gongkai/parser/docx"
	"gongkai/parser/layout"
)

// needSoffice skips the test when LibreOffice is not installed.
func needSoffice(t testing.TB) {
	t.Helper()
	if _, err := (&Converter{}).command(); err != nil {
		t.Skipf("LibreOffice not installed (apt-get install libreoffice-writer-nogui): %v", err)
	}
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// converted caches Extract results by file: each LibreOffice conversion
// takes seconds, and the golden and equivalence tests read the same files.
var converted sync.Map // file name → func() (*layout.Document, error)

func extractFile(t testing.TB, file string) *layout.Document {
	t.Helper()
	f, _ := converted.LoadOrStore(file, sync.OnceValues(func() (*layout.Document, error) {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		return Extract(context.Background(), data)
	}))
	doc, err := f.(func() (*layout.Document, error))()
	if err != nil {
		t.Fatalf("Extract %s: %v", file, err)
	}
	return doc
}

// goldenBlock is the deterministic JSON form of a block.
type goldenBlock struct {
	Kind  string          `json:"kind"`
	Text  string          `json:"text,omitempty"`
	Where string          `json:"where"`
	Rows  [][]layout.Cell `json:"rows,omitempty"`
}

func blocksView(doc *layout.Document) []goldenBlock {
	var v []goldenBlock
	for _, b := range doc.Blocks {
		kind := map[layout.Kind]string{layout.Para: "para", layout.Heading: "heading", layout.Table: "table"}[b.Kind]
		v = append(v, goldenBlock{Kind: kind, Text: b.Text, Where: b.Where, Rows: b.Rows})
	}
	return v
}

func goldenJSON(t testing.TB, doc *layout.Document) []byte {
	t.Helper()
	v := struct {
		Format   string        `json:"format"`
		Encoding string        `json:"encoding"`
		Title    string        `json:"title"`
		Blocks   []goldenBlock `json:"blocks"`
	}{doc.Format, doc.Encoding, doc.Title, blocksView(doc)}
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func TestExtract_Golden(t *testing.T) {
	needSoffice(t)
	var files []string
	for _, pat := range []string{"testdata/*.doc", "testdata/*.wps"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/*.doc or *.wps golden cases found")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			got := goldenJSON(t, extractFile(t, file))
			golden.Check(t, strings.TrimSuffix(file, filepath.Ext(file))+".golden.json", got)
		})
	}
}

// TestExtract_SameAsDOCX checks that a .doc converted from the docx
// fixture extracts to the same blocks as the docx itself.
func TestExtract_SameAsDOCX(t *testing.T) {
	needSoffice(t)
	want, err := docx.Extract(readFile(t, "../docx/testdata/report.docx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"testdata/report.doc", "testdata/report-wps.wps"} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			got := extractFile(t, file)
			if g, w := blocksView(got), blocksView(want); !reflect.DeepEqual(g, w) {
				gj, _ := json.MarshalIndent(g, "", " ")
				t.Errorf("blocks differ from the docx's:\n%s", gj)
			}
			if got.Title != want.Title {
				t.Errorf("Title = %q, want %q", got.Title, want.Title)
			}
		})
	}
}

func TestExtract_NoConverter(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Extract(context.Background(), readFile(t, "testdata/report.doc"))
	if !errors.Is(err, ErrNoConverter) {
		t.Fatalf("error = %v, want ErrNoConverter", err)
	}
	for _, want := range []string{"LibreOffice", "apt-get install libreoffice-writer-nogui"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}

// TestConverter_Timeout runs a fake soffice that never finishes and has a
// child process: the conversion must end at the timeout.
func TestConverter_Timeout(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "soffice")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nsleep 60 &\nsleep 60\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	c := Converter{Command: fake, Timeout: 300 * time.Millisecond}
	start := time.Now()
	_, err := c.Extract(context.Background(), readFile(t, "testdata/report.doc"))
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error = %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("conversion took %v after a 300ms timeout", d)
	}
}

// TestConverter_NoOutput runs a fake soffice that exits without writing.
func TestConverter_NoOutput(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "soffice")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	c := Converter{Command: fake}
	if _, err := c.Extract(context.Background(), readFile(t, "testdata/report.doc")); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("error = %v, want ErrUnsupported", err)
	}
}

// encryptedCopy returns report.doc with the FIB's fEncrypted flag set.
func encryptedCopy(t testing.TB) []byte {
	t.Helper()
	data := bytes.Clone(readFile(t, "testdata/report.doc"))
	for off := 512; off+12 <= len(data); off += 512 {
		if data[off] == 0xEC && data[off+1] == 0xA5 {
			data[off+11] |= 0x01
			return data
		}
	}
	t.Fatal("no FIB found in report.doc")
	return nil
}

func TestExtract_Refused(t *testing.T) {
	ole := append(bytes.Clone(oleSignature), make([]byte, 1024)...)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrUnsupported},
		{"html saved as doc", []byte("<html><body>报告</body></html>"), ErrUnsupported},
		{"broken ole", ole, ErrUnsupported},
		{"encrypted", encryptedCopy(t), ErrEncrypted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("PATH", t.TempDir()) // refusals must not need LibreOffice
			doc, err := Extract(context.Background(), tt.data)
			if !errors.Is(err, tt.want) || doc != nil {
				t.Fatalf("Extract = %v, %v; want error %v", doc, err, tt.want)
			}
		})
	}
}

func TestExtract_DOCXContent(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	doc, err := Extract(context.Background(), readFile(t, "../docx/testdata/report.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "docx" || len(doc.Diagnostics) != 1 {
		t.Errorf("Format = %q, diagnostics %v; want docx and one warning", doc.Format, doc.Diagnostics)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"doc", readFile(t, "testdata/report.doc"), "doc"},
		{"wps", readFile(t, "testdata/report-wps.wps"), "wps"},
		{"encrypted doc", encryptedCopy(t), "doc"},
		{"broken ole", append(bytes.Clone(oleSignature), 1, 2, 3), "ole"},
		{"docx", readFile(t, "../docx/testdata/report.docx"), ""},
		{"text", []byte("年度报告"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff(tt.data); got != tt.want {
				t.Errorf("Sniff = %q, want %q", got, tt.want)
			}
			if got, want := IsOLE(tt.data), tt.want != ""; got != want {
				t.Errorf("IsOLE = %v, want %v", got, want)
			}
		})
	}
}

func TestInfo_classify(t *testing.T) {
	fib := []byte{0xEC, 0xA5, 0xC1, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	encFIB := bytes.Clone(fib)
	encFIB[11] = 0x01
	tests := []struct {
		name          string
		streams       []string
		fib, summary  []byte
		wantKind      string
		wantEncrypted bool
	}{
		{"word", []string{"WordDocument", "1Table"}, fib, nil, "doc", false},
		{"word encrypted", []string{"WordDocument", "1Table"}, encFIB, nil, "doc", true},
		{"wps stream", []string{"WordDocument", "WpsCustomData"}, fib, nil, "wps", false},
		{"wps property utf16", []string{"WordDocument"}, fib, []byte("K\x00S\x00O\x00P\x00r\x00o\x00d\x00u\x00c\x00t\x00B\x00u\x00i\x00l\x00d\x00V\x00e\x00r\x00"), "wps", false},
		{"excel", []string{"Workbook"}, nil, nil, "xls", false},
		{"excel 5", []string{"Book"}, nil, nil, "xls", false},
		{"powerpoint", []string{"PowerPoint Document", "Current User"}, nil, nil, "ppt", false},
		{"encrypted docx", []string{"EncryptionInfo", "EncryptedPackage"}, nil, nil, "ole", true},
		{"works", []string{"CONTENTS", "SPELLING"}, nil, nil, "ole", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := Info{Kind: "ole", Streams: tt.streams}
			info.classify(tt.fib, tt.summary)
			if info.Kind != tt.wantKind || info.Encrypted != tt.wantEncrypted {
				t.Errorf("classify = %q encrypted %v, want %q %v", info.Kind, info.Encrypted, tt.wantKind, tt.wantEncrypted)
			}
		})
	}
}

func FuzzInspect(f *testing.F) {
	for _, name := range []string{"testdata/report.doc", "testdata/report-wps.wps"} {
		f.Add(readFile(f, name))
	}
	f.Add(append(bytes.Clone(oleSignature), make([]byte, 600)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Inspect(data)
		if err == nil && !IsOLE(data) {
			t.Fatal("Inspect accepted non-OLE data")
		}
		if err == nil && info.Kind == "" {
			t.Fatal("Inspect returned no kind")
		}
		if _, err := classify(data); err == nil && Sniff(data) == "" && !bytes.HasPrefix(data, []byte("PK")) && !bytes.HasPrefix(data, []byte(`{\rtf`)) {
			t.Fatal("classify accepted unknown data")
		}
	})
}

func BenchmarkExtract_DOC(b *testing.B) {
	needSoffice(b)
	data := readFile(b, "testdata/report.doc")
	for b.Loop() {
		if _, err := Extract(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSniff(b *testing.B) {
	data := readFile(b, "testdata/report.doc")
	for b.Loop() {
		if Sniff(data) != "doc" {
			b.Fatal("not doc")
		}
	}
}
