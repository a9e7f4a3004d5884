package corpus_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gongkai/corpus"
	"gongkai/internal/golden"
	"gongkai/parser"
)

func f64(v float64) *float64 { return &v }

func shaOf(s string) string { return corpus.Hash([]byte(s)) }

// tinyReports are hand-made reports with every kind of cell: a number, a
// blank, a dash, an uncertain run of digits with a comma and quotes, a
// decimal, a negative number; a second rendition; a report without tables.
func tinyReports() []*corpus.Report {
	a := &corpus.Report{Schema: corpus.ReportSchema, Title: "晋江市罗山街道办事处2021年政府信息公开工作年度报告",
		Office: "罗山街道办事处", OfficeFull: "晋江市罗山街道办事处", Level: "township", Kind: "subdistrict", Year: 2021, Published: "2022-01-20", Signed: "2022-01-18",
		Region:   corpus.Region{Province: "福建省", City: "泉州市", County: "晋江市", Town: "罗山街道", Code: "350582004"},
		Template: corpus.Template2021, ParserVersion: "test/1",
		Tables: corpus.Tables{
			Active: map[string]*float64{"a20_8.fees.amount_wan": f64(1.5)},
			Apply: map[string][]*float64{"granted": {f64(2), nil, nil, nil, nil, nil, f64(2)},
				"new_received": {nil, nil, nil, nil, nil, nil, nil}, "other_total": {nil, nil, nil, nil, nil, nil, f64(0)}, "other": {nil, nil, nil, nil, nil, nil, f64(0)}},
			Review: []*float64{nil, nil, nil, nil, nil}, Suit: []*float64{nil, nil, nil, nil, f64(3)},
		},
		Cells: []corpus.Cell{
			{Key: "apply.granted.natural_person", Value: f64(2), Raw: "2", State: corpus.StateNumber, Where: "page 2, table 三 row 3"},
			{Key: "apply.granted.commercial", Raw: "", State: corpus.StateBlank, Where: "page 2, table 三 row 3"},
			{Key: "apply.granted.total", Value: f64(2), Raw: "2", State: corpus.StateNumber, Where: "page 2, table 三 row 3"},
			{Key: "apply.new_received.research", Raw: `3,4 "x"`, State: corpus.StateText, Uncertain: true, Where: "table 三 row 1"},
			{Key: "review.total", Raw: "-", State: corpus.StateDash, Where: "table 四"},
			{Key: "active.a20_8.fees.amount_wan", Value: f64(1.5), Raw: "1.5", State: corpus.StateNumber, Where: "table 二"},
		},
		Checks: []corpus.Check{{ID: "C1", Status: corpus.CheckPass}},
	}
	// A second rendition of a (same office, year and tables) whose check
	// fails: a stays primary.
	b := *a
	b.Checks = []corpus.Check{{ID: "C1", Status: corpus.CheckFail}}
	c := &corpus.Report{Schema: corpus.ReportSchema, Title: "上海市浦东新区人民政府2020年政府信息公开工作年度报告",
		Office: "上海市浦东新区人民政府", OfficeFull: "上海市浦东新区人民政府", Level: "county", Kind: "government", Year: 2020,
		Region:   corpus.Region{Province: "上海市", City: "上海市", County: "浦东新区", Code: "310115"},
		Template: corpus.Template2019, ParserVersion: "test/1",
		Tables: corpus.Tables{
			Active:     map[string]*float64{"a20_5.licensing.delta": f64(-3)},
			Apply:      map[string][]*float64{"other_total": {f64(0), f64(0), f64(0), f64(0), f64(0), f64(0), f64(0)}},
			SuitDirect: []*float64{nil, nil, nil, nil, f64(1)},
		},
		Cells: []corpus.Cell{
			{Key: "suit_direct.total", Value: f64(1), Raw: "1", State: corpus.StateNumber, Where: "table 四"},
			{Key: "apply.other_total.total", Value: f64(0), Raw: "0", State: corpus.StateNumber, Where: "table 三 row 21"},
			{Key: "active.a20_5.licensing.delta", Value: f64(-3), Raw: "-3", State: corpus.StateNumber, Where: "table 二"},
		},
		Checks: []corpus.Check{{ID: "C3", Status: corpus.CheckFail, Detail: "upheld+corrected+other+pending != total"}},
	}
	d := &corpus.Report{Schema: corpus.ReportSchema, Title: "某单位工作报告", Office: "某单位", OfficeFull: "某单位",
		Level: "unknown", Kind: "other", Template: corpus.TemplateUnknown, ParserVersion: "test/1"}
	reps := []*corpus.Report{a, &b, c, d}
	for i, r := range reps {
		sha := shaOf(fmt.Sprint("tiny", i))
		r.Source = corpus.Source{Path: fmt.Sprintf("tiny%d.html", i), SHA256: sha, Format: "html"}
		r.ID = sha[:12]
	}
	return reps
}

