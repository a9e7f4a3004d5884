// Package indextest is the conformance suite every index.Backend passes
// (in the manner of gitea's indexer tests): the same archive, the same
// queries, and expectations that do not depend on the backend.
//
// Run checks each case against an oracle computed from the reports
// themselves (filters, numeric ranges, facet counts, field-sorted order,
// exact strings: every report holding the string is found, and every hit
// holds it) and returns what each backend answered. Same compares two
// backends' answers: identical hit sets, totals, facet counts, order for
// field sorts and snippets. The search-quality queries of index/bleve
// (testdata/queries) are part of the set.
package indextest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gongkai/corpus"
	"gongkai/index"
	"gongkai/synth"
)

// Seed draws the synthetic reports of the archive.
const Seed = 20240611

// Reports is the suite's archive: n synthetic reports (as index/bleve's
// fixture makes them) and a few hand-written ones (words inside compounds,
// two-character words, Latin text).
func Reports(n int) []*corpus.Report {
	specs := synth.Generate(synth.Options{Seed: Seed, BadArithmeticShare: 0.1}, n)
	out := make([]*corpus.Report, 0, n+6)
	for i := range specs {
		out = append(out, specReport(Seed, &specs[i]))
	}
	out = append(out, handReports()...)
	return append(out, renditions(out, 3)...)
}

// Range returns the synthetic reports from … to-1 of the archive Reports
// makes (Reports(to)[from:to] without the hand-written reports and second
// renditions), so that a large archive can be streamed in batches.
func Range(from, to int) []*corpus.Report {
	specs := synth.GenerateRange(synth.Options{Seed: Seed, BadArithmeticShare: 0.1}, from, to)
	out := make([]*corpus.Report, len(specs))
	for i := range specs {
		out[i] = specReport(Seed, &specs[i])
	}
	return out
}

// renditionPrefix starts the source path of the suite's second renditions.
const renditionPrefix = "rendition-of-"

// renditions makes a second rendition (a "PDF attachment": same office,
// year and tables, another file) of the first n reports without failed
// checks. Each has a failed table check, so that it is the secondary one
// on every backend (the primary's checks pass): it is never a hit, and
// its report's hit lists it.
func renditions(rs []*corpus.Report, n int) []*corpus.Report {
	var out []*corpus.Report
	for _, r := range rs {
		if len(out) == n {
			break
		}
		if r.Failed() || len(r.Sections) == 0 {
			continue
		}
		cp := *r
		sha := corpus.Hash([]byte("rendition of " + r.ID))
		cp.ID = sha[:12]
		cp.Source = corpus.Source{Path: renditionPrefix + r.Source.Path, SHA256: sha, Format: "pdf", Encoding: ""}
		cp.Checks = append(append([]corpus.Check(nil), r.Checks...), corpus.Check{ID: "C1", Status: corpus.CheckFail, Detail: "a second rendition of the suite"})
		out = append(out, &cp)
	}
	return out
}

// secondary reports whether r is one of the suite's second renditions.
func secondary(r *corpus.Report) bool { return strings.HasPrefix(r.Source.Path, renditionPrefix) }

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

