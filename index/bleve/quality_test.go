package bleveindex

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"gongkai/corpus"
	"gongkai/index"
	"gongkai/parser"
)

// qualityCase is one query of the search-quality set and its truth: the
// reports whose text (title, section titles and texts, whitespace and
// line breaks removed, ASCII lower-cased) contains every string of all,
// at least one of any (when given) and none of not, and that pass pass.
type qualityCase struct {
	kind string
	req  index.Request
	all  []string
	any  []string
	not  []string
	pass func(*corpus.Report) bool
}

func qc(kind, q string, all ...string) qualityCase {
	if len(all) == 0 {
		all = strings.Fields(q)
	}
	return qualityCase{kind: kind, req: index.Request{Query: q}, all: all}
}

// qualityCases: real strings of the samples and of the hand fixtures.
func qualityCases() []qualityCase {
	cs := []qualityCase{
		qc("two chars", "条例"), qc("two chars", "街道"), qc("two chars", "疫情"), qc("two chars", "培训"),
		qc("two chars", "留言"), qc("two chars", "平潭"), qc("two chars", "莆田"), qc("two chars", "淮安"),
		qc("in compound", "公众号"), qc("in compound", "互联网"), qc("in compound", "图书馆"), qc("in compound", "公开栏"),
		qc("in compound", "双随机"), qc("in compound", "政务服务"), qc("in compound", "信息公开"), qc("in compound", "公开条例"),
		qc("long exact", "便民服务中心"), qc("long exact", "依法行政"), qc("long exact", "微信公众号"),
		qc("long exact", "政府信息公开条例"), qc("long exact", "重大建设项目"), qc("long exact", "人大代表建议"),
		qc("long exact", "信息公开指南"), qc("long exact", "财政预决算"), qc("long exact", "新闻发布会"),
		qc("long exact", "营商环境"), qc("long exact", "保密审查"), qc("long exact", "在线访谈"),
		qc("long exact", `"中华人民共和国政府信息公开条例"`, "中华人民共和国政府信息公开条例"),
		qc("line break", "政务新媒体"), qc("line break", "社会公益组织"), qc("line break", `"社会公益 组织"`, "社会公益组织"),
		qc("line break", "办税服务厅"), qc("line break", "信息公开工作年度报告"),
		qc("AND", "政务新媒体 保密审查"), qc("AND", "微信公众号 营商环境"), qc("AND", "行政复议 疫情"),
		qc("AND", "培训 公开栏 条例"),
		{kind: "OR", req: index.Request{Query: "便民服务中心 OR 人大代表建议"}, any: []string{"便民服务中心", "人大代表建议"}},
		{kind: "OR", req: index.Request{Query: "淮安|莆田"}, any: []string{"淮安", "莆田"}},
		{kind: "NOT", req: index.Request{Query: "条例 -政府信息公开条例"}, all: []string{"条例"}, not: []string{"政府信息公开条例"}},
		{kind: "NOT", req: index.Request{Query: "政务新媒体 -微信公众号"}, all: []string{"政务新媒体"}, not: []string{"微信公众号"}},
		qc("doc number", "岚综管办〔2020〕80号"), qc("doc number", "2020〕80号"),
		qc("doc number", "闽政办〔2007〕185号"), qc("doc number", "80号文件"),
		qc("latin/digits", "12345"), qc("latin/digits", "LED", "led"), qc("latin/digits", "2020年"),
		{kind: "filter", req: index.Request{Query: "政务新媒体", YearFrom: 2020}, all: []string{"政务新媒体"},
			pass: func(r *corpus.Report) bool { return r.Year >= 2020 }},
		{kind: "filter", req: index.Request{Query: "条例", Region: "福建省"}, all: []string{"条例"},
			pass: func(r *corpus.Report) bool { return r.Region.Province == "福建省" }},
		{kind: "filter", req: index.Request{Query: "year:2015 条例"}, all: []string{"条例"},
			pass: func(r *corpus.Report) bool { return r.Year == 2015 }},
		{kind: "filter", req: index.Request{Query: "year:2019..2021 政务新媒体"}, all: []string{"政务新媒体"},
			pass: func(r *corpus.Report) bool { return r.Year >= 2019 && r.Year <= 2021 }},
	}
	return cs
}

