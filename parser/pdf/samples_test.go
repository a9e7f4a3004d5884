package pdf

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/parser/layout"
)

// samplesDir returns $GONGKAI_SAMPLES, or ../shared/samples next to the
// module root; it skips the test when the directory is absent.
func samplesDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("GONGKAI_SAMPLES")
	if dir == "" {
		wd, _ := os.Getwd()
		for d := wd; d != filepath.Dir(d); d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				dir = filepath.Join(d, "..", "shared", "samples")
				break
			}
		}
	}
	if st, err := os.Stat(dir); dir == "" || err != nil || !st.IsDir() {
		t.Skipf("sample reports not found (set GONGKAI_SAMPLES; tried %q)", dir)
	}
	return dir
}

func extractSample(t testing.TB, name string) *layout.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(samplesDir(t), name))
	if err != nil {
		t.Skipf("sample %s: %v", name, err)
	}
	doc, err := Extract(data)
	if err != nil {
		t.Fatalf("Extract(%s): %v", name, err)
	}
	return doc
}

// findRow returns the first table row (in document order) that has a cell
// whose text is label, and the cells after that one.
func findRow(doc *layout.Document, label string) []string {
	for _, b := range doc.Blocks {
		for _, row := range b.Rows {
			for i, c := range row {
				if c.Text == label {
					return cellTexts(row[i+1:])
				}
			}
		}
	}
	return nil
}

func TestExtract_Samples(t *testing.T) {
	tests := []struct {
		file  string
		pages int
		label string // a row label in a table; "" for the table 四 data row
		want  string // the cells after it, joined by "|"
	}{
		{"jiangsu-huaian-hongze-2023.pdf", 5, "一、本年新收政府信息公开申请数量", "21|0|0|0|0|0|21"},
		{"jiangsu-huaian-hongze-2023.pdf", 5, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "4|0|0|0|0|0|4"},
		{"jiangsu-huaian-hongze-2023.pdf", 5, "2.其他法律行政止公开", "0|0|0|0|0|0|0"}, // the report's own typo
		{"jiangsu-huaian-hongze-2023.pdf", 5, "1.本机关不掌握相关政府信息", "10|0|0|0|0|0|10"},
		{"jiangsu-huaian-hongze-2023.pdf", 5, "2.没有现成信息需要另行制作", "3|0|0|0|0|0|3"},
		{"jiangsu-huaian-hongze-2023.pdf", 5, "5.要求行政机关确认或重新出具已获取信息", "0|0|0|0|0|0|0"},
		{"jiangsu-huaian-hongze-2023.pdf", 5, "行政事业性收费", "7730.28"},
		{"jiangsu-huaian-hongze-2023.pdf", 5, "", "10|1|0|0|0|0|0|0|0|0|5|0|0|0|0"}, // 复议 总计 0: a real error, kept
		{"jiangsu-huaian-hongze-2024.pdf", 5, "一、本年新收政府信息公开申请数量", "95|0|0|0|0|0|95"},
		{"jiangsu-huaian-hongze-2024.pdf", 5, "行政规范性文件", "3|0|8"},
		{"jiangsu-huaian-hongze-2024.pdf", 5, "", "1|1|0|0|2|1|0|0|0|1|2|0|1|0|3"},
		{"jiangsu-huaian-city-2024.pdf", 6, "一、本年新收政府信息公开申请数量", "3001|53|0|0|61|4|3119"},
		{"jiangsu-huaian-city-2024.pdf", 6, "行政事业性收费", "96171.6"},
		{"jiangsu-huaian-city-2024.pdf", 6, "3、其他", "108|2|0|0|0|0|110"},
		{"jiangsu-huaian-city-2024.pdf", 6, "", "72|64|178|37|351|13|4|8|1|26|12|1|1|6|20"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.label, func(t *testing.T) {
			doc := extractSample(t, tt.file)
			if doc.Pages != tt.pages {
				t.Errorf("pages = %d, want %d", doc.Pages, tt.pages)
			}
			var got []string
			if tt.label == "" {
				got = reviewRow(doc)
			} else {
				got = findRow(doc, tt.label)
			}
			if strings.Join(got, "|") != tt.want {
				t.Errorf("row %q = %q, want %q", tt.label, got, tt.want)
			}
		})
	}
}

