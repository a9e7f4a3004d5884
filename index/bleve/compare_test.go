package bleveindex

import (
	"context"
	"fmt"
	"strings"
	"testing"

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
			if strings.Contains(bodyText(r), needle) {
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