// layoutReports are fixtures with what layout does to text: words broken
// by line breaks and spaces, page numbers between the halves of a
// sentence, a document number, Latin and numbers.
func layoutReports() []*corpus.Report {
	mk := func(n int, office string, year int, text string) *corpus.Report {
		sha := corpus.Hash([]byte("layout-" + fmt.Sprint(n)))
		return &corpus.Report{
			Schema: corpus.ReportSchema, ID: sha[:12],
			Source: corpus.Source{Path: fmt.Sprintf("layout%d.txt", n), SHA256: sha, Format: "pdf", Encoding: "binary"},
			Title:  fmt.Sprintf("%s%d年政府信息公开工作年度报告", office, year), Office: office, OfficeFull: "版式市" + office,
			Region: corpus.Region{Province: "版式省", City: "版式市", Code: "980100"}, Level: "city", Kind: "department",
			Year: year, Template: corpus.TemplateLegacy,
			Sections: []corpus.Section{{No: 1, Title: "一、总体情况", Text: text}},
		}
	}
	return []*corpus.Report{
		mk(1, "一局", 2021, "本机关加强政务新\n媒体管理，联系社会公益 组织。\n— 4 —\n办税服务\n厅设在一楼。"),
		mk(2, "二局", 2022, "依据岚综管办〔2020〕80号文件，设置LED显示屏，开通12345热线。"),
		mk(3, "三局", 2023, "本年度共收到申请12件，其中\n第 2 页 共 5 页\n便民服务中心受理3件。"),
		mk(4, "四局", 2020, "服务中心和便民窗口分开设置，媒体和政务分别报道。"),
	}
}

// sampleReports parses the real samples ($GONGKAI_SAMPLES) and skips the
// test when there are none.
func sampleReports(t *testing.T) []*corpus.Report {
	out, dir, err := parseSamples(t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Skipf("no samples in %s (set GONGKAI_SAMPLES)", dir)
	}
	return out
}

// parseSamples parses the real samples ($GONGKAI_SAMPLES, default
// ../shared/samples beside the module root); none when there are none.
func parseSamples(logf func(string, ...any)) ([]*corpus.Report, string, error) {
	dir := os.Getenv("GONGKAI_SAMPLES")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "samples")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.*"))
	var out []*corpus.Report
	for _, f := range files {
		if strings.EqualFold(filepath.Base(f), "README.md") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, dir, err
		}
		r, err := parser.Parse(context.Background(), data, filepath.Base(f))
		if err != nil {
			logf("sample %s: %v", f, err)
			continue
		}
		out = append(out, r)
	}
	return out, dir, nil
}

// truthText is what relevance is judged on.
func truthText(r *corpus.Report) string {
	var b strings.Builder
	b.WriteString(r.Title)
	for _, s := range r.Sections {
		b.WriteString(s.Title)
		b.WriteString(s.Text)
	}
	return strings.ToLower(strings.Map(func(c rune) rune {
		if unicode.IsSpace(c) || c == '\u3000' {
			return -1
		}
		return c
	}, b.String()))
}

func (c qualityCase) relevant(r *corpus.Report, text string) bool {
	if c.pass != nil && !c.pass(r) {
		return false
	}
	for _, s := range c.all {
		if !strings.Contains(text, strings.ToLower(s)) {
			return false
		}
	}
	if len(c.any) > 0 {
		ok := false
		for _, s := range c.any {
			ok = ok || strings.Contains(text, strings.ToLower(s))
		}
		if !ok {
			return false
		}
	}
	for _, s := range c.not {
		if strings.Contains(text, strings.ToLower(s)) {
			return false
		}
	}
	return true
}

// metrics are recall over all hits and R-precision (precision of the first
// R hits, R = number of relevant reports).
func metrics(hits []string, rel map[string]bool) (recall, rprec float64) {
	found := 0
	seen := map[string]bool{}
	for _, h := range hits {
		if rel[h] && !seen[h] {
			found++
		}
		seen[h] = true
	}
	top := 0
	for i, h := range hits {
		if i >= len(rel) {
			break
		}
		if rel[h] {
			top++
		}
	}
	return float64(found) / float64(len(rel)), float64(top) / float64(len(rel))
}

