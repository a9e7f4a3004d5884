package bleveindex

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"gongkai/corpus"
	"gongkai/synth"
)

// fixtureSeed draws the synthetic reports of the test archive.
const fixtureSeed = 20240611

// synthReports makes n reports from synthetic specifications: the truth
// record with the sections' full text, an id from a hash of the spec.
func synthReports(seed uint64, n int) []*corpus.Report {
	specs := synth.Generate(synth.Options{Seed: seed, BadArithmeticShare: 0.1}, n)
	out := make([]*corpus.Report, len(specs))
	for i := range specs {
		out[i] = specReport(seed, &specs[i])
	}
	return out
}

func specReport(seed uint64, s *synth.Spec) *corpus.Report {
	r := s.Truth
	sha := corpus.Hash([]byte(fmt.Sprintf("synth-%d-%s", seed, s.ID)))
	r.ID = sha[:12]
	r.Source = corpus.Source{Path: s.ID + ".txt", SHA256: sha, Format: "text", Encoding: "utf-8"}
	r.Sections = append([]corpus.Section(nil), s.Body...)
	if s.Intro != "" && len(r.Sections) > 0 {
		r.Sections[0].Text = s.Intro + "\n" + r.Sections[0].Text
	}
	if s.IndexNo != "" && len(r.Sections) > 0 {
		r.Sections[0].Text = "索引号：" + s.IndexNo + "\n" + r.Sections[0].Text
	}
	return &r
}

// handReports are a few reports written for the quality goldens: words
// inside compounds, two-character words, phrases across word boundaries.
func handReports() []*corpus.Report {
	mk := func(n int, office, year, text string) *corpus.Report {
		sha := corpus.Hash([]byte("hand-" + fmt.Sprint(n)))
		y := 0
		fmt.Sscan(year, &y)
		return &corpus.Report{
			Schema: corpus.ReportSchema, ID: sha[:12],
			Source: corpus.Source{Path: fmt.Sprintf("hand%d.txt", n), SHA256: sha, Format: "text", Encoding: "utf-8"},
			Title:  office + year + "年政府信息公开工作年度报告", Office: office, OfficeFull: "测试市" + office,
			Region: corpus.Region{Province: "测试省", City: "测试市", Code: "990100"}, Level: "city", Kind: "department",
			Year: y, Published: year + "-03-01", Template: corpus.TemplateLegacy,
			Sections: []corpus.Section{{No: 1, Title: "一、总体情况", Text: text}},
		}
	}
	return []*corpus.Report{
		mk(1, "甲局", "2015", "本机关认真贯彻《中华人民共和国政府信息公开条例》，落实各项要求。"),
		mk(2, "乙局", "2015", "信息公开的及时性有待提高，公开栏维护不够。"),
		mk(3, "丙局", "2016", "本条例自公布之日起施行，相关办法同步废止。"),
		mk(4, "丁局", "2016", "依托营商环境专栏发布惠企政策，回应市场主体关切。"),
		mk(5, "戊局", "2017", "本年度办理了一起关于三类内部事务信息的申请，依法答复。"),
		mk(6, "己局", "2017", "数据开放平台上线运行，开放数据集120个。Open Data 平台支持 CSV 下载。"),
	}
}

// fixtureReports is the fixture archive: 200 synthetic and 6 hand-written reports.
func fixtureReports() []*corpus.Report {
	return append(synthReports(fixtureSeed, 200), handReports()...)
}

// fixtureStore commits reports to a new archive in a temporary directory.
func fixtureStore(t testing.TB, reports []*corpus.Report) *corpus.Store {
	t.Helper()
	st, err := corpus.Open(filepath.Join(t.TempDir(), "archive"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	entries := make([]corpus.Entry, len(reports))
	for i, r := range reports {
		entries[i] = corpus.Entry{SHA256: r.Source.SHA256, Size: 1, Format: r.Source.Format, Encoding: r.Source.Encoding,
			Origin: corpus.Origin{Kind: "file", Path: r.Source.Path}, Report: r}
	}
	if err := st.Commit(context.Background(), entries); err != nil {
		t.Fatal(err)
	}
	return st
}

// buildFixture builds an index of the fixture archive and opens it.
func buildFixture(t testing.TB, opt Options) (*Index, []*corpus.Report) {
	t.Helper()
	reports := fixtureReports()
	st := fixtureStore(t, reports)
	dir := filepath.Join(st.Dir(), "index")
	if _, err := Build(context.Background(), st, dir, opt); err != nil {
		t.Fatal(err)
	}
	x, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x, reports
}
