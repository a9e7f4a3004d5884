// Package comparetest builds a small archive with known figures across
// years and offices, for the tests of package compare and of the gongkai
// compare, coverage and check commands.
//
// The archive holds (province 福建省 unless said):
//
//	晋江市青阳街道办事处 350582001 township: 2019 (office_full "青阳街道办事处", as
//	  an older recogniser gave it), 2020 (parsed; title 青阳街道办事处…), 2021
//	  (parsed; title 晋江市青阳街道办事处…), 2023; no 2022 (a coverage gap).
//	  2020→2021: C6 (carried over 1 ≠ carried forward 0) and C7 (normative
//	  valid 10 ≠ 10 + 1 − 0).
//	晋江市罗山街道办事处 350582002 township: 2021 twice with different content
//	  (luoshan-2021-a passes, luoshan-2021-b fails C1: it counts a), 2022
//	  (fails C1; C7: normative valid 12 ≠ 10 + 2 − 1), 2023 as two renditions
//	  of one report (html and pdf: one counts; C6: carried over 3 ≠ 1).
//	石狮市湖滨街道办事处 350581001 township: 2023.
//	泉州市人民政府 350500 city: 2023.
//	厦门市思明区人民政府 350203 county: 2023.
//	晋江市人民政府 350582 county: 2018 legacy (figures in the text only:
//	  applications 50, granted 30), 2019 under the name 晋江市政府.
//	晋江经济开发区管委会 (2021) and 晋江经济开发区管理委员会 (2022), 350582: one
//	  office only through an alias.
//
// Denied applications (apply.denied.total) in 2023: 思明区 50, 泉州市 30,
// 罗山 6, 湖滨 4, 青阳 2.
package comparetest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gongkai/corpus"
	"gongkai/parser"
)

// Rep describes one constructed fixture report. Apply values are given per
// row as the natural-person count; the total column repeats it and the
// other columns are 0. Rows not given are 0.
type Rep struct {
	Name                          string // file name; the report's sha256 is the hash of it
	Title, Office, Full, Code     string
	Province, City, County, Town  string
	Level, Kind                   string
	Year                          int
	Template                      string
	Apply                         map[string]float64
	Review, SuitDirect, SuitAfter [5]float64
	Active                        map[string]float64
	Figures                       []corpus.Figure
}

var (
	qingyang = Rep{Province: "福建省", City: "泉州市", County: "晋江市", Town: "青阳街道", Code: "350582001", Level: "township", Kind: "subdistrict"}
	luoshan  = Rep{Province: "福建省", City: "泉州市", County: "晋江市", Town: "罗山街道", Code: "350582002", Level: "township", Kind: "subdistrict",
		Office: "罗山街道办事处", Full: "晋江市罗山街道办事处"}
	jinjiang = Rep{Province: "福建省", City: "泉州市", County: "晋江市", Code: "350582", Level: "county", Kind: "government"}
)

func with(base Rep, f func(r *Rep)) Rep {
	f(&base)
	return base
}