// TestQuality runs the search-quality set on the real samples, the hand
// fixtures and the layout fixtures, and prints recall and R-precision per
// query and their means. With GONGKAI_BASELINE_TREE (a checkout of the
// first round's code, e.g. a worktree of main before this work) it runs
// the same queries there too, in the same run, and prints both.
func TestQuality(t *testing.T) {
	reports := append(sampleReports(t), handReports()...)
	reports = append(reports, layoutReports()...)
	cases := qualityCases()
	reqs := make([]index.Request, len(cases))
	for i, c := range cases {
		reqs[i] = c.req
	}
	dir := t.TempDir()
	now := qualityHits(t, dir, reports, reqs)
	checkMarked(t, dir, cases)
	var before [][]string
	if tree := os.Getenv("GONGKAI_BASELINE_TREE"); tree != "" {
		before = baselineHits(t, tree, reports, reqs)
	}
	texts := make([]string, len(reports))
	for i, r := range reports {
		texts[i] = truthText(r)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-12s %-30s %4s | %6s %6s | %6s %6s\n", "kind", "query", "R", "recall", "R-prec", "before", "before")
	var sumR, sumP, sumRB, sumPB float64
	n := 0
	for i, c := range cases {
		rel := map[string]bool{}
		for j, r := range reports {
			if c.relevant(r, texts[j]) {
				rel[r.ID] = true
			}
		}
		if len(rel) == 0 {
			t.Errorf("%s: no relevant report: not a useful case", c.req.Query)
			continue
		}
		n++
		rec, rp := metrics(now[i], rel)
		sumR += rec
		sumP += rp
		line := fmt.Sprintf("%-12s %-30s %4d | %6.2f %6.2f", c.kind, c.req.Query+filterNote(c.req), len(rel), rec, rp)
		if before != nil {
			rb, pb := metrics(before[i], rel)
			sumRB += rb
			sumPB += pb
			line += fmt.Sprintf(" | %6.2f %6.2f", rb, pb)
		}
		b.WriteString(line + "\n")
		if rec < 1 {
			var miss []string
			for id := range rel {
				if !contains(now[i], id) {
					miss = append(miss, id)
				}
			}
			sort.Strings(miss)
			t.Logf("%s misses %v (hits %v)", c.req.Query, miss, now[i])
		}
	}
	fmt.Fprintf(&b, "%-12s %-30s %4d | %6.3f %6.3f", "mean", fmt.Sprintf("%d queries, %d reports", n, len(reports)), 0, sumR/float64(n), sumP/float64(n))
	if before != nil {
		fmt.Fprintf(&b, " | %6.3f %6.3f", sumRB/float64(n), sumPB/float64(n))
	}
	t.Log("\n" + b.String())
	if n < 40 {
		t.Errorf("%d useful queries, want at least 40", n)
	}
	if r := sumR / float64(n); r < 1 {
		t.Errorf("mean recall %.3f, want 1.00", r)
	}
	if p := sumP / float64(n); p < 0.98 {
		t.Errorf("mean R-precision %.3f, want ≥ 0.98", p)
	}
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func filterNote(r index.Request) string {
	var f []string
	if r.YearFrom != 0 {
		f = append(f, fmt.Sprintf("year≥%d", r.YearFrom))
	}
	if r.Region != "" {
		f = append(f, "region="+r.Region)
	}
	if len(f) == 0 {
		return ""
	}
	return " [" + strings.Join(f, " ") + "]"
}

// baselineHits runs the queries with the code in tree: quality_run_test.go
// is copied into its index/bleve and run as TestQualityRun.
func baselineHits(t *testing.T, tree string, reports []*corpus.Report, reqs []index.Request) [][]string {
	src, err := os.ReadFile("quality_run_test.go")
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(tree, "index", "bleve", "zz_quality_run_test.go")
	if err := os.WriteFile(dst, src, 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(dst)
	tmp := t.TempDir()
	in, out := filepath.Join(tmp, "in.json"), filepath.Join(tmp, "out.json")
	job, _ := json.Marshal(map[string]any{"Reports": reports, "Requests": reqs})
	if err := os.WriteFile(in, job, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "test", "-count=1", "-run", "^TestQualityRun$", "./index/bleve/")
	cmd.Dir = tree
	cmd.Env = append(os.Environ(), "GONGKAI_QUALITY_IN="+in, "GONGKAI_QUALITY_OUT="+out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("baseline run in %s: %v\n%s", tree, err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var hits [][]string
	if err := json.Unmarshal(data, &hits); err != nil {
		t.Fatal(err)
	}
	return hits
}

// checkMarked: every hit of a query with text to find carries a snippet
// with a marked string that holds one of the query's strings.
func checkMarked(t *testing.T, dir string, cases []qualityCase) {
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for _, c := range cases {
		res, err := x.Search(context.Background(), index.Request{Query: c.req.Query, Region: c.req.Region, YearFrom: c.req.YearFrom, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		want := append(append([]string(nil), c.all...), c.any...)
		for _, h := range res.Hits {
			ok := false
			for _, sn := range h.Snippets {
				for _, w := range want {
					ok = ok || strings.Contains(strings.ToLower(sn), "<mark>"+strings.ToLower(index.Clean(w))+"</mark>")
				}
			}
			if !ok {
				t.Errorf("%s: hit %s has no marked %q in %q", c.req.Query, h.ID, want, h.Snippets)
			}
		}
	}
}