func handReports() []*corpus.Report {
	mk := func(n int, office, year, text string) *corpus.Report {
		sha := corpus.Hash([]byte("hand-" + fmt.Sprint(n)))
		y, _ := strconv.Atoi(year)
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

// Outcome is what a backend answered to one case.
type Outcome struct {
	Total    uint64
	IDs      []string // hits in the backend's order
	Ordered  bool     // the order is defined (a field sort)
	Facets   map[string]map[string]int
	Snippets map[string][]string
	Also     map[string][]index.Rendition
	Err      string // "" or "bad query"
}

// Case is one query of the suite with its oracle (nil: compared across
// backends only).
type Case struct {
	Name   string
	Req    index.Request
	Oracle func(r *corpus.Report) bool // the reports that must be hits (all of them: Limit covers them)
	// Contains: every report whose text holds one of these strings is a
	// hit, and every hit's text holds one of them (whitespace ignored).
	Contains []string
	BadQuery bool // the backend must refuse the query (index.ErrBadQuery)
}

// Cases is the suite.
func Cases(t testing.TB) []Case {
	all := index.MaxLimit
	gt := func(field string, min float64) func(r *corpus.Report) bool {
		return func(r *corpus.Report) bool { v, ok := figure(r, field); return ok && v > min }
	}
	cs := []Case{
		{Name: "everything", Req: index.Request{Limit: all, Sort: "id", Facets: []string{"year", "province", "level", "template", "failed", "kind"}},
			Oracle: func(*corpus.Report) bool { return true }},
		{Name: "filter-level-years", Req: index.Request{Level: "county", YearFrom: 2019, YearTo: 2021, Limit: all, Sort: "-year", Facets: []string{"year"}},
			Oracle: func(r *corpus.Report) bool { return r.Level == "county" && r.Year >= 2019 && r.Year <= 2021 }},
		{Name: "filter-timely", Req: index.Request{Timely: "fail", Limit: all, Sort: "id", Facets: []string{"c9"}},
			Oracle: func(r *corpus.Report) bool { return r.Timely() == "fail" }},
		{Name: "filter-template-failed", Req: index.Request{Template: "2021", FailedChecks: true, Limit: all, Sort: "id"},
			Oracle: func(r *corpus.Report) bool { return r.Template == "2021" && r.Failed() }},
		{Name: "filter-region-code", Req: index.Request{Region: "9901", Limit: all, Sort: "year"},
			Oracle: func(r *corpus.Report) bool { return strings.HasPrefix(r.Region.Code, "9901") }},
		{Name: "filter-region-name-start", Req: index.Request{Region: "测试", Limit: all, Sort: "id"},
			Oracle: func(r *corpus.Report) bool {
				g := r.Region
				return strings.HasPrefix(g.Province, "测试") || strings.HasPrefix(g.City, "测试") ||
					strings.HasPrefix(g.County, "测试") || strings.HasPrefix(g.Town, "测试")
			}},
		{Name: "numeric-range", Req: index.Request{Query: "apply_denied_total:>10", Limit: all, Sort: "-apply_denied_total"},
			Oracle: gt("apply_denied_total", 10)},
		{Name: "numeric-range-sort-asc", Req: index.Request{Query: "apply_new_received_total:>=5 apply_new_received_total:<50", Limit: all, Sort: "apply_new_received_total"}},
		{Name: "year-field", Req: index.Request{Query: "+year:>=2020 +year:<=2021", Limit: all, Sort: "-year", Facets: []string{"year", "level"}},
			Oracle: func(r *corpus.Report) bool { return r.Year >= 2020 && r.Year <= 2021 }},
		{Name: "sort-published", Req: index.Request{YearFrom: 2018, Limit: all, Sort: "-published"},
			Oracle: func(r *corpus.Report) bool { return r.Year >= 2018 }},
		{Name: "sort-province", Req: index.Request{Limit: all, Sort: "province"}, Oracle: func(*corpus.Report) bool { return true }},
		{Name: "sort-figure-missing-last", Req: index.Request{Limit: all, Sort: "review_total"}, Oracle: func(*corpus.Report) bool { return true }},
		{Name: "paging", Req: index.Request{Limit: 7, Offset: 20, Sort: "id"}},
		{Name: "phrase-yishenqing", Req: index.Request{Query: `"依申请公开"`, Limit: all, Sort: "id", Facets: []string{"year", "province"}}, Contains: []string{"依申请公开"}},
		{Name: "phrase-two-chars", Req: index.Request{Query: `"条例"`, Limit: all, Sort: "id"}, Contains: []string{"条例"}},
		{Name: "phrase-across-words", Req: index.Request{Query: `"公开条例"`, Limit: all, Sort: "id"}, Contains: []string{"公开条例"}},
		{Name: "phrase-long", Req: index.Request{Query: `"政府信息公开工作年度报告"`, Limit: all, Sort: "-year"}, Contains: []string{"政府信息公开工作年度报告"}},
		{Name: "phrase-filtered", Req: index.Request{Query: `"行政复议"`, Level: "city", YearFrom: 2020, Limit: all, Sort: "year", Facets: []string{"province"}}},
		{Name: "bare-term", Req: index.Request{Query: "行政复议", Limit: all, Facets: []string{"year"}}},
		{Name: "bare-two-terms", Req: index.Request{Query: "营商环境 政务新媒体", Limit: all}},
		{Name: "must-and-mustnot", Req: index.Request{Query: `+"依申请公开" -"行政诉讼"`, Limit: all, Sort: "id"}},
		{Name: "only-mustnot", Req: index.Request{Query: `-"行政复议"`, Limit: all, Sort: "id"}},
		{Name: "keyword-field", Req: index.Request{Query: "province:测试省", Limit: all, Sort: "id"},
			Oracle: func(r *corpus.Report) bool { return r.Region.Province == "测试省" }},
		{Name: "title-field", Req: index.Request{Query: "title:年度报告", Limit: all, Sort: "id"}},
		{Name: "latin", Req: index.Request{Query: "csv", Limit: all}},
		{Name: "office-filter", Req: index.Request{Office: "测试市乙局", Limit: all, Sort: "id"},
			Oracle: func(r *corpus.Report) bool { return r.OfficeFull == "测试市乙局" }},
		{Name: "mixed-numeric-text", Req: index.Request{Query: "+行政复议 +apply_granted_total:>=3", Limit: all, Sort: "id"}},
		{Name: "date-range", Req: index.Request{Query: `published:>="2021-01-01" published:<"2022-01-01"`, Limit: all, Sort: "published"}},
		{Name: "exact-unquoted", Req: index.Request{Query: "依申请公开", Limit: all, Sort: "id"}, Contains: []string{"依申请公开"}},
		{Name: "exact-edge-char", Req: index.Request{Query: "2019年", Limit: all, Sort: "id"}, Contains: []string{"2019年"}},
		{Name: "exact-one-char", Req: index.Request{Query: "诉", Limit: all, Sort: "id"}, Contains: []string{"诉"}},
		{Name: "exact-latin", Req: index.Request{Query: "CSV", Limit: all, Sort: "id"}},
		{Name: "or", Req: index.Request{Query: "营商环境 | 政务新媒体", Limit: all, Sort: "id"}, Contains: []string{"营商环境", "政务新媒体"}},
		{Name: "and-not", Req: index.Request{Query: "依申请公开 -行政诉讼", Limit: all, Sort: "-year", Facets: []string{"year"}}},
		{Name: "renditions", Req: index.Request{Limit: all, Sort: "id", Facets: []string{"failed"}},
			Oracle: func(*corpus.Report) bool { return true }},
		{Name: "bad-field", Req: index.Request{Query: "nosuchfield:1"}, BadQuery: true},
		{Name: "bad-window", Req: index.Request{Offset: index.MaxWindow}, BadQuery: true},
	}
	return append(cs, qualityCases(t)...)
}

// qualityCases are the search-quality queries of index/bleve's goldens
// (testdata/queries/*.txt: "query:" and "filter:" lines), compared
// across backends.
func qualityCases(t testing.TB) []Case {
	dir := filepath.Join(moduleRoot(t), "index", "bleve", "testdata", "queries")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Fatalf("no search-quality queries in %s", dir)
	}
	var out []Case
	for i, r := range qualitySetQueries {
		r.Limit = 100
		out = append(out, Case{Name: fmt.Sprintf("quality-set-%02d", i+1), Req: r})
	}
	for _, f := range files {
		c := Case{Name: "quality-" + strings.TrimSuffix(filepath.Base(f), ".txt"), Req: index.Request{Limit: 100}}
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			k, v, _ := strings.Cut(sc.Text(), ":")
			v = strings.TrimSpace(v)
			switch k {
			case "query":
				c.Req.Query = v
			case "filter":
				applyFilter(t, &c.Req, v)
			}
		}
		fh.Close()
		out = append(out, c)
	}
	return out
}

