package bleveindex

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"gongkai/index"
)

func TestHeadSuffixes(t *testing.T) {
	got := headSuffixes("ＡＢ局 年报\n一、总体\n 总体")
	want := []string{"ab局 年报", "b局 年报", "局 年报", "年报", "报", "一、总体", "、总体", "总体", "体"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("headSuffixes = %q, want %q", got, want)
	}
	if k := headsKey(" ＬＥＤ显示屏 "); k != "led显示屏" {
		t.Errorf("headsKey = %q", k)
	}
}

// membersQuery is the membership test of a headsQuery, as a query.
type membersQuery struct{ q *headsQuery }

func (m membersQuery) Searcher(ctx context.Context, r bindex.IndexReader, im mapping.IndexMapping, opt search.SearcherOptions) (search.Searcher, error) {
	s, err := m.q.members(ctx, r, im, search.SearcherOptions{Score: "none"})
	if s == nil && err == nil {
		return query.NewMatchNoneQuery().Searcher(ctx, r, im, opt)
	}
	return s, err
}

// TestHeadsMembers: the reports the heading bonus goes to are exactly
// those with a heading line that holds the string (after headsKey), by
// the suffix lookup and by the bigram phrase it falls back to when a
// prefix has too many terms (Han strings: the bigram phrase's own
// semantics differ for Latin text).
func TestHeadsMembers(t *testing.T) {
	x, reports := buildFixture(t, Options{})
	truth := func(key string) []string {
		var ids []string
		for _, r := range reports {
			for _, l := range strings.Split(headsKey(index.Text(r).Headings), "\n") {
				if strings.Contains(l, key) {
					ids = append(ids, r.ID)
					break
				}
			}
		}
		slices.Sort(ids)
		return ids
	}
	search := func(s string) []string {
		t.Helper()
		x.mu.RLock()
		defer x.mu.RUnlock()
		hq := &headsQuery{key: headsKey(s), fallback: func() query.Query { return x.exactQuery(fHeads, s, 1) }}
		res, err := x.alias.Search(bleve.NewSearchRequestOptions(membersQuery{hq}, index.MaxLimit, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		slices.Sort(ids)
		return ids
	}
	defer func(n int) { maxHeadsTerms = n }(maxHeadsTerms)
	for _, s := range []string{"总体情况", "行政复议", "政府信息公开工作年度报告", "年度报告", "公开", "情况", "人民政府", "街道办事处", "一、总体", "不存在的标题"} {
		want := truth(headsKey(s))
		for _, max := range []int{2048, 0} {
			maxHeadsTerms = max
			if got := search(s); !reflect.DeepEqual(got, want) {
				t.Errorf("%s (max %d terms): %d reports, want %d", s, max, len(got), len(want))
			}
		}
		maxHeadsTerms = 2048
		t.Logf("%s: %d reports", s, len(want))
	}
	for _, s := range []string{"2023年", "led", "ＬＥＤ"} {
		want := truth(headsKey(s))
		if got := search(s); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d reports, want %d", s, len(got), len(want))
		}
		t.Logf("%s: %d reports", s, len(want))
	}
}