// Constructed lists the fixture's constructed reports.
func Constructed() []Rep {
	return []Rep{
		with(qingyang, func(r *Rep) {
			r.Name, r.Office, r.Full, r.Year, r.Template = "qingyang-2019.txt", "青阳街道办事处", "青阳街道办事处", 2019, corpus.Template2019
			r.Apply = map[string]float64{"new_received": 5, "granted": 3, "partial": 1, "result_total": 4, "carry_forward": 1}
			r.Review = [5]float64{1, 0, 0, 0, 1}
		}),
		with(qingyang, func(r *Rep) {
			r.Name, r.Office, r.Full, r.Year, r.Template = "qingyang-2023.txt", "晋江市青阳街道办事处", "晋江市青阳街道办事处", 2023, corpus.Template2021
			r.Apply = map[string]float64{"new_received": 8, "granted": 4, "partial": 1, "denied_third_party": 2, "result_total": 7, "carry_forward": 1}
			r.Review = [5]float64{2, 1, 0, 0, 3}
			r.Active = map[string]float64{"a20_1.normative.issued": 2, "a20_1.normative.repealed": 0, "a20_1.normative.valid": 12}
		}),
		with(luoshan, func(r *Rep) {
			r.Name, r.Year, r.Template = "luoshan-2021-a.txt", 2021, corpus.Template2021
			r.Apply = map[string]float64{"new_received": 10, "granted": 5, "partial": 1, "denied_internal_affairs": 2, "result_total": 8, "carry_forward": 2}
			r.Active = map[string]float64{"a20_1.rules.issued": 0, "a20_1.rules.repealed": 0, "a20_1.rules.valid": 3,
				"a20_1.normative.issued": 1, "a20_1.normative.repealed": 0, "a20_1.normative.valid": 10}
		}),
		with(luoshan, func(r *Rep) {
			r.Name, r.Year, r.Template = "luoshan-2021-b.txt", 2021, corpus.Template2021
			r.Apply = map[string]float64{"new_received": 11, "granted": 5, "partial": 1, "denied_internal_affairs": 2, "result_total": 8, "carry_forward": 2}
			r.Active = map[string]float64{"a20_1.rules.issued": 0, "a20_1.rules.repealed": 0, "a20_1.rules.valid": 3,
				"a20_1.normative.issued": 1, "a20_1.normative.repealed": 0, "a20_1.normative.valid": 10}
		}),
		with(luoshan, func(r *Rep) {
			r.Name, r.Year, r.Template = "luoshan-2022.txt", 2022, corpus.Template2021
			r.Apply = map[string]float64{"new_received": 6, "carried_over": 2, "granted": 4, "denied_state_secret": 1, "result_total": 5, "carry_forward": 1}
			r.Active = map[string]float64{"a20_1.rules.issued": 0, "a20_1.rules.repealed": 0, "a20_1.rules.valid": 3,
				"a20_1.normative.issued": 2, "a20_1.normative.repealed": 1, "a20_1.normative.valid": 12}
		}),
		luoshan2023("luoshan-2023.html"),
		luoshan2023("luoshan-2023.pdf"),
		{Name: "hubin-2023.txt", Office: "湖滨街道办事处", Full: "石狮市湖滨街道办事处", Province: "福建省", City: "泉州市", County: "石狮市", Town: "湖滨街道",
			Code: "350581001", Level: "township", Kind: "subdistrict", Year: 2023, Template: corpus.Template2021,
			Apply: map[string]float64{"new_received": 9, "granted": 5, "denied_third_party": 4, "result_total": 9}},
		{Name: "quanzhou-2023.txt", Office: "泉州市人民政府", Full: "泉州市人民政府", Province: "福建省", City: "泉州市", Code: "350500",
			Level: "city", Kind: "government", Year: 2023, Template: corpus.Template2021,
			Apply: map[string]float64{"new_received": 100, "granted": 70, "denied_third_party": 30, "result_total": 100}},
		{Name: "siming-2023.txt", Office: "思明区人民政府", Full: "厦门市思明区人民政府", Province: "福建省", City: "厦门市", County: "思明区", Code: "350203",
			Level: "county", Kind: "government", Year: 2023, Template: corpus.Template2021,
			Apply: map[string]float64{"new_received": 80, "granted": 30, "denied_state_secret": 50, "result_total": 80}},
		with(jinjiang, func(r *Rep) {
			r.Name, r.Office, r.Full, r.Year, r.Template = "jinjiang-2018.txt", "晋江市人民政府", "晋江市人民政府", 2018, corpus.TemplateLegacy
			r.Figures = []corpus.Figure{
				{Key: "apply.new_received.total", Value: 50, Unit: "件", Scope: corpus.ScopeYear, Text: "全年共受理政府信息公开申请50件"},
				{Key: "apply.new_received.total", Value: 500, Unit: "件", Scope: corpus.ScopeCumulative, Text: "累计受理申请500件"},
				{Key: "apply.granted.total", Value: 30, Unit: "件", Scope: corpus.ScopeYear, Text: "同意公开30件"},
			}
		}),
		with(jinjiang, func(r *Rep) {
			r.Name, r.Office, r.Full, r.Year, r.Template = "jinjiang-2019.txt", "晋江市政府", "晋江市政府", 2019, corpus.Template2019
			r.Apply = map[string]float64{"new_received": 60, "granted": 40, "denied_law_prohibited": 5, "unable_not_held": 10, "result_total": 55, "carry_forward": 5}
		}),
		with(jinjiang, func(r *Rep) {
			r.Name, r.Office, r.Full, r.Year, r.Template, r.Kind = "zone-2021.txt", "晋江经济开发区管委会", "晋江经济开发区管委会", 2021, corpus.Template2021, "zone"
			r.Level = "county"
			r.Apply = map[string]float64{"new_received": 1, "granted": 1, "result_total": 1}
		}),
		with(jinjiang, func(r *Rep) {
			r.Name, r.Office, r.Full, r.Year, r.Template, r.Kind = "zone-2022.txt", "晋江经济开发区管理委员会", "晋江经济开发区管理委员会", 2022, corpus.Template2021, "zone"
			r.Apply = map[string]float64{"new_received": 2, "granted": 2, "result_total": 2}
		}),
	}
}