// qualitySetQueries are the queries of index/bleve's search-quality set
// (quality_test.go), compared across backends on the suite's archive.
var qualitySetQueries = []index.Request{
	{Query: "条例"},
	{Query: "街道"},
	{Query: "疫情"},
	{Query: "培训"},
	{Query: "留言"},
	{Query: "平潭"},
	{Query: "莆田"},
	{Query: "淮安"},
	{Query: "公众号"},
	{Query: "互联网"},
	{Query: "图书馆"},
	{Query: "公开栏"},
	{Query: "双随机"},
	{Query: "政务服务"},
	{Query: "信息公开"},
	{Query: "公开条例"},
	{Query: "便民服务中心"},
	{Query: "依法行政"},
	{Query: "微信公众号"},
	{Query: "政府信息公开条例"},
	{Query: "重大建设项目"},
	{Query: "人大代表建议"},
	{Query: "信息公开指南"},
	{Query: "财政预决算"},
	{Query: "新闻发布会"},
	{Query: "营商环境"},
	{Query: "保密审查"},
	{Query: "在线访谈"},
	{Query: `"中华人民共和国政府信息公开条例"`},
	{Query: "政务新媒体"},
	{Query: "社会公益组织"},
	{Query: `"社会公益 组织"`},
	{Query: "办税服务厅"},
	{Query: "信息公开工作年度报告"},
	{Query: "政务新媒体 保密审查"},
	{Query: "微信公众号 营商环境"},
	{Query: "行政复议 疫情"},
	{Query: "培训 公开栏 条例"},
	{Query: "岚综管办〔2020〕80号"},
	{Query: "2020〕80号"},
	{Query: "闽政办〔2007〕185号"},
	{Query: "80号文件"},
	{Query: "12345"},
	{Query: "LED"},
	{Query: "2020年"},
	{Query: "便民服务中心 OR 人大代表建议"},
	{Query: "淮安|莆田"},
	{Query: "条例 -政府信息公开条例"},
	{Query: "政务新媒体 -微信公众号"},
	{Query: "政务新媒体", YearFrom: 2020},
	{Query: "条例", Region: "福建省"},
	{Query: "year:2015 条例"},
	{Query: "year:2019..2021 政务新媒体"},
}

