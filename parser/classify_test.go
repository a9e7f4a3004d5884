package parser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/synth"
)

// TestClassifier measures the report classifier: every positive (the real
// samples, the generated fixtures in testdata/synth, the HTML extractor's
// report fixtures, a freshly generated set in four formats) must parse as
// a report, and at least 99% of the negatives (testdata/negatives:
// notices, interpretations, news, meeting reports, listing pages, tables
// of contents, READMEs, work summaries, statistical communiqués, budgets,
// near misses; and the samples folder's README) must fail as
// not-a-report. It prints the confusion table.
func TestClassifier(t *testing.T) {
	type doc struct {
		name string
		data []byte
	}
	var pos, neg []doc
	read := func(dst *[]doc, files ...string) {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			*dst = append(*dst, doc{f, data})
		}
	}
	// Negatives.
	negs, _ := filepath.Glob(filepath.Join("..", "testdata", "negatives", "*.*"))
	for _, f := range negs {
		if !strings.HasSuffix(f, ".py") {
			read(&neg, f)
		}
	}
	// Positives.
	fixtures, _ := filepath.Glob(filepath.Join("..", "testdata", "synth", "*.*"))
	for _, f := range fixtures {
		// .doc: the same documents as .docx through LibreOffice (seconds each).
		if ext := filepath.Ext(f); ext != ".json" && ext != ".doc" && !filepath.IsAbs(f) && filepath.Base(filepath.Dir(f)) == "synth" {
			read(&pos, f)
		}
	}
	read(&pos, filepath.Join("html", "testdata", "ucapcontent.html"), filepath.Join("html", "testdata", "gbk-2021-word.html"), filepath.Join("html", "testdata", "utf8-declares-gbk-2019.html"))
	if d := samplesDirOrEmpty(); d != "" {
		s, _ := filepath.Glob(filepath.Join(d, "*-*.*"))
		read(&pos, s...)
		read(&neg, filepath.Join(d, "README.md"))
	} else {
		t.Log("samples not found (set GONGKAI_SAMPLES): measured without them")
	}
	n := 150
	if testing.Short() {
		n = 40
	}
	for _, s := range synth.Generate(synth.Options{Seed: 7}, n) {
		pos = append(pos, doc{s.ID + ".txt", synth.RenderText(s)}, doc{s.ID + ".html", synth.RenderHTML(s)}, doc{s.ID + ".md", synth.RenderMarkdown(s)})
		if b, err := synth.RenderDOCX(s); err == nil {
			pos = append(pos, doc{s.ID + ".docx", b})
		}
	}
	if len(neg) < 40 {
		t.Fatalf("only %d negatives", len(neg))
	}
	var tp, fn, tn, fp int
	for _, d := range pos {
		if _, err := Parse(context.Background(), d.data, d.name); err != nil {
			fn++
			t.Errorf("positive refused: %v", err)
		} else {
			tp++
		}
	}
	for _, d := range neg {
		r, err := Parse(context.Background(), d.data, d.name)
		switch {
		case errors.Is(err, ErrNotReport):
			tn++
		case err != nil:
			fp++ // refused, but not as not-a-report
			t.Errorf("negative %s failed as %s, want not-a-report: %v", d.name, Reason(err), err)
		default:
			fp++
			t.Logf("negative accepted: %s (title %q, office %q, year %d)", d.name, r.Title, r.Office, r.Year)
		}
	}
	table := fmt.Sprintf("\n%-22s %12s %12s\n%-22s %12d %12d\n%-22s %12d %12d\n", "", "accepted", "not-a-report",
		fmt.Sprintf("reports (%d)", len(pos)), tp, fn, fmt.Sprintf("not reports (%d)", len(neg)), fp, tn)
	table += fmt.Sprintf("positives accepted %.1f%%, negatives refused %.1f%%", 100*float64(tp)/float64(len(pos)), 100*float64(tn)/float64(len(neg)))
	t.Log(table)
	if fn > 0 {
		t.Errorf("%d of %d reports refused; want all accepted", fn, len(pos))
	}
	if float64(tn) < 0.99*float64(len(neg)) {
		t.Errorf("%d of %d negatives refused as not-a-report; want at least 99%%", tn, len(neg))
	}
}

// TestTitleGenre: the genre words of titles that are about a report but
// are not the report.
func TestTitleGenre(t *testing.T) {
	for title, want := range map[string]string{
		"莆田市人民政府2020年政府信息公开工作年度报告":             "",
		"莆田市新闻出版局2019年政府信息公开工作年度报告":            "",
		"关于做好2020年度政府信息公开工作年度报告编制和发布工作的通知":     "通知",
		"一图读懂《莆田市2020年政府信息公开工作年度报告》":           "一图读懂",
		"《晋江市2021年政府信息公开工作年度报告》解读":             "解读",
		"晋江市2021年政府信息公开工作年度报告解读":               "解读",
		"[图解]晋江市2021年政府信息公开工作年度报告":             "图解",
		"某某县2020年政务公开工作总结":                     "工作总结",
		"平潭综合实验区2021年国民经济和社会发展统计公报":            "统计公报",
		"某某局2022年部门预算":                         "预算",
		"关于召开2023年度政务公开工作会议的通知":                "通知",
		"政府信息公开工作年度报告目录":                       "目录",
		"某某区人民政府关于2022年政府信息公开工作年度报告的公告":        "公告",
		"淮安市人民政府2024年政府信息公开工作年度报告-淮安市人民政府门户网站": "",
	} {
		if got := titleGenre(title); got != want {
			t.Errorf("titleGenre(%q) = %q, want %q", title, got, want)
		}
	}
}