func luoshan2023(name string) Rep {
	return with(luoshan, func(r *Rep) {
		r.Name, r.Year, r.Template = name, 2023, corpus.Template2021
		r.Apply = map[string]float64{"new_received": 20, "carried_over": 3, "granted": 10, "partial": 2, "denied_state_secret": 1,
			"denied_third_party": 5, "unable_not_held": 2, "result_total": 20, "carry_forward": 3}
		r.Review = [5]float64{1, 0, 0, 1, 2}
	})
}

// groups are the derived rows of table 三 and their members.
var groups = map[string][]string{
	"denied": corpus.ApplyDenied, "unable": corpus.ApplyUnable, "not_processed": corpus.ApplyNotProcessed,
}

func ptr(v float64) *float64 { return &v }

// Report builds the record of a constructed report: tables with every row of
// its template (0 where not given) and the derived rows, a cell per printed
// value, and check C1 computed from the tables.
func (d Rep) Report() *corpus.Report {
	sha := corpus.Hash([]byte(d.Name))
	r := &corpus.Report{
		Schema: corpus.ReportSchema, ID: sha[:12], Title: d.Title, Office: d.Office, OfficeFull: d.Full,
		Source: corpus.Source{Path: d.Name, SHA256: sha, Format: "text", Encoding: "utf-8", Size: int64(len(d.Name))},
		Region: corpus.Region{Province: d.Province, City: d.City, County: d.County, Town: d.Town, Code: d.Code},
		Level:  d.Level, Kind: d.Kind, Year: d.Year, Template: d.Template, Figures: d.Figures, ParserVersion: "fixture",
	}
	if r.Title == "" {
		r.Title = fmt.Sprintf("%s%d年政府信息公开工作年度报告", d.Office, d.Year)
	}
	if d.Template == corpus.TemplateLegacy {
		r.Checks = []corpus.Check{{ID: "C1", Status: corpus.CheckNotAssessable, Detail: "no table 三", Cells: []string{}}}
		return r
	}
	r.Templates = map[string]string{"active": d.Template, "apply": d.Template, "review": d.Template}
	t := &r.Tables
	t.Apply = map[string][]*float64{}
	row := func(v float64) []*float64 { return []*float64{ptr(v), ptr(0), ptr(0), ptr(0), ptr(0), ptr(0), ptr(v)} }
	for _, name := range corpus.ApplyRows(d.Template) {
		t.Apply[name] = row(d.Apply[name])
		r.Cells = append(r.Cells, applyCells(name, d.Apply[name])...)
	}
	for g, members := range groups {
		sum := 0.0
		for _, m := range members {
			sum += d.Apply[m]
		}
		t.Apply[g] = row(sum)
	}
	if d.Template == corpus.Template2021 { // the parser derives 2021's other_total, as it does other
		sum := 0.0
		for _, m := range corpus.ApplyOther2021 {
			sum += d.Apply[m]
		}
		t.Apply["other_total"] = row(sum)
	}
	t.Apply["other"] = t.Apply["other_total"]
	five := func(a [5]float64) []*float64 {
		out := make([]*float64, 5)
		for i, v := range a {
			out[i] = ptr(v)
		}
		return out
	}
	t.Review, t.SuitDirect, t.SuitAfterReview = five(d.Review), five(d.SuitDirect), five(d.SuitAfter)
	for _, g := range []struct {
		tbl  string
		vals [5]float64
	}{{"review", d.Review}, {"suit_direct", d.SuitDirect}, {"suit_after_review", d.SuitAfter}} {
		for i, col := range corpus.ReviewColumns {
			r.Cells = append(r.Cells, numberCell(g.tbl+"."+col, g.vals[i], "table 四"))
		}
	}
	var suit [5]float64
	for i := range suit {
		suit[i] = d.SuitDirect[i] + d.SuitAfter[i]
	}
	t.Suit = five(suit)
	if len(d.Active) > 0 {
		t.Active = map[string]*float64{}
		for _, k := range corpus.ActiveKeys(d.Template) {
			if v, ok := d.Active[k.Key]; ok {
				t.Active[k.Key] = ptr(v)
				r.Cells = append(r.Cells, numberCell("active."+k.Key, v, "table 二"))
			}
		}
	}
	r.Checks = []corpus.Check{checkC1(r)}
	return r
}

func applyCells(row string, v float64) []corpus.Cell {
	var out []corpus.Cell
	for i, col := range corpus.ApplyColumns {
		x := 0.0
		if i == 0 || col == "total" {
			x = v
		}
		out = append(out, numberCell("apply."+row+"."+col, x, "table 三 row "+row))
	}
	return out
}

func numberCell(key string, v float64, where string) corpus.Cell {
	return corpus.Cell{Key: key, Value: ptr(v), Raw: corpus.FormatValue(v), State: corpus.StateNumber, Where: where}
}