func applyFilter(t testing.TB, r *index.Request, s string) {
	for _, kv := range strings.Fields(s) {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "office":
			r.Office = v
		case "region":
			r.Region = v
		case "level":
			r.Level = v
		case "template":
			r.Template = v
		case "failed":
			r.FailedChecks = v == "true"
		case "sort":
			r.Sort = v
		case "limit":
			r.Limit, _ = strconv.Atoi(v)
		case "year":
			var err error
			if r.YearFrom, r.YearTo, err = index.ParseYears(v); err != nil {
				t.Fatalf("filter %q: %v", s, err)
			}
		default:
			t.Fatalf("unknown filter %q in a search-quality query", k)
		}
	}
}

func moduleRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// Run runs every case on b, which holds reports, checks the oracles and
// returns the outcomes by case name.
func Run(t *testing.T, b index.Backend, reports []*corpus.Report) map[string]Outcome {
	out := map[string]Outcome{}
	for _, c := range Cases(t) {
		t.Run(c.Name, func(t *testing.T) {
			res, err := b.Search(context.Background(), c.Req)
			if c.BadQuery {
				if err == nil || !isBadQuery(err) {
					t.Fatalf("want a bad-query error, got %v", err)
				}
				out[c.Name] = Outcome{Err: "bad query"}
				return
			}
			if err != nil {
				t.Fatalf("search %+v: %v", c.Req, err)
			}
			o := outcome(c, res)
			out[c.Name] = o
			check(t, c, res, reports)
		})
	}
	return out
}

func isBadQuery(err error) bool {
	for e := err; e != nil; {
		if e == index.ErrBadQuery {
			return true
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			return strings.Contains(err.Error(), index.ErrBadQuery.Error())
		}
		e = u.Unwrap()
	}
	return false
}

func outcome(c Case, res *index.Result) Outcome {
	o := Outcome{Total: res.Total, Facets: res.Facets, Snippets: map[string][]string{}, Also: map[string][]index.Rendition{}}
	o.Ordered = c.Req.Sort != "" && c.Req.Sort != "score"
	for _, h := range res.Hits {
		o.IDs = append(o.IDs, h.ID)
		o.Snippets[h.ID] = h.Snippets
		if len(h.Also) > 0 {
			o.Also[h.ID] = h.Also
		}
	}
	return o
}