// reviewRow returns the data row of table 四: the row of 15 cells after
// the header row holding "未经复议直接起诉".
func reviewRow(doc *layout.Document) []string {
	for _, b := range doc.Blocks {
		for i, row := range b.Rows {
			if len(row) > 1 && row[len(row)-2].Text == "未经复议直接起诉" && i+2 < len(b.Rows) {
				return cellTexts(b.Rows[i+2])
			}
		}
	}
	return nil
}

// Table 三 rows carry label cells then exactly 7 value cells; the vertical
// label 三、本年度办理结果 (Identity-V) reads top to bottom.
func TestExtract_SampleTable3Shape(t *testing.T) {
	doc := extractSample(t, "jiangsu-huaian-hongze-2023.pdf")
	var checked int
	for _, b := range doc.Blocks {
		for _, row := range b.Rows {
			for i, c := range row {
				if strings.HasPrefix(c.Text, "三、本年度办理结果") && c.Text != "三、本年度办理结果" {
					t.Errorf("vertical label = %q", c.Text)
				}
				if isValue(c.Text) && i > 0 && !isValue(row[i-1].Text) {
					if n := len(row) - i; n != 7 && n != 15 && n != 3 && n != 1 {
						t.Errorf("row %q has %d values", cellTexts(row), n)
					}
					checked++
				}
			}
		}
	}
	if checked < 25 {
		t.Errorf("only %d value rows checked", checked)
	}
	if findRow(doc, "三、本年度办理结果") == nil {
		t.Error("vertical label 三、本年度办理结果 not found as a cell")
	}
}

func isValue(s string) bool {
	return s != "" && strings.Trim(s, "0123456789.-") == ""
}

// Page numbers ("- 3 -") are dropped; paragraphs cut by a page break are
// joined.
func TestExtract_SamplePageFurniture(t *testing.T) {
	doc := extractSample(t, "jiangsu-huaian-hongze-2023.pdf")
	text := doc.Text()
	for _, s := range []string{"-3-", "- 3 -", "\n-1-"} {
		if strings.Contains(text, s) {
			t.Errorf("page number %q kept", s)
		}
	}
	if !strings.Contains(text, "严格执行“分级审核、先审后发”程序") {
		t.Error("paragraph cut by the page break was not joined")
	}
	if strings.ContainsRune(text, '\uFFFD') {
		t.Error("stray glyphs in text")
	}
}

func TestPdftotext(t *testing.T) {
	data := readFile(t, "testdata/libreoffice-tables.pdf")
	out, err := Pdftotext(context.Background(), data)
	if errors.Is(err, exec.ErrNotFound) {
		t.Skip("pdftotext not installed")
	}
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "行政复议") {
		t.Errorf("pdftotext output lacks 行政复议:\n%s", out)
	}
}

func benchFiles(b *testing.B) []string {
	dir := samplesDir(b)
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) == 0 {
		b.Skip("no sample PDFs")
	}
	return files
}

// BenchmarkExtract reports ns/page for Extract on each sample PDF;
// BenchmarkPdftotext does the same for `pdftotext -layout` (process start
// included), so the two can be compared in one run.
func BenchmarkExtract(b *testing.B) {
	for _, f := range benchFiles(b) {
		data := readFile(b, f)
		b.Run(filepath.Base(f), func(b *testing.B) {
			pages := 0
			for b.Loop() {
				doc, err := Extract(data)
				if err != nil {
					b.Fatal(err)
				}
				pages = doc.Pages
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/page")
		})
	}
}

func BenchmarkPdftotext(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	for _, f := range benchFiles(b) {
		data := readFile(b, f)
		doc, err := Extract(data)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(f), func(b *testing.B) {
			for b.Loop() {
				if _, err := Pdftotext(context.Background(), data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*doc.Pages), "ns/page")
		})
	}
}