// checkC1 computes C1 (new_received + carried_over == result_total + carry_forward, per column).
func checkC1(r *corpus.Report) corpus.Check {
	c := corpus.Check{ID: "C1", Status: corpus.CheckPass, Cells: []string{}}
	var fails []string
	for _, col := range corpus.ApplyColumns {
		get := func(row string) float64 { v, _ := r.Value("apply." + row + "." + col); return v }
		lhs, rhs := get("new_received")+get("carried_over"), get("result_total")+get("carry_forward")
		if lhs != rhs {
			fails = append(fails, fmt.Sprintf("%s: %s + %s ≠ %s + %s", col, corpus.FormatValue(get("new_received")), corpus.FormatValue(get("carried_over")),
				corpus.FormatValue(get("result_total")), corpus.FormatValue(get("carry_forward"))))
			for _, row := range []string{"new_received", "carried_over", "result_total", "carry_forward"} {
				c.Cells = append(c.Cells, "apply."+row+"."+col)
			}
		}
	}
	if len(fails) > 0 {
		c.Status, c.Detail = corpus.CheckFail, "does not hold: "+strings.Join(fails, "; ")
	} else {
		c.Detail = "holds in all 7 cases"
	}
	return c
}

// Parsed are the fixture's parsed reports: the generated example report
// (testdata/synth/example-2021.txt, 罗山街道办事处 2025) renamed to 青阳 and
// re-dated, titled 青阳街道办事处 for 2020 and 晋江市青阳街道办事处 for 2021.
// Both must parse to the office_full 晋江市青阳街道办事处; their tables are the
// example's: 3 new applications, 1 carried over, 3 granted, 1 not processed,
// 4 handled, 0 carried forward; normative documents 1 issued, 0 repealed,
// 10 valid.
func Parsed() ([]*corpus.Report, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(root, "testdata", "synth", "example-2021.txt"))
	if err != nil {
		return nil, fmt.Errorf("fixture: %w", err)
	}
	_, body, _ := strings.Cut(strings.ReplaceAll(string(b), "罗山", "青阳"), "\n")
	var out []*corpus.Report
	for _, v := range []struct{ title, year string }{
		{"青阳街道办事处2020年政府信息公开年度报告", "2020"},
		{"晋江市青阳街道办事处2021年政府信息公开年度报告", "2021"},
	} {
		name := "qingyang-" + v.year + ".txt"
		r, err := parser.Parse(context.Background(), []byte(v.title+"\n"+strings.ReplaceAll(body, "2025", v.year)), name)
		if err != nil {
			return nil, fmt.Errorf("fixture: parse %s: %w", name, err)
		}
		if r.OfficeFull != "晋江市青阳街道办事处" || r.Region.Code != "350582001" {
			return nil, fmt.Errorf("fixture: %s parsed as office_full %q, region %s: want 晋江市青阳街道办事处, 350582001", name, r.OfficeFull, r.Region.Code)
		}
		out = append(out, r)
	}
	return out, nil
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("fixture: no go.mod above the working directory")
		}
		dir = up
	}
}

// Build creates the fixture archive in dir (which should be empty) and
// returns it open.
func Build(ctx context.Context, dir string) (*corpus.Store, error) {
	parsed, err := Parsed()
	if err != nil {
		return nil, err
	}
	var entries []corpus.Entry
	for _, r := range parsed {
		entries = append(entries, entryOf(r))
	}
	for _, d := range Constructed() {
		entries = append(entries, entryOf(d.Report()))
	}
	// Crawl listing dates, so that C9 (published on time) has dates to
	// judge: two 青阳 reports listed after their deadline (3月31日), one
	// 罗山 report before it.
	listed := map[string]string{"晋江市青阳街道办事处|2020": "2021-04-15", "晋江市青阳街道办事处|2021": "2022-05-01", "晋江市罗山街道办事处|2022": "2023-02-01"}
	for i := range entries {
		r := entries[i].Report
		if d, ok := listed[fmt.Sprintf("%s|%d", r.OfficeFull, r.Year)]; ok && r.Published == "" {
			entries[i].Origin.ListingDate = d
		}
	}
	st, err := corpus.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := st.Commit(ctx, entries); err != nil {
		st.Close()
		return nil, fmt.Errorf("fixture: %w", err)
	}
	return st, nil
}

func entryOf(r *corpus.Report) corpus.Entry {
	return corpus.Entry{SHA256: r.Source.SHA256, Size: r.Source.Size, Format: r.Source.Format, Encoding: r.Source.Encoding,
		Origin: corpus.Origin{Kind: "file", Path: r.Source.Path}, Report: r}
}

// ID returns the report id of a constructed fixture report by file name.
func ID(name string) string { return corpus.Hash([]byte(name))[:12] }
