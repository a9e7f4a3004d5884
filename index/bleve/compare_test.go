package bleveindex

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"gongkai/index"
)

// TestCompareAnalysis runs the same text queries on the hybrid index, on
// gse words alone and on bleve's cjk analyzer alone, against the truth: the
// reports whose text contains the query string. go test -v prints the table.
func TestCompareAnalysis(t *testing.T) {
	if testing.Short() {
		t.Skip("builds three indexes")
	}
	queries := []string{"条例", "信息", "信息公开", "政府信息公开条例", `"公开条例"`, "息公", "营商环境",
		"行政复议", `"依申请公开"`, "三类内部事务", "政务新媒体", "沭城街道", "数据集", `"开放数据"`, "公布之日"}
	modes := []string{ModeHybrid, ModeWords, ModeCJK}
	idx := map[string]*Index{}
	var reports = fixtureReports()
	for _, m := range modes {
		idx[m], _ = buildFixture(t, Options{Analysis: m})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s %5s | %-17s | %-17s | %-17s\n", "query", "truth", "hybrid hit/miss/fp", "words hit/miss/fp", "cjk hit/miss/fp")
	for _, q := range queries {
		needle := strings.Trim(q, `"`)
		truth := map[string]bool{}
		for _, r := range reports {
			if strings.Contains(index.Text(r).Body, needle) {
				truth[r.ID] = true
			}
		}
		fmt.Fprintf(&b, "%-16s %5d", q, len(truth))
		for _, m := range modes {
			res, err := idx[m].Search(context.Background(), index.Request{Query: q, Limit: index.MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			hit, fp := 0, 0
			for _, h := range res.Hits {
				if truth[h.ID] {
					hit++
				} else {
					fp++
				}
			}
			fmt.Fprintf(&b, " | %5d %5d %5d", hit, len(truth)-hit, fp)
			if m == ModeHybrid && hit != len(truth) {
				t.Errorf("%s: hybrid misses %d of %d", q, len(truth)-hit, len(truth))
			}
		}
		b.WriteString("\n")
	}
	t.Log("\n" + b.String())
}

// phrasePlanCases are phrases for TestPhrasePlan: one word, several
// words, words whose boundaries do not align with the text's, two
// characters, ASCII and mixed text.
var phrasePlanCases = []string{"政府信息公开工作", "依申请公开", "公开条例", "信息公开", "政府信息公开条例",
	"行政复议案件", "息公开", "年度报告", "不予公开", "主动公开政府信息", "政务新媒体", "三类内部事务",
	"开放数据", "公布之日", "条例", "息公", "Open Data", "开放数据集120个", "信息，公开", "工作年度报告"}

// TestPhrasePlan checks the planned exact-string query (bodyPhrase)
// against the truth: the reports whose text (index.Text, lower-cased)
// holds the string, or whose office name does. Quoted or not, and with a
// level filter (the gate is then advanced rather than walked).
func TestPhrasePlan(t *testing.T) {
	x, reports := buildFixture(t, Options{})
	body := map[string]string{}
	office := map[string]string{}
	level := map[string]string{}
	for _, r := range reports {
		body[r.ID] = strings.ToLower(index.Text(r).Body)
		office[r.ID] = r.Office + " " + r.OfficeFull
		level[r.ID] = r.Level
	}
	for _, p := range phrasePlanCases {
		t.Run(p, func(t *testing.T) {
			needle := strings.ToLower(index.Clean(p)) // punctuation included: 信息，公开 is not 信息公开
			truth := map[string]bool{}
			for id, b := range body {
				if strings.Contains(b, needle) || strings.Contains(office[id], needle) {
					truth[id] = true
				}
			}
			qs := []string{`"` + p + `"`}
			if !strings.Contains(p, " ") {
				qs = append(qs, p)
			}
			for _, q := range qs {
				got := hitSet(t, x, index.Request{Query: q, Limit: index.MaxLimit}, nil)
				for id := range truth {
					if !got[id] {
						t.Errorf("%s: misses %s", q, id)
					}
				}
				for id := range got {
					if !truth[id] {
						t.Errorf("%s: false hit %s", q, id)
					}
				}
				filtered := hitSet(t, x, index.Request{Query: q, Level: "county", Limit: index.MaxLimit}, nil)
				for id := range truth {
					if filtered[id] != (level[id] == "county") {
						t.Errorf("%s: hit %s with the level filter: %v", q, id, filtered[id])
					}
				}
				t.Logf("%s: %d hits, %d at county level", q, len(got), len(filtered))
			}
		})
	}
}

// hitSet runs req, or q when given, and returns the ids of all its hits.
func hitSet(t *testing.T, x *Index, req index.Request, q query.Query) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	if q == nil {
		res, err := x.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			ids[h.ID] = true
		}
		return ids
	}
	res, err := x.alias.Search(bleve.NewSearchRequestOptions(q, index.MaxLimit, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		ids[h.ID] = true
	}
	return ids
}