func commitReports(t testing.TB, st *corpus.Store, reps []*corpus.Report) {
	t.Helper()
	var es []corpus.Entry
	for _, r := range reps {
		es = append(es, corpus.Entry{SHA256: r.Source.SHA256, Size: 1, Format: r.Source.Format,
			Origin: corpus.Origin{Kind: "file", Path: r.Source.Path}, Report: r})
	}
	if err := st.Commit(context.Background(), es); err != nil {
		t.Fatal(err)
	}
}

func openStore(t testing.TB, dir string) *corpus.Store {
	t.Helper()
	st, err := corpus.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func tinyStore(t *testing.T) (*corpus.Store, []*corpus.Report) {
	st := openStore(t, t.TempDir())
	reps := tinyReports()
	commitReports(t, st, reps)
	return st, reps
}

func export(t testing.TB, st *corpus.Store, opt corpus.ExportOptions) (string, int) {
	t.Helper()
	var buf bytes.Buffer
	n, err := corpus.Export(context.Background(), st, &buf, opt)
	if err != nil {
		t.Fatalf("Export(%+v): %v", opt, err)
	}
	return buf.String(), n
}

// TestExport_Golden compares the four outputs of the hand-made archive with
// golden files (go test -run TestExport_Golden -update rewrites them).
func TestExport_Golden(t *testing.T) {
	st, _ := tinyStore(t)
	cases := []struct {
		name string
		opt  corpus.ExportOptions
		rows int
	}{
		{"long.csv", corpus.ExportOptions{}, 9},
		{"long.jsonl", corpus.ExportOptions{Format: corpus.FormatJSONL}, 9},
		{"wide.csv", corpus.ExportOptions{Wide: true}, 3},
		{"wide.jsonl", corpus.ExportOptions{Format: corpus.FormatJSONL, Wide: true}, 3},
		{"long-all.csv", corpus.ExportOptions{Filter: corpus.Filter{AllRenditions: true}}, 15},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, n := export(t, st, c.opt)
			if n != c.rows {
				t.Errorf("%d rows, want %d", n, c.rows)
			}
			if lines := strings.Count(got, "\n"); c.opt.Format == "" && lines != n+1 || c.opt.Format == corpus.FormatJSONL && lines != n {
				t.Errorf("%d lines for %d rows", lines, n)
			}
			golden.Check(t, filepath.Join("testdata", "export", c.name), []byte(got))
		})
	}
}

func readCSV(t testing.TB, s string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("read CSV: %v", err)
	}
	if len(recs) == 0 {
		t.Fatal("no header")
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func readJSONL(t testing.TB, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("line %d: %v\n%s", len(out)+1, err, sc.Text())
		}
		out = append(out, m)
	}
	return out
}

