package compare

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"

	"gongkai/compare/comparetest"
	"gongkai/corpus"
)

var (
	fixtureOnce sync.Once
	fixtureSt   *corpus.Store
	fixtureErr  error
)

// fixture opens the shared fixture archive (built once per test binary; it
// is only read).
func fixture(t testing.TB) *corpus.Store {
	t.Helper()
	fixtureOnce.Do(func() {
		dir, err := os.MkdirTemp("", "compare-fixture-")
		if err != nil {
			fixtureErr = err
			return
		}
		fixtureSt, fixtureErr = comparetest.Build(context.Background(), dir)
	})
	if fixtureErr != nil {
		t.Fatalf("fixture: %v", fixtureErr)
	}
	return fixtureSt
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureSt != nil {
		dir := fixtureSt.Dir()
		fixtureSt.Close()
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

var zoneAlias = WithAliases(Alias{A: "晋江经济开发区管委会", B: "晋江经济开发区管理委员会"})

func TestResolve(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	cases := []struct {
		name    string
		query   string
		opts    []Option
		want    string // the office's canonical name; "" when an error is expected
		how     string // a match the office must record
		wantErr error
	}{
		{name: "title name of 2020", query: "青阳街道办事处", want: "晋江市青阳街道办事处", how: "same region code 350582001 and name 青阳街道办事处"},
		{name: "canonical name", query: "晋江市青阳街道办事处", want: "晋江市青阳街道办事处"},
		{name: "spaces and full width ignored", query: " 晋江市 青阳街道办事处 ", want: "晋江市青阳街道办事处"},
		{name: "prefix added by the user", query: "泉州市晋江市罗山街道办事处", want: "晋江市罗山街道办事处"},
		{name: "人民政府 and 政府 are one", query: "晋江市人民政府", want: "晋江市政府", how: "same region code 350582 and name 晋江市政府"},
		{name: "substring", query: "湖滨", want: "石狮市湖滨街道办事处"},
		{name: "zone without alias", query: "晋江经济开发区管委会", want: "晋江经济开发区管委会"},
		{name: "zone with alias", query: "晋江经济开发区管委会", opts: []Option{zoneAlias}, want: "晋江经济开发区管理委员会",
			how: "override: 晋江经济开发区管委会 = 晋江经济开发区管理委员会"},
		{name: "ambiguous", query: "街道办事处", wantErr: ErrAmbiguous},
		{name: "unknown", query: "鼓浪屿管委会", wantErr: corpus.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			offs, err := LoadOffices(ctx, st, c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			o, err := offs.Resolve(c.query)
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("Resolve(%q) = %v, %v; want %v", c.query, o, err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if o.Name != c.want {
				t.Errorf("Resolve(%q) = %s, want %s", c.query, o.Name, c.want)
			}
			if c.how == "" {
				return
			}
			for _, m := range o.Matches {
				if m.How == c.how {
					return
				}
			}
			t.Errorf("matches %+v lack %q", o.Matches, c.how)
		})
	}
}

func TestOffices_Count(t *testing.T) {
	st := fixture(t)
	for _, c := range []struct {
		name string
		opts []Option
		want int
	}{
		{"automatic", nil, 8},
		{"with alias", []Option{zoneAlias}, 7},
		{"alias naming nothing", []Option{WithAliases(Alias{A: "甲", B: "乙"})}, 8},
	} {
		t.Run(c.name, func(t *testing.T) {
			offs, err := LoadOffices(context.Background(), st, c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(offs.All()); n != c.want {
				var names []string
				for _, o := range offs.All() {
					names = append(names, o.Name)
				}
				t.Errorf("%d offices %v, want %d", n, names, c.want)
			}
		})
	}
}

func num(t *testing.T, c Cell) float64 {
	t.Helper()
	if c.Value == nil {
		t.Fatalf("%s %d %s: no value (report %q)", c.Office, c.Year, c.Metric, c.Report)
	}
	return *c.Value
}

func TestOfficeYears(t *testing.T) {
	st := fixture(t)
	tb, err := OfficeYears(context.Background(), st, "青阳街道办事处", []string{"apply.new_received.total", "apply.denied.total", "rate.granted", "rate.review_corrected"})
	if err != nil {
		t.Fatal(err)
	}
	if got := tb.Columns; len(got) != 5 || got[0] != "2019" || got[4] != "2023" {
		t.Fatalf("columns %v, want 2019…2023", got)
	}
	newRow, denied, granted, corrected := tb.Rows[0].Cells, tb.Rows[1].Cells, tb.Rows[2].Cells, tb.Rows[3].Cells
	for i, want := range []float64{5, 3, 3, -1, 8} {
		c := newRow[i]
		if want < 0 {
			if c.Report != "" || c.Value != nil {
				t.Errorf("2022: %+v, want no report", c)
			}
			continue
		}
		if got := num(t, c); got != want {
			t.Errorf("new_received %d = %v, want %v", c.Year, got, want)
		}
	}
	if c := newRow[1]; c.Change == nil || *c.Change != -2 {
		t.Errorf("2020 change %v, want -2", c.Change)
	}
	if c := newRow[4]; c.Change != nil {
		t.Errorf("2023 change %v, want none (no 2022 report)", *c.Change)
	}
	if got := num(t, denied[4]); got != 2 {
		t.Errorf("denied 2023 = %v, want 2", got)
	}
	if got := num(t, granted[1]); got != 0.75 {
		t.Errorf("rate.granted 2020 = %v, want 0.75", got)
	}
	if got := num(t, granted[4]); got != 4.0/7 {
		t.Errorf("rate.granted 2023 = %v, want 4/7", got)
	}
	if got := num(t, corrected[4]); got != 1.0/3 {
		t.Errorf("rate.review_corrected 2023 = %v, want 1/3", got)
	}
	if c := corrected[1]; c.Value != nil || c.Report == "" {
		t.Errorf("rate.review_corrected 2020 = %+v, want a report without the value (no decided reviews)", c)
	}
	if len(tb.Offices) != 1 || len(tb.Offices[0].Matches) != 1 {
		t.Errorf("offices %+v, want one with one match", tb.Offices)
	}
}

func TestOfficeYears_FromText(t *testing.T) {
	st := fixture(t)
	tb, err := OfficeYears(context.Background(), st, "晋江市人民政府", []string{"apply.new_received.total", "apply.granted.total", "rate.granted"})
	if err != nil {
		t.Fatal(err)
	}
	cells := tb.Rows[0].Cells
	if cells[0].Year != 2018 || num(t, cells[0]) != 50 || !cells[0].FromText {
		t.Errorf("2018: %+v, want 50 from the text (the year figure, not the cumulative 500)", cells[0])
	}
	if num(t, cells[1]) != 60 || cells[1].FromText || *cells[1].Change != 10 {
		t.Errorf("2019: %+v, want 60 from the table, change +10", cells[1])
	}
	if c := tb.Rows[1].Cells[0]; num(t, c) != 30 || !c.FromText {
		t.Errorf("granted 2018: %+v, want 30 from text", c)
	}
	if c := tb.Rows[2].Cells[0]; c.Value != nil {
		t.Errorf("rate.granted 2018 = %v, want none (no result total)", *c.Value)
	}
}

func TestOfficeYears_SeveralPrimaries(t *testing.T) {
	st := fixture(t)
	tb, err := OfficeYears(context.Background(), st, "晋江市罗山街道办事处", []string{"apply.new_received.total"})
	if err != nil {
		t.Fatal(err)
	}
	c := tb.Rows[0].Cells[0]
	if c.Year != 2021 || num(t, c) != 10 || c.Report != comparetest.ID("luoshan-2021-a.txt") {
		t.Errorf("2021: %+v, want 10 from luoshan-2021-a (its checks pass)", c)
	}
	want := "晋江市罗山街道办事处 2021: 2 different reports (" + comparetest.ID("luoshan-2021-a.txt") + ", " + comparetest.ID("luoshan-2021-b.txt") +
		"); counted " + comparetest.ID("luoshan-2021-a.txt") + " (its checks pass)"
	if len(tb.Notes) != 1 || tb.Notes[0] != want {
		t.Errorf("notes %q, want %q", tb.Notes, want)
	}
	if c := tb.Rows[0].Cells[2]; num(t, c) != 20 {
		t.Errorf("2023: %+v, want 20 (two renditions, counted once)", c)
	}
}

func TestSideBySide(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	tb, err := SideBySide(ctx, st, []string{"青阳街道办事处", "罗山街道办事处", "晋江市人民政府"}, 2023, []string{"apply.denied.total", "rate.denied"})
	if err != nil {
		t.Fatal(err)
	}
	row := tb.Rows[0].Cells
	if num(t, row[0]) != 2 || num(t, row[1]) != 6 || row[2].Report != "" {
		t.Errorf("denied 2023: %+v", row)
	}
	if got := num(t, tb.Rows[1].Cells[1]); got != 6.0/20 {
		t.Errorf("rate.denied 罗山 2023 = %v, want 0.3", got)
	}
	if len(tb.Notes) != 1 || tb.Notes[0] != "晋江市政府 has no report for 2023" {
		t.Errorf("notes %q", tb.Notes)
	}
	if _, err := SideBySide(ctx, st, []string{"青阳街道办事处", "晋江市青阳街道办事处"}, 2023, nil); err == nil {
		t.Error("the same office twice: no error")
	}
}

func TestRank(t *testing.T) {
	st := fixture(t)
	type row struct {
		office string
		rank   int
		value  float64
	}
	cases := []struct {
		name   string
		filter Filter
		metric string
		limit  int
		want   []row
	}{
		{"all", Filter{}, "apply.denied.total", 0, []row{{"厦门市思明区人民政府", 1, 50}, {"泉州市人民政府", 2, 30}, {"晋江市罗山街道办事处", 3, 6}, {"石狮市湖滨街道办事处", 4, 4}, {"晋江市青阳街道办事处", 5, 2}}},
		{"townships of 泉州市", Filter{Region: "泉州市", Levels: []string{"township"}}, "apply.denied.total", 0, []row{{"晋江市罗山街道办事处", 1, 6}, {"石狮市湖滨街道办事处", 2, 4}, {"晋江市青阳街道办事处", 3, 2}}},
		{"code prefix", Filter{Region: "350582"}, "apply.denied.total", 0, []row{{"晋江市罗山街道办事处", 1, 6}, {"晋江市青阳街道办事处", 2, 2}}},
		{"short region name", Filter{Region: "石狮"}, "apply.denied.total", 0, []row{{"石狮市湖滨街道办事处", 1, 4}}},
		{"limit", Filter{Region: "泉州市"}, "apply.denied.total", 2, []row{{"泉州市人民政府", 1, 30}, {"晋江市罗山街道办事处", 2, 6}}},
		{"office", Filter{Office: "湖滨街道办事处"}, "apply.granted.total", 0, []row{{"石狮市湖滨街道办事处", 1, 5}}},
		{"ties share a rank", Filter{Levels: []string{"township"}}, "suit.total", 0, []row{{"晋江市罗山街道办事处", 1, 0}, {"晋江市青阳街道办事处", 1, 0}, {"石狮市湖滨街道办事处", 1, 0}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb, err := Rank(context.Background(), st, c.filter, c.metric, 2023, c.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []row
			for _, r := range tb.Rows {
				got = append(got, row{r.Label, r.Rank, num(t, r.Cells[0])})
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("row %d = %v, want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestRank_Errors(t *testing.T) {
	st := fixture(t)
	for _, c := range []struct {
		name   string
		filter Filter
		metric string
	}{
		{"unknown rate", Filter{}, "rate.nope"},
		{"unknown table", Filter{}, "foo.total"},
		{"bad apply column", Filter{}, "apply.granted.sum"},
		{"bad review column", Filter{}, "review.upheld_total"},
		{"bad level", Filter{Levels: []string{"village"}}, "apply.denied.total"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Rank(context.Background(), st, c.filter, c.metric, 2023, 0); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestCoverage(t *testing.T) {
	st := fixture(t)
	g, err := Coverage(context.Background(), st, Filter{Region: "晋江市"}, zoneAlias)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Years) != 6 || g.Years[0] != 2018 || g.Years[5] != 2023 {
		t.Errorf("years %v, want 2018…2023", g.Years)
	}
	type want struct {
		years []int
		gaps  []int
	}
	wants := map[string]want{
		"晋江市政府":        {[]int{2018, 2019}, nil},
		"晋江经济开发区管理委员会": {[]int{2021, 2022}, nil},
		"晋江市青阳街道办事处":   {[]int{2019, 2020, 2021, 2023}, []int{2022}},
		"晋江市罗山街道办事处":   {[]int{2021, 2022, 2023}, nil},
	}
	if len(g.Rows) != len(wants) {
		t.Fatalf("%d rows, want %d", len(g.Rows), len(wants))
	}
	for _, r := range g.Rows {
		w, ok := wants[r.Office]
		if !ok {
			t.Errorf("unexpected office %s", r.Office)
			continue
		}
		for _, y := range w.years {
			if len(r.Reports[y]) == 0 {
				t.Errorf("%s %d: no report", r.Office, y)
			}
		}
		if len(r.Reports) != len(w.years) || len(r.Gaps) != len(w.gaps) || (len(w.gaps) > 0 && r.Gaps[0] != w.gaps[0]) {
			t.Errorf("%s: reports %v gaps %v, want years %v gaps %v", r.Office, r.Reports, r.Gaps, w.years, w.gaps)
		}
	}
	if g.Reports != 12 || g.Gaps != 1 {
		t.Errorf("reports %d gaps %d, want 12 (罗山 2021 twice, its 2023 renditions once) and 1", g.Reports, g.Gaps)
	}
}

type finding struct {
	check, office string
	year          int
}

func TestCheck(t *testing.T) {
	st := fixture(t)
	ls, qy := "晋江市罗山街道办事处", "晋江市青阳街道办事处"
	cases := []struct {
		name   string
		filter Filter
		want   []finding
	}{
		// The fixture's 青阳 2020 and 2021 reports were listed after their
		// deadlines (comparetest's crawl listing dates): C9 fails.
		{"all", Filter{}, []finding{{"C1", ls, 2021}, {"C1", ls, 2022}, {"C7", ls, 2022}, {"C6", ls, 2023}, {"C9", qy, 2020}, {"C6", qy, 2021}, {"C7", qy, 2021}, {"C9", qy, 2021}}},
		{"C9", Filter{Check: "C9"}, []finding{{"C9", qy, 2020}, {"C9", qy, 2021}}},
		{"late", Filter{Timely: "late"}, []finding{{"C9", qy, 2020}, {"C6", qy, 2021}, {"C7", qy, 2021}, {"C9", qy, 2021}}},
		// Cross-year findings need both years selected: 罗山 2022 is the one
		// report listed on time.
		{"not assessable", Filter{Timely: "not_assessable"}, []finding{{"C1", ls, 2021}}},
		{"on time", Filter{Timely: "on_time"}, []finding{{"C1", ls, 2022}}},
		{"C1", Filter{Check: "C1"}, []finding{{"C1", ls, 2021}, {"C1", ls, 2022}}},
		{"C6", Filter{Check: "C6"}, []finding{{"C6", ls, 2023}, {"C6", qy, 2021}}},
		{"office", Filter{Office: "青阳街道办事处"}, []finding{{"C9", qy, 2020}, {"C6", qy, 2021}, {"C7", qy, 2021}, {"C9", qy, 2021}}},
		{"year 2023", Filter{YearFrom: 2023, YearTo: 2023}, []finding{{"C6", ls, 2023}}},
		{"years 2022..", Filter{YearFrom: 2022}, []finding{{"C1", ls, 2022}, {"C7", ls, 2022}, {"C6", ls, 2023}}},
		{"region code", Filter{Region: "350582001"}, []finding{{"C9", qy, 2020}, {"C6", qy, 2021}, {"C7", qy, 2021}, {"C9", qy, 2021}}},
		{"level county", Filter{Levels: []string{"county"}}, nil},
		{"template 2019", Filter{Templates: []string{"2019"}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, err := Check(context.Background(), st, c.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got []finding
			for _, f := range fs {
				got = append(got, finding{f.Check, f.Office, f.Year})
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("finding %d = %v, want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestCrossYear_Cells(t *testing.T) {
	st := fixture(t)
	fs, err := CrossYear(context.Background(), st, Filter{Office: "罗山街道办事处"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 {
		t.Fatalf("%d findings, want 2: %+v", len(fs), fs)
	}
	c7, c6 := fs[0], fs[1]
	if c7.Check != "C7" || c7.Status != corpus.CheckWarn || c7.Report != comparetest.ID("luoshan-2022.txt") || c7.PrevReport != comparetest.ID("luoshan-2021-a.txt") {
		t.Errorf("C7 finding %+v", c7)
	}
	wantC7 := []float64{12, 10, 2, 1} // valid 2022, valid 2021, issued 2022, repealed 2022
	for i, w := range wantC7 {
		if c7.Cells[i].Value == nil || *c7.Cells[i].Value != w {
			t.Errorf("C7 cell %s(%d) = %v, want %v", c7.Cells[i].Key, c7.Cells[i].Year, c7.Cells[i].Value, w)
		}
	}
	if c6.Check != "C6" || c6.Year != 2023 || c6.PrevYear != 2022 || len(c6.Cells) != 4 {
		t.Fatalf("C6 finding %+v", c6)
	}
	if k, v := c6.Cells[2].Key, *c6.Cells[2].Value; k != "apply.carried_over.total" || v != 3 {
		t.Errorf("C6 cell %s = %v, want apply.carried_over.total = 3", k, v)
	}
	if k, v := c6.Cells[3].Key, *c6.Cells[3].Value; k != "apply.carry_forward.total" || v != 1 {
		t.Errorf("C6 cell %s = %v, want apply.carry_forward.total = 1", k, v)
	}
	if c6.Report != comparetest.ID("luoshan-2023.html") && c6.Report != comparetest.ID("luoshan-2023.pdf") {
		t.Errorf("C6 report %s is not a 2023 rendition", c6.Report)
	}
}

func TestCheck_FailedCells(t *testing.T) {
	st := fixture(t)
	fs, err := Check(context.Background(), st, Filter{Check: "C1", YearFrom: 2022, YearTo: 2022})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 {
		t.Fatalf("%d findings, want 1", len(fs))
	}
	f := fs[0]
	want := map[string]float64{"apply.new_received.total": 6, "apply.carried_over.total": 2, "apply.result_total.total": 5, "apply.carry_forward.total": 1}
	seen := 0
	for _, c := range f.Cells {
		if w, ok := want[c.Key]; ok {
			seen++
			if c.Value == nil || *c.Value != w {
				t.Errorf("%s = %v, want %v", c.Key, c.Value, w)
			}
		}
	}
	if seen != len(want) || f.Status != corpus.CheckFail || f.Report != comparetest.ID("luoshan-2022.txt") {
		t.Errorf("finding %+v", f)
	}
}

func TestFilter_Validate(t *testing.T) {
	for _, c := range []struct {
		name string
		f    Filter
		ok   bool
	}{
		{"empty", Filter{}, true},
		{"years", Filter{YearFrom: 2019, YearTo: 2023}, true},
		{"reversed years", Filter{YearFrom: 2023, YearTo: 2019}, false},
		{"bad level", Filter{Levels: []string{"village"}}, false},
		{"check", Filter{Check: "C6"}, true},
		{"bad check", Filter{Check: "C0"}, false},
		{"C9", Filter{Check: "C9"}, true},
		{"bad timely", Filter{Timely: "soon"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.f.Validate(); (err == nil) != c.ok {
				t.Errorf("Validate() = %v, want ok=%v", err, c.ok)
			}
		})
	}
}
