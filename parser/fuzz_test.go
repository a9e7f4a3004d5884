package parser

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongkai/synth"
)

// FuzzParse: no panic and no hang on any input, whatever format it sniffs
// as; a returned report always carries the schema and the checks.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "synth", "*"))
	for _, s := range seeds {
		if filepath.Ext(s) == ".doc" {
			continue // converted by LibreOffice, out of process: not for fuzzing
		}
		if b, err := os.ReadFile(s); err == nil && len(b) < 1<<20 {
			f.Add(b)
		}
	}
	f.Add([]byte("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 200 000121\n二、上年结转政府信息公开申请数量 0000000"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<<>>endobj trailer<</Root 1 0 R>>"))
	f.Add([]byte("PK\x03\x04word/document.xml"))
	f.Add([]byte("<html><body><table><tr><td rowspan=99999 colspan=99999>1</td></tr></table></body></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		r, err := Parse(context.Background(), data, "fuzz.txt")
		if time.Since(start) > 10*time.Second {
			t.Fatalf("Parse took %v on %d bytes", time.Since(start), len(data))
		}
		if err == nil && (r.Schema == "" || len(r.Checks) == 0) {
			t.Fatalf("report without schema or checks: %+v", r)
		}
	})
}

// TestParse_LargeText: 50 MB of text parses in bounded time without a table.
func TestParse_LargeText(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	line := "本机关认真贯彻落实政府信息公开条例，主动公开政府信息125条。\n"
	// A report (title, organ, a report section) so that the classifier lets
	// it through to the end of the pipeline.
	data := []byte("晋江市青阳街道办事处2023年政府信息公开工作年度报告\n一、总体情况\n" + strings.Repeat(line, 50<<20/len(line)))
	start := time.Now()
	r, err := Parse(context.Background(), data, "big.txt")
	if err != nil {
		t.Fatal(err)
	}
	if r.Year != 2023 {
		t.Errorf("year %d", r.Year)
	}
	t.Logf("50 MB of text parsed in %v", time.Since(start))
}

// TestParse_Errors: files that are not reports fail with a reason naming
// the file.
func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty file"},
		{"image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "image"},
		{"zip", []byte("PK\x03\x04\x14\x00\x00\x00some.txt"), "zip archive"},
		{"news page", []byte("<html><head><title>新闻</title></head><body><p>今天天气晴朗，市长视察了工地。</p></body></html>"), "not a government information disclosure annual report"},
		{"json", []byte(`{"title": "某镇2020年政府信息公开工作年度报告"}`), "JSON data"},
		{"a list of reports", []byte("# 样本\n\n| 文件 | 说明 |\n|---|---|\n| a.txt | 政府信息公开工作年度报告 |\n"), "not a government information disclosure annual report"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(context.Background(), tc.data, tc.name+".bin")
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.name+".bin") {
				t.Fatalf("Parse error = %v, want one naming the file and %q", err, tc.want)
			}
			if Reason(err) == "parse-error" {
				t.Errorf("Reason(%v) is the catch-all", err)
			}
		})
	}
}

// TestParse_NewsPagesAreNotReports: government news pages mention 政务公开
// and carry dates, but they are not annual reports.
func TestParse_NewsPagesAreNotReports(t *testing.T) {
	for seed := uint64(0); seed < 100; seed++ {
		name, data := synth.RenderBroken(synth.BrokenNewsPage, seed)
		if r, err := Parse(context.Background(), data, name); err == nil {
			t.Errorf("seed %d: a news page parsed as a report %q", seed, r.Title)
		} else if Reason(err) != "not-a-report" {
			t.Errorf("seed %d: reason %s (%v)", seed, Reason(err), err)
		}
	}
}