// TestExport_Long checks the long format's values: blanks are empty and
// not 0, the state says why, CSV quoting survives a round trip, rows come
// in printed order (二, 三, 四).
func TestExport_Long(t *testing.T) {
	st, reps := tinyStore(t)
	got, _ := export(t, st, corpus.ExportOptions{})
	rows := readCSV(t, got)
	a := reps[0].ID
	var keys []string
	byKey := map[string]map[string]string{}
	for _, r := range rows {
		if r["report_id"] == a {
			keys = append(keys, r["key"])
			byKey[r["key"]] = r
		}
	}
	wantOrder := []string{"active.a20_8.fees.amount_wan", "apply.new_received.research", "apply.granted.natural_person", "apply.granted.commercial", "apply.granted.total", "review.total"}
	if !slices.Equal(keys, wantOrder) {
		t.Errorf("order %q, want %q", keys, wantOrder)
	}
	cases := []struct {
		key, table, row, column, value, raw, state, uncertain string
	}{
		{"apply.granted.natural_person", "apply", "granted", "natural_person", "2", "2", "number", "false"},
		{"apply.granted.commercial", "apply", "granted", "commercial", "", "", "blank", "false"},
		{"review.total", "review", "", "total", "", "-", "dash", "false"},
		{"apply.new_received.research", "apply", "new_received", "research", "", `3,4 "x"`, "text", "true"},
		{"active.a20_8.fees.amount_wan", "active", "a20_8.fees", "amount_wan", "1.5", "1.5", "number", "false"},
	}
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			r := byKey[c.key]
			if r == nil {
				t.Fatalf("no row for %s", c.key)
			}
			got := []string{r["table"], r["row"], r["column"], r["value"], r["raw"], r["state"], r["uncertain"]}
			want := []string{c.table, c.row, c.column, c.value, c.raw, c.state, c.uncertain}
			if !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
			for col, want := range map[string]string{"office": "罗山街道办事处", "office_full": "晋江市罗山街道办事处", "region_code": "350582004",
				"province": "福建省", "city": "泉州市", "county": "晋江市", "town": "罗山街道", "level": "township", "year": "2021", "template": "2021", "primary": "true"} {
				if r[col] != want {
					t.Errorf("%s = %q, want %q", col, r[col], want)
				}
			}
		})
	}
	if h := strings.SplitN(got, "\n", 2)[0]; h != "report_id,office,office_full,region_code,province,city,county,town,level,year,template,table,row,column,key,value,raw,state,uncertain,location,primary" {
		t.Errorf("header %s", h)
	}
}

// TestExport_JSONLTypes checks that JSONL numbers are numbers, blanks null,
// booleans booleans, and that every line has every column.
func TestExport_JSONLTypes(t *testing.T) {
	st, reps := tinyStore(t)
	for _, wide := range []bool{false, true} {
		got, _ := export(t, st, corpus.ExportOptions{Format: corpus.FormatJSONL, Wide: wide})
		cols := corpus.LongColumns()
		if wide {
			cols = corpus.WideColumns()
		}
		for _, m := range readJSONL(t, got) {
			if len(m) != len(cols) {
				t.Errorf("wide=%v: %d keys, want %d", wide, len(m), len(cols))
			}
			for _, c := range cols {
				v, ok := m[c.Name]
				if !ok {
					t.Errorf("wide=%v: key %s missing", wide, c.Name)
					continue
				}
				switch v.(type) {
				case nil:
					if c.Kind == corpus.KindString || c.Kind == corpus.KindBoolean {
						t.Errorf("%s (%s) is null", c.Name, c.Kind)
					}
				case string:
					if c.Kind != corpus.KindString {
						t.Errorf("%s (%s) is a string %q", c.Name, c.Kind, v)
					}
				case json.Number:
					if c.Kind != corpus.KindNumber && c.Kind != corpus.KindInteger {
						t.Errorf("%s (%s) is a number", c.Name, c.Kind)
					}
				case bool:
					if c.Kind != corpus.KindBoolean {
						t.Errorf("%s (%s) is a boolean", c.Name, c.Kind)
					}
				}
			}
		}
	}
	// Wide: the unknown report has a null year, the 2019 one its negative delta.
	got, _ := export(t, st, corpus.ExportOptions{Format: corpus.FormatJSONL, Wide: true})
	byID := map[string]map[string]any{}
	for _, m := range readJSONL(t, got) {
		byID[m["report_id"].(string)] = m
	}
	checks := []struct {
		id, key string
		want    any
	}{
		{reps[3].ID, "year", nil},
		{reps[2].ID, "active.a20_5.licensing.delta", json.Number("-3")},
		{reps[2].ID, "apply.other_total.total", json.Number("0")},
		{reps[2].ID, "apply.other_total.commercial", json.Number("0")},
		{reps[2].ID, "apply.granted.total", nil},
		{reps[2].ID, "checks_failed", json.Number("1")},
		{reps[0].ID, "apply.granted.commercial", nil},
		{reps[0].ID, "apply.other.total", json.Number("0")},
		{reps[0].ID, "suit.total", json.Number("3")},
		{reps[0].ID, "active.a20_8.fees.amount_wan", json.Number("1.5")},
		{reps[0].ID, "primary", true},
	}
	for _, c := range checks {
		if got := byID[c.id][c.key]; got != c.want {
			t.Errorf("%s %s = %#v, want %#v", c.id, c.key, got, c.want)
		}
	}
}

