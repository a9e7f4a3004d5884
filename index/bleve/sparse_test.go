package bleveindex

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/index"
)

// TestSparsePhraseExact: the sparse bigram phrase (every other bigram,
// chained by byte offsets) finds exactly the reports whose text holds the
// string, on texts made to fool a check by positions alone: a bigram
// run broken by punctuation, a lone character or Latin text between the
// halves (positions run on across such breaks), repeated bigrams, odd and
// even lengths.
func TestSparsePhraseExact(t *testing.T) {
	texts := []string{
		"政府信息公开工作", "政府，府信息公开工作", "政府X信息公开工作", "政府。信息公开工作", "政府信，息公开工作",
		"依申请公开", "依申，请公开", "依申请公，开", "依申请请公开", "依申请，请公开",
		"公开公开公开", "公开，公开公开", "信息公开信息", "信息公开，信息", "政府信息公开条例",
		"在政府信息公开工作中", "政府信息公开年度工作", "申请公开依申请公开", "依申请公开工作",
	}
	var reports []*corpus.Report
	for i, tx := range texts {
		sha := corpus.Hash([]byte(fmt.Sprint("sparse-", i)))
		reports = append(reports, &corpus.Report{
			Schema: corpus.ReportSchema, ID: sha[:12], Source: corpus.Source{SHA256: sha, Format: "text"},
			Title: "报告", Office: fmt.Sprintf("某%d局", i), OfficeFull: fmt.Sprintf("某市某%d局", i), Year: 2020, Template: corpus.TemplateLegacy,
			Sections: []corpus.Section{{No: 1, Title: "正文", Text: tx}},
		})
	}
	x, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.Index(context.Background(), reports); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"政府信息公开工作", "依申请公开", "公开公开公开", "信息公开信息", "府信息公开", "申请公开依申请", "政府信息公开条例", "公开工作", "请公开"} {
		for _, ref := range []bool{false, true} {
			reference = ref
			res, err := x.Search(context.Background(), index.Request{Query: `"` + q + `"`, Limit: index.MaxLimit})
			reference = false
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, h := range res.Hits {
				got[h.ID] = true
			}
			for i, r := range reports {
				want := strings.Contains(index.Text(r).Body, q)
				if got[r.ID] != want && !ref {
					t.Errorf("%s: %q hit %v, want %v", q, texts[i], got[r.ID], want)
				}
				if got[r.ID] != want && ref {
					t.Logf("%s: reference (positions only) hits %q: %v", q, texts[i], got[r.ID])
				}
			}
		}
	}
}