// check verifies a result against the case's oracle and the invariants
// every result keeps.
func check(t *testing.T, c Case, res *index.Result, reports []*corpus.Report) {
	byID := map[string]*corpus.Report{}
	for _, r := range reports {
		byID[r.ID] = r
	}
	limit := c.Req.Limit
	if limit <= 0 {
		limit = 10
	}
	if len(res.Hits) > limit {
		t.Errorf("%d hits for limit %d", len(res.Hits), limit)
	}
	if uint64(len(res.Hits)) > res.Total {
		t.Errorf("%d hits but total %d", len(res.Hits), res.Total)
	}
	for _, h := range res.Hits {
		r := byID[h.ID]
		if r == nil {
			t.Fatalf("hit %s is no report of the archive", h.ID)
		}
		if secondary(r) {
			t.Errorf("hit %s is a secondary rendition", h.ID)
		}
		for _, o := range reports {
			if secondary(o) && corpus.RenditionKey(o) == corpus.RenditionKey(r) {
				if len(h.Also) != 1 || h.Also[0].ID != o.ID || h.Also[0].Format != "pdf" {
					t.Errorf("hit %s lists renditions %v, want %s (pdf)", h.ID, h.Also, o.ID)
				}
			}
		}
		if h.Year != r.Year || h.OfficeFull != r.OfficeFull || h.Level != r.Level || h.Title != r.Title {
			t.Errorf("hit %s: stored fields %+v differ from the report (%d %s %s %s)", h.ID, h, r.Year, r.OfficeFull, r.Level, r.Title)
		}
	}
	if c.Oracle != nil {
		var want []*corpus.Report
		for _, r := range reports {
			if !secondary(r) && c.Oracle(r) {
				want = append(want, r)
			}
		}
		if res.Total != uint64(len(want)) {
			t.Errorf("total %d, the oracle says %d", res.Total, len(want))
		}
		if len(want) == 0 {
			t.Errorf("the oracle selects no report: the case tests nothing")
		}
		if len(want) <= limit && c.Req.Offset == 0 {
			got := ids(res)
			sortByRequest(want, c.Req.Sort)
			var wantIDs []string
			for _, r := range want {
				wantIDs = append(wantIDs, r.ID)
			}
			if strings.Join(got, " ") != strings.Join(wantIDs, " ") {
				t.Errorf("hits (sorted by %q):\n got %v\nwant %v", c.Req.Sort, got, wantIDs)
			}
		}
		for name, counts := range res.Facets {
			wantCounts := facetCounts(want, name)
			if fmt.Sprint(counts) != fmt.Sprint(wantCounts) {
				t.Errorf("facet %s: got %v, want %v", name, counts, wantCounts)
			}
		}
	}
	if len(c.Contains) > 0 {
		holds := func(r *corpus.Report) bool {
			text := squeeze(index.Text(r).Body)
			for _, s := range c.Contains {
				if strings.Contains(text, s) {
					return true
				}
			}
			return false
		}
		hit := map[string]bool{}
		for _, h := range res.Hits {
			hit[h.ID] = true
			if !holds(byID[h.ID]) {
				t.Errorf("hit %s does not hold %q", h.ID, c.Contains)
			}
		}
		n := 0
		for _, r := range reports {
			if secondary(r) {
				continue
			}
			exact := false
			for _, s := range c.Contains {
				exact = exact || strings.Contains(index.Text(r).Body, s)
			}
			if exact {
				n++
				if !hit[r.ID] && len(res.Hits) == int(res.Total) {
					t.Errorf("report %s holds %q but is not a hit", r.ID, c.Contains)
				}
			}
		}
		if n == 0 {
			t.Errorf("no report holds %q: the case tests nothing", c.Contains)
		}
	}
}