func TestExport_BOM(t *testing.T) {
	st, _ := tinyStore(t)
	got, _ := export(t, st, corpus.ExportOptions{BOM: true})
	if !strings.HasPrefix(got, "\ufeffreport_id,") {
		t.Errorf("no BOM: %q", got[:20])
	}
	if strings.Count(got, "\ufeff") != 1 {
		t.Errorf("BOM written more than once")
	}
	plain, _ := export(t, st, corpus.ExportOptions{})
	if strings.HasPrefix(plain, "\ufeff") || "\ufeff"+plain != got {
		t.Errorf("the BOM changes more than the first bytes")
	}
	_, err := corpus.Export(context.Background(), st, io.Discard, corpus.ExportOptions{Format: corpus.FormatJSONL, BOM: true})
	if !errors.Is(err, corpus.ErrExportFormat) {
		t.Errorf("BOM with JSONL: %v, want ErrExportFormat", err)
	}
	_, err = corpus.Export(context.Background(), st, io.Discard, corpus.ExportOptions{Format: "xlsx"})
	if !errors.Is(err, corpus.ErrExportFormat) {
		t.Errorf("format xlsx: %v, want ErrExportFormat", err)
	}
}

// TestExport_Filter checks each filter on the hand-made archive
// (reports: 0 罗山 2021 township, 1 its failing rendition, 2 浦东 2020
// county 2019-template failing, 3 unknown).
func TestExport_Filter(t *testing.T) {
	st, reps := tinyStore(t)
	cases := []struct {
		name string
		f    corpus.Filter
		want []int
	}{
		{"default primary only", corpus.Filter{}, []int{0, 2, 3}},
		{"all renditions", corpus.Filter{AllRenditions: true}, []int{0, 1, 2, 3}},
		{"office contains", corpus.Filter{Office: "罗山"}, []int{0}},
		{"office_full contains", corpus.Filter{Office: "晋江市罗山"}, []int{0}},
		{"office none", corpus.Filter{Office: "北京"}, nil},
		{"region town", corpus.Filter{Region: "罗山街道"}, []int{0}},
		{"region city without suffix", corpus.Filter{Region: "泉州"}, []int{0}},
		{"region province", corpus.Filter{Region: "上海市"}, []int{2}},
		{"region not a prefix", corpus.Filter{Region: "江"}, nil},
		{"region code prefix", corpus.Filter{Region: "3505"}, []int{0}},
		{"region code full", corpus.Filter{Region: "310115"}, []int{2}},
		{"level", corpus.Filter{Levels: []string{"county"}}, []int{2}},
		{"levels", corpus.Filter{Levels: []string{"county", "township"}}, []int{0, 2}},
		{"year", corpus.Filter{YearFrom: 2021, YearTo: 2021}, []int{0}},
		{"year range", corpus.Filter{YearFrom: 2019, YearTo: 2023}, []int{0, 2}},
		{"year open end", corpus.Filter{YearTo: 2020}, []int{2, 3}},
		{"template", corpus.Filter{Templates: []string{"2019"}}, []int{2}},
		{"failed checks", corpus.Filter{FailedChecks: true}, []int{2}},
		{"failed checks, all renditions", corpus.Filter{FailedChecks: true, AllRenditions: true}, []int{1, 2}},
		{"combined", corpus.Filter{Region: "35", YearFrom: 2021, Templates: []string{"2021"}, Office: "街道", AllRenditions: true}, []int{0, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want []string
			for _, i := range c.want {
				want = append(want, reps[i].ID)
			}
			slices.Sort(want)
			for _, wide := range []bool{true, false} {
				got, _ := export(t, st, corpus.ExportOptions{Wide: wide, Filter: c.f})
				var ids []string
				for _, r := range readCSV(t, got) {
					if len(ids) == 0 || ids[len(ids)-1] != r["report_id"] {
						ids = append(ids, r["report_id"])
					}
				}
				if !wide { // the report without cells has no long rows
					want = slices.DeleteFunc(slices.Clone(want), func(id string) bool { return id == reps[3].ID })
				}
				if !slices.Equal(ids, want) {
					t.Errorf("wide=%v: reports %q, want %q", wide, ids, want)
				}
			}
		})
	}
}

