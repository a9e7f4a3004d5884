package bleveindex

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"gongkai/corpus"
	"gongkai/index"
)

// TestRanking: a hit whose section heading holds the string ranks above
// hits that have it only in the body; more occurrences above fewer; equal
// texts by year, newest first.
func TestRanking(t *testing.T) {
	mk := func(n, year int, heading, text string) *corpus.Report {
		sha := corpus.Hash([]byte(fmt.Sprint("rank-", n)))
		return &corpus.Report{
			Schema: corpus.ReportSchema, ID: sha[:12], Source: corpus.Source{SHA256: sha, Format: "text"},
			Title: fmt.Sprintf("某局%d年政府信息公开工作年度报告", year), Office: "某局", OfficeFull: fmt.Sprintf("排序市某局%d", n),
			Year: year, Level: "city", Template: corpus.TemplateLegacy,
			Sections: []corpus.Section{{No: 1, Title: heading, Text: text}},
		}
	}
	filler := "本机关认真落实各项工作要求，按时发布各类信息，接受社会监督。"
	rs := []*corpus.Report{
		mk(1, 2021, "四、便民服务中心建设", filler+filler),
		mk(2, 2020, "四、其他", filler+"便民服务中心受理申请，便民服务中心答复，便民服务中心归档。"),
		mk(3, 2019, "四、其他", filler+"便民服务中心受理申请。"+filler),
		mk(4, 2023, "四、其他", filler+"便民服务中心受理申请。"+filler),
		mk(5, 2024, "四、其他", filler+"服务中心与便民窗口。"+filler),
	}
	x, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.Index(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	res, err := x.Search(context.Background(), index.Request{Query: "便民服务中心"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	want := []string{rs[0].ID, rs[1].ID, rs[3].ID, rs[2].ID}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("order %v, want %v (heading, 3 occurrences, 2023, 2019; not the partial match)", got, want)
		for _, h := range res.Hits {
			t.Logf("%s %d %.4f", h.ID, h.Year, h.Score)
		}
	}
}