func ids(res *index.Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

// squeeze removes whitespace.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// sortByRequest sorts reports as a backend must for sort (ties by id;
// missing values last).
func sortByRequest(rs []*corpus.Report, s string) {
	desc := strings.HasPrefix(s, "-")
	name := strings.TrimPrefix(s, "-")
	key := func(r *corpus.Report) (string, float64, bool) {
		switch name {
		case "year":
			return "", float64(r.Year), true
		case "province":
			return r.Region.Province, 0, r.Region.Province != ""
		case "published":
			return r.Published, 0, r.Published != ""
		case "id", "", "score":
			return r.ID, 0, true
		}
		v, ok := figure(r, name)
		return "", v, ok
	}
	sort.SliceStable(rs, func(a, b int) bool {
		sa, fa, oka := key(rs[a])
		sb, fb, okb := key(rs[b])
		if oka != okb {
			return oka
		}
		if oka && (sa != sb || fa != fb) {
			less := sa < sb || sa == sb && fa < fb
			if desc {
				return !less
			}
			return less
		}
		if name == "id" && desc {
			return rs[a].ID > rs[b].ID
		}
		return rs[a].ID < rs[b].ID
	})
}

// figure is the value of a numeric field as the index's documents hold it
// (table values, else figures stated in the text).
func figure(r *corpus.Report, field string) (float64, bool) {
	v, ok := index.Document(r)[field].(float64)
	return v, ok
}

// facetCounts counts a facet's values over reports.
func facetCounts(rs []*corpus.Report, name string) map[string]int {
	m := map[string]int{}
	for _, r := range rs {
		var v string
		switch name {
		case "year":
			v = strconv.Itoa(r.Year)
		case "province":
			v = r.Region.Province
		case "city":
			v = r.Region.City
		case "level":
			v = r.Level
		case "template":
			v = r.Template
		case "kind":
			v = r.Kind
		case "failed":
			v = strconv.FormatBool(r.Failed())
		case "c9":
			v = r.Timely()
		}
		m[v]++
	}
	return m
}

// Same reports every difference between two backends' outcomes: totals,
// hit sets, order where a field sort defines it, facet counts, snippets.
func Same(t *testing.T, aName string, a map[string]Outcome, bName string, b map[string]Outcome) {
	for name, oa := range a {
		ob, ok := b[name]
		if !ok {
			t.Errorf("%s: no outcome on %s", name, bName)
			continue
		}
		if oa.Err != ob.Err {
			t.Errorf("%s: %s error %q, %s error %q", name, aName, oa.Err, bName, ob.Err)
			continue
		}
		if oa.Total != ob.Total {
			t.Errorf("%s: total %d on %s, %d on %s", name, oa.Total, aName, ob.Total, bName)
		}
		ia, ib := append([]string(nil), oa.IDs...), append([]string(nil), ob.IDs...)
		if !oa.Ordered {
			if oa.Total > uint64(len(ia)) {
				continue // a page of a score order: the sets may differ at its edge
			}
			sort.Strings(ia)
			sort.Strings(ib)
		}
		if strings.Join(ia, " ") != strings.Join(ib, " ") {
			t.Errorf("%s: hits differ\n%s: %v\n%s: %v", name, aName, ia, bName, ib)
		}
		if fmt.Sprint(oa.Facets) != fmt.Sprint(ob.Facets) {
			t.Errorf("%s: facets differ\n%s: %v\n%s: %v", name, aName, oa.Facets, bName, ob.Facets)
		}
		if fmt.Sprint(oa.Also) != fmt.Sprint(ob.Also) && oa.Total == uint64(len(oa.IDs)) {
			t.Errorf("%s: other renditions differ\n%s: %v\n%s: %v", name, aName, oa.Also, bName, ob.Also)
		}
		for id, sa := range oa.Snippets {
			if sb, ok := ob.Snippets[id]; ok && strings.Join(sa, "|") != strings.Join(sb, "|") {
				t.Errorf("%s: snippets of %s differ\n%s: %q\n%s: %q", name, id, aName, sa, bName, sb)
			}
		}
	}
}

// Store commits reports to a new archive in a temporary directory.
func Store(t testing.TB, reports []*corpus.Report) *corpus.Store {
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