func parseSynth(t testing.TB, name string) *corpus.Report {
	t.Helper()
	path := filepath.Join("..", "testdata", "synth", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := parser.Parse(context.Background(), data, name)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestExport_ParsedReports exports real parser output (the synthetic
// reports of testdata/synth) and checks every exported value against the
// records: one long row per cell, every wide column equal to Report.Value.
func TestExport_ParsedReports(t *testing.T) {
	st := openStore(t, t.TempDir())
	var reps []*corpus.Report
	for _, n := range []string{"template-2019.txt", "example-2021.txt", "example-2021.html", "township-blanks-dashes.txt"} {
		reps = append(reps, parseSynth(t, n))
	}
	commitReports(t, st, reps)
	byID := map[string]*corpus.Report{}
	cells := 0
	var primary []string
	for _, r := range reps {
		byID[r.ID] = r
	}
	if err := forEachPrimary(st, func(id string) { primary = append(primary, id); cells += len(byID[id].Cells) }); err != nil {
		t.Fatal(err)
	}
	if len(primary) != 3 {
		t.Fatalf("%d primary renditions, want 3 (the HTML and text of example-2021 are one report)", len(primary))
	}
	long, n := export(t, st, corpus.ExportOptions{})
	if n != cells {
		t.Errorf("%d long rows, want %d (one per cell of the primary renditions)", n, cells)
	}
	blanks := 0
	for _, row := range readCSV(t, long) {
		r := byID[row["report_id"]]
		if !slices.Contains(primary, r.ID) {
			t.Fatalf("non-primary rendition %s exported", r.ID)
		}
		i := slices.IndexFunc(r.Cells, func(c corpus.Cell) bool { return c.Key == row["key"] })
		if i < 0 {
			t.Fatalf("%s: no cell %s", r.ID, row["key"])
		}
		c := r.Cells[i]
		want := ""
		if c.Value != nil {
			want = corpus.FormatValue(*c.Value)
		}
		if row["value"] != want || row["raw"] != c.Raw || row["state"] != c.State || row["location"] != c.Where {
			t.Errorf("%s %s: %v, want value %q raw %q state %s", r.ID, c.Key, row, want, c.Raw, c.State)
		}
		if c.State == corpus.StateBlank || c.State == corpus.StateDash {
			blanks++
		}
	}
	if blanks == 0 {
		t.Error("no blank or dash cell exported: township-blanks-dashes.txt should have some")
	}
	wide, n := export(t, st, corpus.ExportOptions{Wide: true, Format: corpus.FormatJSONL})
	if n != 3 {
		t.Errorf("%d wide rows, want 3", n)
	}
	for _, row := range readJSONL(t, wide) {
		r := byID[row["report_id"].(string)]
		for _, key := range corpus.WideKeys() {
			v, ok := r.Value(key)
			var want any
			if ok {
				want = json.Number(corpus.FormatValue(v))
			}
			if row[key] != want {
				t.Errorf("%s %s = %v, want %v", r.ID, key, row[key], want)
			}
		}
	}
}

func forEachPrimary(st *corpus.Store, fn func(id string)) error {
	rows, err := corpus.DBOf(st).Query(`SELECT id FROM reports WHERE primary_rendition ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		fn(id)
	}
	return rows.Err()
}

// TestExport_Columns checks the column lists: names unique, the wide keys
// cover both templates' value keys and the derived totals.
func TestExport_Columns(t *testing.T) {
	for name, cols := range map[string][]corpus.Column{"long": corpus.LongColumns(), "wide": corpus.WideColumns()} {
		seen := map[string]bool{}
		for _, c := range cols {
			if seen[c.Name] {
				t.Errorf("%s: column %s twice", name, c.Name)
			}
			seen[c.Name] = true
			if c.Doc == "" || c.Kind == "" {
				t.Errorf("%s: column %s undocumented", name, c.Name)
			}
		}
	}
	keys := corpus.WideKeys()
	var want []string
	for _, tmpl := range []string{corpus.Template2019, corpus.Template2021} {
		for _, row := range corpus.ApplyRows(tmpl) {
			for _, col := range corpus.ApplyColumns {
				want = append(want, "apply."+row+"."+col)
			}
		}
		for _, k := range corpus.ActiveKeys(tmpl) {
			want = append(want, "active."+k.Key)
		}
	}
	for _, g := range []string{"review", "suit_direct", "suit_after_review"} {
		for _, col := range corpus.ReviewColumns {
			want = append(want, g+"."+col)
		}
	}
	want = append(want, "apply.denied.total", "apply.unable.total", "apply.not_processed.total", "apply.other.total", "suit.total")
	for _, k := range want {
		if !slices.Contains(keys, k) {
			t.Errorf("wide format lacks %s", k)
		}
	}
	if len(keys) != 231 {
		t.Errorf("%d wide figure columns, want 231", len(keys))
	}
}

// TestExport_Doc keeps EXPORT.md in step with the columns (-update rewrites it).
func TestExport_Doc(t *testing.T) {
	golden.Check(t, "EXPORT.md", []byte(exportDoc()))
}

func exportDoc() string {
	var b strings.Builder
	b.WriteString(`# gongkai export: columns

` + "`gongkai export`" + ` (corpus.Export) writes the catalog's reports as CSV (a header row, then
rows; ` + "`--bom`" + ` puts a UTF-8 byte order mark first, for Excel) or JSONL (one object per line,
keyed by the column names). Only primary renditions are exported unless ` + "`--all-renditions`" + `;
filters: ` + "`--office`, `--region`, `--level`, `--year`, `--template`, `--failed-checks`" + `.
Rows are in report id order.

An empty CSV field is a JSON null: **a blank is never 0**. In the long format ` + "`state`" + ` says
why a value is empty (blank, dash "-", text, or an uncertain run of digits).

This file is generated from the code: ` + "`go test ./corpus -run TestExport_Doc -update`" + `.

## Long format (default): one row per table value

Values come in the order the report prints them: table 二 (active), 三 (apply), 四 (review,
suit_direct, suit_after_review). Derived totals (apply.denied.total …, suit.total) are not
printed cells and appear only in the wide format.

| column | type | meaning |
| --- | --- | --- |
`)
	for _, c := range corpus.LongColumns() {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.Name, c.Kind, mdCell(c.Doc))
	}
	b.WriteString(`
## Wide format (` + "`--wide`" + `): one row per report

The report columns come first, then one column per key figure (type number, empty/null when the
report lacks the value or leaves it blank), named by the value key of the JSON contract. Both
templates' keys are present; a 2019 report leaves the 2021-only columns empty and vice versa.

| column | type | meaning |
| --- | --- | --- |
`)
	cols := corpus.WideColumns()
	nMeta := len(cols) - len(corpus.WideKeys())
	for _, c := range cols[:nMeta] {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.Name, c.Kind, mdCell(c.Doc))
	}
	b.WriteString(`| ` + "`active.<key>`" + ` | number | table 二: the keys of both templates (corpus.ActiveKeys: 2019 first, then the 2021-only ones) |
| ` + "`apply.<row>.<column>`" + ` | number | table 三: every row of both templates (2021 order, with 2019's other_total before result_total; in 2021 other_total is derived, the sum of the three other_* rows) × natural_person, commercial, research, public_welfare, legal_service, other_org, total |
| ` + "`apply.<group>.total`" + ` | number | derived totals, each after its group: denied (8 rows), unable (3), not_processed (5), other (other_total) |
| ` + "`review.<column>`, `suit_direct.<column>`, `suit_after_review.<column>`" + ` | number | table 四 × upheld, corrected, other, pending, total |
| ` + "`suit.total`" + ` | number | derived: suit_direct.total + suit_after_review.total |

The figure columns, in order:

| column | meaning |
| --- | --- |
`)
	for _, c := range cols[nMeta:] {
		fmt.Fprintf(&b, "| `%s` | %s |\n", c.Name, mdCell(c.Doc))
	}
	return b.String()
}

// mdCell escapes the pipes of a Markdown table cell.
func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// scaleArchive fills st with n copies of one parsed report, each its own
// report (own id, office and year), committed in batches.
func scaleArchive(t testing.TB, st *corpus.Store, base *corpus.Report, n int) {
	t.Helper()
	const batch = 500
	for i := 0; i < n; i += batch {
		var es []corpus.Entry
		for j := i; j < min(i+batch, n); j++ {
			r := *base
			sha := shaOf("scale" + strconv.Itoa(j))
			r.ID, r.Source.SHA256 = sha[:12], sha
			r.Year = 2019 + j%6
			r.OfficeFull = base.OfficeFull + strconv.Itoa(j)
			es = append(es, corpus.Entry{SHA256: sha, Size: 1, Origin: corpus.Origin{Kind: "file", Path: sha + ".txt"}, Report: &r})
		}
		if err := st.Commit(context.Background(), es); err != nil {
			t.Fatal(err)
		}
	}
}

// measure exports to io.Discard while sampling the heap; it returns the
// rows, the rows per second and the peak heap in use.
func measure(t testing.TB, st *corpus.Store, opt corpus.ExportOptions) (rows int, perSec float64, peak uint64) {
	t.Helper()
	runtime.GC()
	var stop atomic.Bool
	var wg sync.WaitGroup
	var max uint64
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > max {
			max = ms.HeapInuse
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			sample()
			time.Sleep(20 * time.Millisecond)
		}
	}()
	start := time.Now()
	rows, err := corpus.Export(context.Background(), st, io.Discard, opt)
	el := time.Since(start)
	stop.Store(true)
	wg.Wait()
	sample()
	if err != nil {
		t.Fatal(err)
	}
	return rows, float64(rows) / el.Seconds(), max
}

// TestExport_MemoryFlat exports archives of two sizes and checks that the
// peak heap does not grow with the archive. GONGKAI_EXPORT_SCALE=N sets
// the larger size (default 2000 reports, ~400,000 cells);
// GONGKAI_EXPORT_SCALE_DIR keeps that archive for CLI measurements.
func TestExport_MemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds archives of thousands of reports")
	}
	big := 2000
	if s := os.Getenv("GONGKAI_EXPORT_SCALE"); s != "" {
		var err error
		if big, err = strconv.Atoi(s); err != nil || big < 10 {
			t.Fatalf("GONGKAI_EXPORT_SCALE=%q: want a number of reports ≥ 10", s)
		}
	}
	base := parseSynth(t, "example-2021.txt")
	type result struct {
		rows   int
		perSec float64
		peak   uint64
	}
	var res [2][2]result // [size][long, wide]
	for si, n := range []int{big / 10, big} {
		dir := t.TempDir()
		if d := os.Getenv("GONGKAI_EXPORT_SCALE_DIR"); d != "" && si == 1 {
			dir = d
		}
		st := openStore(t, dir)
		start := time.Now()
		scaleArchive(t, st, base, n)
		t.Logf("%d reports committed in %v", n, time.Since(start).Round(time.Millisecond))
		for wi, wide := range []bool{false, true} {
			rows, perSec, peak := measure(t, st, corpus.ExportOptions{Wide: wide})
			res[si][wi] = result{rows, perSec, peak}
			t.Logf("%6d reports, wide=%-5v: %8d rows, %9.0f rows/s, peak heap in use %5.1f MiB", n, wide, rows, perSec, float64(peak)/(1<<20))
		}
	}
	for wi := range 2 {
		small, large := res[0][wi], res[1][wi]
		if large.rows < 9*small.rows {
			t.Errorf("rows %d and %d: the larger archive should have 10 times as many", small.rows, large.rows)
		}
		if large.peak > small.peak*3/2+8<<20 {
			t.Errorf("peak heap grew from %d to %d bytes with the archive", small.peak, large.peak)
		}
	}
}

// BenchmarkExport measures rows/s of each format over 500 reports
// (about 100,000 cells).
func BenchmarkExport(b *testing.B) {
	st := openStore(b, b.TempDir())
	scaleArchive(b, st, parseSynth(b, "example-2021.txt"), 500)
	for _, c := range []struct {
		name string
		opt  corpus.ExportOptions
	}{
		{"long-csv", corpus.ExportOptions{}},
		{"long-jsonl", corpus.ExportOptions{Format: corpus.FormatJSONL}},
		{"wide-csv", corpus.ExportOptions{Wide: true}},
		{"wide-jsonl", corpus.ExportOptions{Wide: true, Format: corpus.FormatJSONL}},
	} {
		b.Run(c.name, func(b *testing.B) {
			rows := 0
			for b.Loop() {
				n, err := corpus.Export(context.Background(), st, io.Discard, c.opt)
				if err != nil {
					b.Fatal(err)
				}
				rows += n
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// FuzzExport commits a report whose office and raw cell text are arbitrary
// and checks that both formats carry them through intact: JSONL as
// encoding/json would write them, CSV byte for byte (but for CRLF, which
// encoding/csv reads as LF).
func FuzzExport(f *testing.F) {
	for _, r := range tinyReports() {
		for _, c := range r.Cells {
			f.Add(r.Office, c.Raw)
		}
	}
	f.Add("a\"b\\c\n\r\t\x00\x1f", "\u2028\u2029\xff\xfe<>&")
	f.Add("", ",\"\n")
	st := openStore(f, f.TempDir())
	sha := shaOf("fuzz")
	f.Fuzz(func(t *testing.T, office, raw string) {
		r := tinyReports()[0]
		r.Office, r.OfficeFull = office, office
		r.Cells = []corpus.Cell{{Key: "apply.granted.total", Raw: raw, State: corpus.StateText}}
		r.Source.SHA256, r.ID = sha, sha[:12]
		commitReports(t, st, []*corpus.Report{r})
		jl, n := export(t, st, corpus.ExportOptions{Format: corpus.FormatJSONL})
		if n != 1 {
			t.Fatalf("%d rows, want 1", n)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(jl), &got); err != nil {
			t.Fatalf("JSONL line does not decode: %v\n%q", err, jl)
		}
		for k, in := range map[string]string{"office": office, "raw": raw} {
			b, _ := json.Marshal(in)
			var want string
			json.Unmarshal(b, &want)
			if got[k] != want {
				t.Errorf("JSONL %s = %q, want %q", k, got[k], want)
			}
		}
		rows := readCSV(t, func() string { s, _ := export(t, st, corpus.ExportOptions{}); return s }())
		if len(rows) != 1 {
			t.Fatalf("%d CSV rows, want 1", len(rows))
		}
		for k, in := range map[string]string{"office": office, "raw": raw} {
			if want := strings.ReplaceAll(in, "\r\n", "\n"); rows[0][k] != want {
				t.Errorf("CSV %s = %q, want %q", k, rows[0][k], want)
			}
		}
	})
}

// TestExport_RecordVariants checks that the wide format reads the tables of
// records not written in Commit's key order: tables first (no leading
// comma), and an earlier object with a "tables" key that is not the
// report's tables.
func TestExport_RecordVariants(t *testing.T) {
	st, reps := tinyStore(t)
	a := reps[0]
	tables, err := json.Marshal(a.Tables)
	if err != nil {
		t.Fatal(err)
	}
	for name, rec := range map[string]string{
		"tables first":  `{"tables":` + string(tables) + `,"id":"` + a.ID + `"}`,
		"decoy earlier": `{"id":"` + a.ID + `","templates":{"x":"y"},"decoy":{"a":1,"tables":{"nope":[1]}},"tables":` + string(tables) + `}`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := corpus.DBOf(st).Exec(`UPDATE reports SET record = ? WHERE id = ?`, rec, a.ID); err != nil {
				t.Fatal(err)
			}
			got, _ := export(t, st, corpus.ExportOptions{Wide: true, Format: corpus.FormatJSONL, Filter: corpus.Filter{Office: "罗山"}})
			rows := readJSONL(t, got)
			if len(rows) != 1 {
				t.Fatalf("%d rows", len(rows))
			}
			for key, want := range map[string]any{"apply.granted.total": json.Number("2"), "suit.total": json.Number("3"), "apply.granted.commercial": nil, "active.a20_8.fees.amount_wan": json.Number("1.5")} {
				if rows[0][key] != want {
					t.Errorf("%s = %v, want %v", key, rows[0][key], want)
				}
			}
		})
	}
	if _, err := corpus.DBOf(st).Exec(`UPDATE reports SET record = '{"tables":' WHERE id = ?`, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := corpus.Export(context.Background(), st, io.Discard, corpus.ExportOptions{Wide: true}); err == nil || !strings.Contains(err.Error(), a.ID) {
		t.Errorf("a broken record: %v, want an error naming %s", err, a.ID)
	}
}
